"""``{% bridge_related obj %}``: the bridge's suggestions on a product, project or
intervention page, with confirm/reject buttons for the editors who may judge them."""

from __future__ import annotations

from django import template

from kennisbrug.bridge import items
from kennisbrug.bridge.matching import related
from kennisbrug.bridge.models import ItemKind
from kennisbrug.bridge.permissions import may_judge

register = template.Library()


@register.inclusion_tag("bridge/_related.html", takes_context=True)
def bridge_related(context, obj, limit: int = 5) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    kind = items.kind_of(obj)
    result = related(obj, limit=limit)
    national = kind == ItemKind.INTERVENTION
    rows = []
    for section, suggestions in (
        ("interventions", result.interventions),
        ("elsewhere", result.elsewhere),
    ):
        if national and section == "interventions":
            continue  # an intervention page has "meer zoals dit" for its siblings
        for s in suggestions:
            # The link's subject is always the regional side; its editors judge it.
            if national:
                subject, target, judge_werkplaats = (
                    f"{s.kind}:{s.object_id}",
                    f"{kind}:{obj.pk}",
                    s.werkplaats_id,
                )
            else:
                subject, target, judge_werkplaats = (
                    f"{kind}:{obj.pk}",
                    f"{s.kind}:{s.object_id}",
                    obj.werkplaats_id,
                )
            can_judge = user is not None and may_judge(user, judge_werkplaats)
            rows.append(
                (section, {"s": s, "subject": subject, "target": target, "can_judge": can_judge})
            )
    return {
        "request": request,
        "national": national,
        "interventions": [r for section, r in rows if section == "interventions"],
        "elsewhere": [r for section, r in rows if section == "elsewhere"],
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
        "messages": context.get("messages"),
    }
