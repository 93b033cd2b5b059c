"""The radar pages: the network view, one werkplaats's radar, agendas side by side, and the
dashboard with alerts and subscriptions."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kennisbrug.programmes.models import Programme
from kennisbrug.radar.models import Alert, Subscription
from kennisbrug.radar.overlaps import RadarContext
from kennisbrug.radar.services import alert_path
from kennisbrug.radar.sidebyside import MAX_COLUMNS, ChoiceError, compare
from kennisbrug.registry.models import Municipality, Werkplaats
from kennisbrug.themes.models import Theme


def network(request: HttpRequest) -> HttpResponse:
    ctx = RadarContext()
    matches = ctx.matches()
    by_place: Counter = Counter()
    by_theme: Counter = Counter()
    by_werkplaats: dict[Werkplaats, list] = defaultdict(list)
    by_programme: Counter = Counter()
    for match in matches:
        for place in match.same_places:
            by_place[place.name] += 1
        for theirs, _ours in match.neighbour_places:
            by_place[theirs.name] += 1
        for theme in match.themes:
            by_theme[theme.name] += 1
        by_werkplaats[match.werkplaats].append(match)
        by_programme[match.external.programme.name] += 1
    werkplaatsen = sorted(ctx.werkplaatsen, key=lambda w: (-len(by_werkplaats[w]), w.short_name))
    return render(
        request,
        "radar/network.html",
        {
            "matches": matches,
            "by_place": by_place.most_common(15),
            "by_theme": by_theme.most_common(15),
            "by_programme": by_programme.most_common(),
            "werkplaatsen": [(w, by_werkplaats[w]) for w in werkplaatsen],
            "agenda_overlaps": ctx.agenda_overlaps()[:15],
        },
    )


def _following(request: HttpRequest, **target) -> Subscription | None:
    if not request.user.is_authenticated:
        return None
    return Subscription.objects.filter(user=request.user, **target).first()


def werkplaats_radar(request: HttpRequest, slug: str) -> HttpResponse:
    werkplaats = get_object_or_404(Werkplaats, slug=slug)
    ctx = RadarContext()
    profile = ctx.profiles.get(werkplaats.pk)
    return render(
        request,
        "radar/werkplaats.html",
        {
            "werkplaats": werkplaats,
            "profile": profile,
            "matches": ctx.matches(werkplaats_ids=[werkplaats.pk]),
            "agenda_overlaps": ctx.agenda_overlaps(werkplaats.pk)[:8],
            "subscription": _following(request, werkplaats=werkplaats),
        },
    )


def side_by_side(request: HttpRequest) -> HttpResponse:
    chosen = request.GET.getlist("w")
    programme_slug = request.GET.get("programma", "")
    comparison, error = None, None
    # A programme alone is how its own page links here: preselect it and let the visitor pick
    # werkplaatsen, rather than greet them with an error.
    if chosen:
        try:
            comparison = compare(chosen, programme_slug or None)
        except ChoiceError as exc:
            error = str(exc)
    return render(
        request,
        "radar/side_by_side.html",
        {
            "werkplaatsen": Werkplaats.objects.exclude(status=Werkplaats.Status.ENDED),
            "programmes": Programme.objects.all(),
            "chosen": chosen,
            "programme_slug": programme_slug,
            "comparison": comparison,
            "error": error,
            "max_columns": MAX_COLUMNS,
        },
        status=400 if error else 200,
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    alerts = (
        Alert.objects.filter(user=request.user)
        .select_related("overlap__werkplaats", "overlap__external_project__programme")
        .order_by("-created_at")[:50]
    )
    return render(
        request,
        "radar/dashboard.html",
        {
            "alerts": alerts,
            "unread": Alert.objects.filter(user=request.user, read_at__isnull=True).count(),
            "subscriptions": Subscription.objects.filter(user=request.user).select_related(
                "werkplaats", "theme", "municipality"
            ),
            "werkplaatsen": Werkplaats.objects.exclude(status=Werkplaats.Status.ENDED),
            "themes": Theme.objects.order_by("position"),
            "municipalities": Municipality.objects.filter(active=True),
            "has_email": bool(request.user.email),
        },
    )


TARGETS = {"werkplaats": Werkplaats, "theme": Theme, "municipality": Municipality}


def _back(request: HttpRequest, fallback: str) -> str:
    wanted = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return fallback


@login_required
@require_POST
def follow(request: HttpRequest) -> HttpResponse:
    """Start or stop following a werkplaats, theme or municipality (one field in the form)."""
    back = _back(request, reverse("radar:dashboard"))
    for kind, model in TARGETS.items():
        value = request.POST.get(kind)
        if not value:
            continue
        target = model.objects.filter(pk=value).first() if value.isdigit() else None
        if target is None:
            messages.error(request, _("Kies eerst wat je wilt volgen."))
            return redirect(back)
        if request.POST.get("action") == "stop":
            Subscription.objects.filter(user=request.user, **{kind: target}).delete()
            messages.success(request, _("Je volgt %(target)s niet meer.") % {"target": target})
        else:
            try:
                with transaction.atomic():
                    Subscription.objects.create(user=request.user, **{kind: target})
            except IntegrityError:
                pass  # already following: nothing to do
            messages.success(
                request,
                _("Je volgt nu %(target)s. Nieuwe overlappen zie je op je overzicht.")
                % {"target": target},
            )
        return redirect(back)
    messages.error(request, _("Kies eerst wat je wilt volgen."))
    return redirect(back)


@login_required
def open_alert(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(
        Alert.objects.select_related("overlap__werkplaats"), pk=pk, user=request.user
    )
    if alert.read_at is None:
        Alert.objects.filter(pk=alert.pk, read_at__isnull=True).update(read_at=timezone.now())
    return HttpResponseRedirect(alert_path(alert))
