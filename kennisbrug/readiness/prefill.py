"""A first draft of a check from the method's own text: the paragraphs under headings like
"Waarom deze werkwijze" or "De vier stappen" go to the criterion they are about. Editors then
correct and complete it; the knowledge institutes' list estimates unchecked methods this way."""

from __future__ import annotations

import re

from kennisbrug.products.models import Product

HEADING_WORDS = [
    ("aanleiding", r"aanleiding|waarom|probleem|achtergrond|wat speelt"),
    ("doelgroep", r"doelgroep|voor wie"),
    ("doelen", r"\bdoel|waarvoor"),
    (
        "randvoorwaarden",
        r"randvoorwaarden|wat is nodig|nodig|voorwaarden|wat het vraagt|wat vraagt|materia",
    ),
    ("overdraagbaarheid", r"overdraag|elders|zelf aan de slag|overnemen|implementatie|toepassen"),
    (
        "onderzoek",
        r"ervaring|onderzoek|evaluatie|resultat|wat leverde|opbrengst|wat we leerden|test",
    ),
    ("aanpak", r"aanpak|stap|werkwijze|hoe werkt|fase|zo werkt|methode|verloop|onderdelen|kaarten"),
]
MAX_HEADING_WORDS = 8


def _is_heading(line: str) -> bool:
    line = line.strip()
    return bool(line) and len(line.split()) <= MAX_HEADING_WORDS and line[-1] not in ".:;,"


def sections(body: str) -> list[tuple[str, str]]:
    """(heading, text) pairs of a body whose headings stand on a line of their own."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for block in re.split(r"\n", body or ""):
        if _is_heading(block) and not block.strip()[0].isdigit():
            out.append((block.strip(), []))
        elif block.strip():
            out[-1][1].append(block.strip())
    return [(h, "\n".join(lines)) for h, lines in out if lines]


def prefill(product: Product) -> dict[str, str]:
    fields: dict[str, str] = {}
    for heading, text in sections(product.body):
        for name, pattern in HEADING_WORDS:
            if heading and re.search(pattern, heading, re.IGNORECASE):
                fields[name] = (fields.get(name, "") + "\n" + text).strip()
                break
    if "aanleiding" not in fields and product.summary:
        fields["aanleiding"] = product.summary
    return fields
