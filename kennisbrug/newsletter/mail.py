"""Newsletter mails: the issue itself (HTML and text, List-Unsubscribe headers) and the
confirmation of a subscription. Subject/text/html triples."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from kennisbrug.newsletter import links
from kennisbrug.newsletter.compose import sections
from kennisbrug.newsletter.models import Issue, Subscriber


def issue_message(
    issue: Issue, subscriber: Subscriber | None, *, to: str = ""
) -> EmailMultiAlternatives:
    """The issue for one subscriber, or (without one) a test copy for an editor at ``to``."""
    context = {
        "issue": issue,
        "sections": sections(issue),
        "web_url": settings.SITE_URL.rstrip("/") + issue.get_absolute_url(),
        "test": subscriber is None,
    }
    headers = {}
    if subscriber is not None:
        unsubscribe = links.url(subscriber, "unsubscribe")
        context |= {"unsubscribe_url": unsubscribe, "manage_url": links.url(subscriber, "manage")}
        # RFC 2369 and RFC 8058: mail clients show their own one-click "unsubscribe" button.
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        to = subscriber.email
    subject = issue.title if subscriber else _("[PROEF] %(title)s") % {"title": issue.title}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("newsletter/mail/issue.txt", context),
        to=[to],
        headers=headers,
    )
    message.attach_alternative(render_to_string("newsletter/mail/issue.html", context), "text/html")
    return message


def send_confirmation(subscriber: Subscriber) -> None:
    already = subscriber.status == Subscriber.Status.ACTIVE
    context = {
        "subscriber": subscriber,
        "already": already,
        "confirm_url": links.url(subscriber, "confirm"),
        "manage_url": links.url(subscriber, "manage"),
    }
    subject = (
        _("Je bent al ingeschreven voor de nieuwsbrief")
        if already
        else _("Bevestig je inschrijving voor de nieuwsbrief")
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("newsletter/mail/confirm.txt", context),
        to=[subscriber.email],
    )
    message.attach_alternative(
        render_to_string("newsletter/mail/confirm.html", context), "text/html"
    )
    message.send()
