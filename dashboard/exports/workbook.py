"""Excel workbooks of an extract: the rows of the CSV (citation columns included) with real
numbers and dates, a sheet of the documents cited, and a README sheet saying what the columns
and qualifiers mean — so a workbook passed from analyst to analyst still says where every
number comes from. Written with openpyxl, which also reads them back in the tests.
"""

from __future__ import annotations

import io
import math
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.model.data import Dataset
from dashboard.model.formatting import QUALIFIER_WORDS

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NUMBERS = ("value", "value_low", "value_high", "interval_low", "interval_high")
DATES = ("period_start", "period_end")
SOURCE_COLUMNS = ("source_id", "short_citation", "citation", "url", "date")
WIDEST = 60
"""Characters: a column wider than this (quotes, citations) wraps instead."""
QUALIFIERS = {
    "reported": "the document states the figure as a fact",
    "approximate": "the document hedges it (about, nearly, some)",
    "lower_bound": "at least the value (more than, over)",
    "upper_bound": "at most the value (less than, under)",
    "range": "between value_low and value_high",
    "forecast": "a projection, not an outcome",
    "derived": "computed by the dataset from cited figures (method, derived_from)",
}


def _cell(column: str, value: object) -> object:
    """The value as Excel should hold it: a number, a date, text, or empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NaT:
        return None
    if column in NUMBERS:
        return float(value)
    if column in DATES:
        return pd.Timestamp(value).date() if not isinstance(value, date) else value
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return value if isinstance(value, int | float | str | date) else str(value)


def _sheet(sheet: Worksheet, frame: pd.DataFrame) -> None:
    """A table: bold frozen header, filters, real types, widths that fit (up to ``WIDEST``)."""
    columns = list(frame.columns)
    sheet.append(columns)
    for row in frame.itertuples(index=False):
        sheet.append([_cell(c, v) for c, v in zip(columns, row, strict=True)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(columns, start=1):
        values = [column, *(str(v) for v in frame[column] if v is not None)]
        width = min(WIDEST, max(len(v) for v in values) + 2)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if column in DATES:
            for cell in sheet[letter][1:]:
                cell.number_format = "yyyy-mm-dd"
        if width == WIDEST:
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _readme(sheet: Worksheet, title: str, data: Dataset, link: str) -> None:
    lines = [
        (title, ""),
        ("", ""),
        (
            "What this is",
            "Sourced indicators on Belarus, Ukraine and Russia: every row is cited "
            "to the document, section and sentence that state it (citation, locator, evidence).",
        ),
        ("Data version", data.version),
        ("Downloaded from", link),
        ("Sheets", "Data: the observations, one per row. Sources: the documents cited."),
        ("value", "The figure in the unit column; value_low and value_high bound a range."),
        ("value_as_written", "The figure as the document writes it."),
        *((f"qualifier: {QUALIFIER_WORDS[q]}", meaning) for q, meaning in QUALIFIERS.items()),
        ("caveat", "Set when a consistency check found the figure at odds with another."),
        (
            "Licence",
            "Facts and short quotes attributed to the cited documents; the documents' "
            "text remains their authors' and publishers'. Cite the document with the figure.",
        ),
    ]
    for line in lines:
        sheet.append(list(line))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 100
    for row in sheet.iter_rows(min_row=3):
        row[0].font = Font(bold=True)
        row[1].alignment = Alignment(wrap_text=True, vertical="top")


def workbook_bytes(frame: pd.DataFrame, data: Dataset, title: str, link: str) -> bytes:
    """The workbook of ``frame`` (an extract: dashboard.model.extract): README, Data, Sources."""
    book = Workbook()
    readme = book.active
    readme.title = "README"
    _readme(readme, title, data, link)
    _sheet(book.create_sheet("Data"), frame)
    cited = data.sources[data.sources["source_id"].isin(set(frame["source_id"]))]
    _sheet(book.create_sheet("Sources"), cited.loc[:, list(SOURCE_COLUMNS)])
    book.properties.title = title
    book.properties.creator = "belarus-indicators"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
