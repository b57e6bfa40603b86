"""The XLSX download of a year's figures: one sheet per chapter, the same rows as the CSV.

Strings from the data (labels, notes) are written as text cells, never as formulas: a label that
starts with "=" stays a label when the file is opened.
"""

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from forms.statistics.views import csv_rows

#: Export section → sheet title (at most 31 characters, as Excel demands).
SHEETS = {
    "awareness": "Bewustwording",
    "integrity_reports": "Meldingen",
    "confidential_advisors": "Vertrouwenspersonen",
    "employee_survey": "Medewerkersonderzoek",
    "public_aggression": "Publieksagressie",
    "peer_support": "Bedrijfsopvangteam",
    "gifts_and_outside_work": "Geschenken en nevenwerk",
    "trend": "Meerjarenoverzicht",
}


def _append(sheet, values: list[Any]) -> None:
    sheet.append([None] * len(values))
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, str):
            cell.value = value
            cell.data_type = TYPE_STRING  # never a formula, whatever the text starts with
            cell.number_format = "@"
        else:
            cell.value = value


def workbook_bytes(data: dict[str, Any]) -> bytes:
    """The export `data` as an XLSX file."""
    book = Workbook()
    book.remove(book.active)
    header = [_("cijfer"), _("code"), _("omschrijving"), _("aantal")]
    for section, item in data.items():
        if section in ("year", "generated_at", "publication"):
            continue
        sheet = book.create_sheet(SHEETS.get(section, section)[:31])
        _append(sheet, header)
        if section == "trend" or not isinstance(item, dict):
            rows = csv_rows({section: item})
        else:
            rows = csv_rows(item, prefix=f"{section}.")
        for key, code, label, count in rows:
            _append(sheet, [key, code, label, count])
    about = book.create_sheet(_("Publicatie"))
    _append(about, [_("jaar"), data["year"]])
    _append(about, [_("gemaakt op"), data["generated_at"]])
    info = data.get("publication") or {}
    _append(about, [_("versie"), info.get("version")])
    _append(about, [_("gepubliceerd op"), info.get("published_at")])
    for correction in info.get("corrections") or []:
        _append(about, [_("gecorrigeerd op"), correction["at"], correction["note"]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
