"""One method's readiness: its check (or an estimate from its text), score and neighbours."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from kennisbrug.bridge.matching import Suggestion, profile_of_text, related_to_profile
from kennisbrug.products.models import Product
from kennisbrug.readiness.assessment import Assessment, assess
from kennisbrug.readiness.models import CRITERIA, ReadinessCheck
from kennisbrug.readiness.prefill import prefill

CLOSE_LIMIT = 3
REINVENT = 0.55  # a method this close to a recognised intervention may be reinventing it


@dataclass
class Readiness:
    product: Product
    check: ReadinessCheck | None
    fields: dict[str, str]
    assessment: Assessment

    @property
    def estimated(self) -> bool:
        """No editor filled in the check yet: the fields come from the method's own text."""
        return self.check is None


def readiness(product: Product) -> Readiness:
    check = ReadinessCheck.objects.filter(product=product).first()
    fields = check.fields() if check else prefill(product)
    return Readiness(product, check, fields, assess(fields))


def closest_interventions(product: Product, fields: dict[str, str]) -> list[Suggestion]:
    text = "\n\n".join([product.summary, *(fields.get(name, "") for name, _label in CRITERIA)])
    profile = profile_of_text(
        product.title, text, product.werkplaats_id, product.themes.values_list("pk", flat=True)
    )
    return related_to_profile(profile, limit=CLOSE_LIMIT).interventions


def candidates() -> list[Readiness]:
    """Regional methods of all werkplaatsen that could go to a databank, readiest first:
    published methods, and any published product a werkplaats has started a check for."""
    found = (
        Product.objects.published()
        .filter(Q(kind=Product.Kind.METHODE) | Q(readiness_check__isnull=False))
        .select_related("werkplaats")
    )
    out = [readiness(p) for p in found]
    out.sort(key=lambda r: (-r.assessment.score, r.product.title))
    return out
