"""Tables downloaded as CSV or XLSX: list exports and report tables alike."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spreadsheet_safe(text: str) -> str:
    """Return `text` so that a spreadsheet shows it as text, never runs it as a formula."""
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(text)
        except ValueError:
            return f"'{text}"
    return text


def table_download(name: str, header: list[str], rows: Iterable[list],
                   file_format: str = "csv") -> HttpResponse:
    """Return the table as an attachment `name.csv`, or `name.xlsx` when `file_format` says so.

    Text cells should have passed through `spreadsheet_safe`; numbers stay numbers in XLSX.
    """
    if file_format == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=name[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv.writer(response)
        writer.writerow(header)
        writer.writerows(rows)
        file_format = "csv"
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
