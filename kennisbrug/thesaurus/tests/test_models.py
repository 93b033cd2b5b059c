import pytest

from kennisbrug.thesaurus.models import Concept

pytestmark = pytest.mark.django_db


def test_top_concepts_are_those_without_a_broader_concept():
    tops = set(Concept.objects.top().values_list("slug", flat=True))

    assert {"bestaanszekerheid", "sociale-basis", "doelgroepen"} <= tops
    assert "armoede" not in tops
    assert tops == {c.slug for c in Concept.objects.all() if not c.broader.exists()}


def test_descendants_reach_every_level_below_a_concept():
    security = Concept.objects.get(slug="bestaanszekerheid")

    below = set(
        Concept.objects.filter(pk__in=security.descendant_ids()).values_list("slug", flat=True)
    )

    assert {"schulden", "schuldhulpverlening", "schuldregeling"} <= below
    assert "bestaanszekerheid" not in below and "wonen" not in below
