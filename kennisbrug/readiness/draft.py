"""The draft databank description, in the order of a databank's worksheet, as PDF and DOCX.

Both files come from one ``Draft``: the same sections, the same "nog aan te vullen" list.
An empty part is kept, with what it should say, so the document shows what is missing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from kennisbrug.bridge.matching import Suggestion
from kennisbrug.readiness.assessment import CRITERIA_RULES, Assessment
from kennisbrug.readiness.models import ReadinessCheck

#: Worksheet headings per criterion ("Beschrijving interventie", Goed beschreven).
HEADINGS = {
    "aanleiding": "Probleem en aanleiding",
    "doelgroep": "Doelgroep",
    "doelen": "Doel (hoofddoel en subdoelen)",
    "aanpak": "Aanpak",
    "randvoorwaarden": "Randvoorwaarden voor uitvoering",
    "overdraagbaarheid": "Overdraagbaarheid en implementatie",
    "onderzoek": "Onderzoek naar praktijkervaringen",
}


@dataclass
class Section:
    number: int
    heading: str
    text: str
    placeholder: str


@dataclass
class Draft:
    title: str
    werkplaats: str
    date: str
    summary: str
    score: int
    level_label: str
    sections: list[Section]
    todo: list[str]
    close: list[Suggestion]


def build(check: ReadinessCheck, assessment: Assessment, close: list[Suggestion]) -> Draft:
    product = check.product
    sections = [Section(1, "Samenvatting", product.summary, "Vat de methode samen in vijf zinnen.")]
    for number, rule in enumerate(CRITERIA_RULES, start=2):
        sections.append(
            Section(number, HEADINGS[rule.name], getattr(check, rule.name).strip(), rule.empty)
        )
    return Draft(
        title=product.title,
        werkplaats=product.werkplaats.name if product.werkplaats else "",
        date=timezone.localdate().strftime("%d-%m-%Y"),
        summary=product.summary,
        score=assessment.score,
        level_label=assessment.level_label,
        sections=sections,
        todo=[f.message for f in assessment.findings],
        close=close,
    )


def pdf(draft: Draft) -> bytes:
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    html = render_to_string("readiness/draft_pdf.html", {"draft": draft})
    return HTML(string=html).write_pdf()


def docx(draft: Draft) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.core_properties.title = f"Conceptbeschrijving: {draft.title}"
    document.core_properties.language = "nl-NL"
    document.add_heading(draft.title, level=0)
    meta = document.add_paragraph()
    meta.add_run(f"Conceptbeschrijving voor een databank · {draft.werkplaats} · {draft.date}")
    meta.add_run(f"\nDatabankrijpheid: {draft.score}/100 – {draft.level_label}").bold = True
    for section in draft.sections:
        document.add_heading(f"{section.number}. {section.heading}", level=1)
        if section.text:
            for paragraph in section.text.split("\n"):
                if paragraph.strip():
                    document.add_paragraph(paragraph.strip())
        else:
            run = document.add_paragraph().add_run(f"[Nog in te vullen] {section.placeholder}")
            run.italic = True
    document.add_heading(f"{len(draft.sections) + 1}. Verwante erkende interventies", level=1)
    if draft.close:
        document.add_paragraph(
            "Deze erkende interventies lijken op de methode. Beschrijf wat de methode anders of "
            "aanvullend maakt."
        )
        for s in draft.close:
            document.add_paragraph(f"{s.title} ({s.subtype}) – {s.reason}", style="List Bullet")
    else:
        document.add_paragraph("Geen erkende interventie ligt dicht bij deze methode.")
    document.add_heading("Nog aan te vullen", level=1)
    for item in draft.todo or ["Niets: alle onderdelen zijn beschreven."]:
        document.add_paragraph(item, style="List Bullet")
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.font.size = run.font.size or Pt(11)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
