"""An editor's judgement of a suggestion, and the suggestions as JSON."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kennisbrug.bridge import items
from kennisbrug.bridge.matching import related
from kennisbrug.bridge.models import REGIONAL_KINDS, Link
from kennisbrug.bridge.permissions import may_judge

DECISIONS = {
    "bevestig": Link.Status.CONFIRMED,
    "wijs-af": Link.Status.REJECTED,
    "herzie": None,  # forget the judgement: the pair is a plain suggestion again
}


def _item(value: str):
    kind, _sep, pk = (value or "").partition(":")
    if not pk.isdigit():
        return None
    return items.get(kind, int(pk))


@login_required
@require_POST
def judge(request: HttpRequest) -> HttpResponse:
    subject, target = _item(request.POST.get("subject")), _item(request.POST.get("target"))
    decision = request.POST.get("oordeel", "")
    if subject is None or target is None or decision not in DECISIONS or subject == target:
        return HttpResponse(_("Onvolledig of ongeldig oordeel."), status=400)
    subject_kind = items.kind_of(subject)
    if subject_kind not in REGIONAL_KINDS:
        return HttpResponse(_("Alleen regionaal werk kan een verband krijgen."), status=400)
    werkplaats_id = items.werkplaats_id(subject)
    if not may_judge(request.user, werkplaats_id):
        return HttpResponse(
            _("Alleen de redactie van de eigen werkplaats beoordeelt deze voorstellen."),
            status=403,
        )
    key = {
        "subject_kind": subject_kind,
        "subject_id": subject.pk,
        "target_kind": items.kind_of(target),
        "target_id": target.pk,
    }
    status = DECISIONS[decision]
    if status is None:
        for link in Link.objects.filter(**key):
            link.delete()
        messages.success(request, _("Het oordeel is ingetrokken."))
    else:
        Link.objects.update_or_create(
            **key,
            defaults={
                "status": status,
                "werkplaats_id": werkplaats_id,
                "decided_by": request.user,
                "decided_at": timezone.now(),
            },
        )
        if status == Link.Status.CONFIRMED:
            messages.success(request, _("Verband bevestigd: het staat nu op beide pagina's."))
        else:
            messages.success(request, _("Voorstel afgewezen: het komt niet meer terug."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = subject.get_absolute_url()
    return HttpResponseRedirect(back + "#verbanden")


def related_json(request: HttpRequest, kind: str, pk: int) -> JsonResponse:
    obj = items.get(kind, pk)
    if obj is None or not items.public(obj):
        raise Http404
    limit = request.GET.get("limit", "5")
    limit = int(limit) if limit.isdigit() else 5
    return JsonResponse(
        related(obj, limit=max(1, min(limit, 50))).as_json(),
        json_dumps_params={"ensure_ascii": False},
    )
