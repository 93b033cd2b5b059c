"""Export and import speak the same format: what comes out goes back in unchanged."""

import io
from pathlib import Path

import pytest

from kennisbrug.interchange.entities import ENTITIES, IMPORT_ORDER
from kennisbrug.interchange.exporter import write_export
from kennisbrug.interchange.importer import import_file

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"


def test_every_entity_has_a_place_in_the_import_order():
    assert sorted(IMPORT_ORDER) == sorted(ENTITIES)


@pytest.mark.parametrize("entity", IMPORT_ORDER)
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_an_export_reimports_as_a_no_op(tmp_path, entity, fmt):
    out = io.StringIO()
    count = write_export(entity, out, fmt)
    assert count > 0, f"the demo data has no {entity}"
    path = tmp_path / f"{entity}.{fmt}"
    path.write_text(out.getvalue(), "utf-8")

    result = import_file(entity, path)

    assert result.counts["unchanged"] == count, str(result)


@pytest.mark.parametrize("entity", IMPORT_ORDER)
def test_the_documented_example_files_import(entity):
    files = sorted(EXAMPLES.glob(f"{entity}.*"))
    assert files, f"docs/examples has no example for {entity}"
    for path in files:
        import_file(entity, path)
