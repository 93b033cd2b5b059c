"""Subscribe (double opt-in), confirm, preferences and one-click unsubscribe by personal
signed links, and the public archive of sent issues."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from kennisbrug.newsletter import links
from kennisbrug.newsletter.compose import sections
from kennisbrug.newsletter.forms import CONSENT_TEXT, InterestsForm, SubscribeForm
from kennisbrug.newsletter.mail import send_confirmation
from kennisbrug.newsletter.models import Issue, Subscriber

Status = Subscriber.Status


def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
                email=data["email"].strip().lower()
            )
            # An active subscriber's interests change only through their own link: whoever
            # fills in this form may not be the owner of the address.
            if subscriber.status != Status.ACTIVE:
                subscriber.status = Status.PENDING
                subscriber.name = data["name"]
                subscriber.whole_network = data["whole_network"]
                subscriber.consent_at = timezone.now()
                subscriber.consent_text = str(CONSENT_TEXT)
                subscriber.save()
                subscriber.werkplaatsen.set(data["werkplaatsen"])
                subscriber.themes.set(data["themes"])
        send_confirmation(subscriber)
        # The same answer whether or not the address was known: nothing to learn from it.
        return render(request, "newsletter/check_mail.html", {"email": subscriber.email})
    return render(
        request,
        "newsletter/subscribe.html",
        {"form": form, "issues": Issue.objects.sent()[:5]},
        status=400 if request.method == "POST" else 200,
    )


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = links.subscriber_for(token, "confirm")
    if subscriber is None:
        return render(request, "newsletter/link_invalid.html", status=400)
    if subscriber.status != Status.ACTIVE:
        subscriber.status = Status.ACTIVE
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
    return render(
        request,
        "newsletter/confirmed.html",
        {"subscriber": subscriber, "manage_path": links.path(subscriber, "manage")},
    )


def preferences(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = links.subscriber_for(token, "manage")
    if subscriber is None:
        return render(request, "newsletter/link_invalid.html", status=400)
    initial = {
        "whole_network": subscriber.whole_network,
        "werkplaatsen": subscriber.werkplaatsen.all(),
        "themes": subscriber.themes.all(),
    }
    form = InterestsForm(request.POST or None, initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        subscriber.whole_network = form.cleaned_data["whole_network"]
        if subscriber.status == Status.UNSUBSCRIBED:
            # Choosing newsletters again on one's own personal link is a new, explicit consent.
            subscriber.status = Status.ACTIVE
            subscriber.consent_at = timezone.now()
            subscriber.consent_text = str(CONSENT_TEXT)
            subscriber.unsubscribed_at = None
        subscriber.save()
        subscriber.werkplaatsen.set(form.cleaned_data["werkplaatsen"])
        subscriber.themes.set(form.cleaned_data["themes"])
        saved = True
    return render(
        request,
        "newsletter/preferences.html",
        {
            "form": form,
            "subscriber": subscriber,
            "saved": saved,
            "unsubscribe_path": links.path(subscriber, "unsubscribe"),
        },
    )


@csrf_exempt  # mail clients POST here without a form (RFC 8058); the signed link authorises
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = links.subscriber_for(token, "unsubscribe")
    if subscriber is None:
        return render(request, "newsletter/link_invalid.html", status=400)
    done = False
    if request.method == "POST":
        if subscriber.status != Status.UNSUBSCRIBED:
            subscriber.status = Status.UNSUBSCRIBED
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["status", "unsubscribed_at"])
        done = True
    return render(
        request,
        "newsletter/unsubscribe.html",
        {
            "subscriber": subscriber,
            "done": done or subscriber.status == Status.UNSUBSCRIBED,
            "manage_path": links.path(subscriber, "manage"),
        },
    )


def archive(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/archive.html", {"issues": Issue.objects.sent()})


def issue_detail(request: HttpRequest, slug: str) -> HttpResponse:
    issue = get_object_or_404(Issue.objects.sent(), slug=slug)
    return render(request, "newsletter/issue_detail.html", _issue_context(issue))


def _issue_context(issue: Issue) -> dict:
    return {"issue": issue, "sections": sections(issue), "title": _("Nieuwsbrief")}
