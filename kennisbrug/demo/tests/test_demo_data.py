"""The demo data set shows the whole product: every active werkplaats has something to show."""

import pytest

from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Product
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Municipality, Werkplaats
from kennisbrug.themes.models import Agenda, Vraagstuk

pytestmark = pytest.mark.django_db


def test_the_demo_covers_every_active_werkplaats():
    for werkplaats in Werkplaats.objects.active():
        assert werkplaats.description, werkplaats
        assert werkplaats.memberships.filter(organisation__kind="hogeschool").exists(), werkplaats
        assert Agenda.objects.current(2026).filter(werkplaats=werkplaats).exists(), werkplaats
        assert werkplaats.projects.count() >= 3, werkplaats
        assert werkplaats.products.published().count() >= 5, werkplaats


def test_the_demo_has_the_promised_volume():
    assert Werkplaats.objects.active().count() == 15
    assert Project.objects.count() >= 45
    assert Product.objects.count() >= 150
    assert Intervention.objects.count() >= 40
    assert set(Intervention.objects.values_list("databank__slug", flat=True).distinct()) >= {
        "databank-effectieve-sociale-interventies",
        "databank-effectieve-jeugdinterventies",
    }


def test_every_vraagstuk_type_occurs_and_every_vraagstuk_has_a_theme():
    kinds = set(Vraagstuk.objects.values_list("kind", flat=True))
    assert kinds == {choice for choice, _label in Vraagstuk.Kind.choices}
    assert not Vraagstuk.objects.filter(themes__isnull=True).exists()


def test_demo_municipalities_carry_cbs_codes_and_provinces():
    for municipality in Municipality.objects.select_related("province"):
        assert municipality.code.startswith("GM") and len(municipality.code) == 6
        assert municipality.province.code.startswith("PV")
