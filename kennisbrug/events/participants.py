"""The organiser's participant list, as rows for the admin page and as an XLSX workbook."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from kennisbrug.events.models import Event, Registration, Round


def rows(event: Event) -> tuple[list[str], list[list[str]]]:
    """Header and one row per registration (not cancelled), with a column per workshop round."""
    rounds = list(Round.objects.filter(event=event))
    # In the organiser's language (the beheer follows the language switch); round names are data.
    header = [_("Naam"), _("E-mail"), _("Organisatie"), _("Status"), _("Aangemeld op")]
    header += [r.name for r in rounds]
    registrations = (
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .prefetch_related("choices__workshop")
        .order_by("status", "created_at", "id")
    )
    table = []
    for registration in registrations:
        per_round = {c.round_id: c for c in registration.choices.all()}
        row = [
            registration.name,
            registration.email,
            registration.organisation,
            registration.get_status_display(),
            timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for round_ in rounds:
            choice = per_round.get(round_.pk)
            if choice is None or choice.status == Registration.Status.CANCELLED:
                row.append("")
            elif choice.status == Registration.Status.WAITLISTED:
                row.append(_("%(title)s (wachtlijst)") % {"title": choice.workshop.title})
            else:
                row.append(choice.workshop.title)
        table.append(row)
    return header, table


def workbook(event: Event) -> bytes:
    header, table = rows(event)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Deelnemers")
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table:
        # A leading "=" would make a spreadsheet run the cell as a formula (CSV/XLSX injection).
        sheet.append([f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for v in row])
    sheet.freeze_panes = "A2"
    for column, title in zip(sheet.columns, header, strict=False):
        width = max([len(title)] + [len(str(c.value or "")) for c in column])
        sheet.column_dimensions[column[0].column_letter].width = min(width + 2, 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
