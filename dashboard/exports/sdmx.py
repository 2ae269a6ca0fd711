"""SDMX exports of the observations: SDMX-CSV 2.0 data and the SDMX-ML 3.0 structure that
describes it, so statistical offices' tools (the .Stat Suite, FMR, pysdmx, sdmx1) read the data
without glue code.

The structure is one data structure definition (DSD) and a dataflow. An observation is keyed
by three dimensions: SERIES (the project's series), SOURCE (the document stating the figure:
two documents may state the same series and period) and TIME_PERIOD. OBS_VALUE is the value in
base units (UNIT_MULT 0). Every other column of the CSV extract travels as a declared attribute
— bounds, interval, wording, citation, locator, the verbatim quote, derivation, caveat — so
nothing a reader of the CSV sees is lost in the SDMX file.

The project's qualifiers map to the standard OBS_STATUS codes (``OBS_STATUS``); a bound has no
standard code, so OBS_STATUS says only that the figure is not exact (E) and the project's own
QUALIFIER attribute says which side it bounds. Periods become SDMX time: Gregorian periods for
years, months and days; a time range (start and ISO 8601 duration) for any other span
(``sdmx_time``). A figure the document gives no date for cannot be placed in a time dimension,
so it is left out of SDMX (the CSV and JSON extracts carry it).

The structure message is written by pysdmx (SDMX-ML 3.0, which its reader validates against
the official schemas); the CSV is a flat table whose columns follow the DSD's order, written
with pandas like every other CSV the API serves (RFC 4180, CRLF).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

import pandas as pd
from pysdmx.io.format import Format
from pysdmx.io.writer import write_sdmx
from pysdmx.model import (
    Annotation,
    Code,
    Codelist,
    Component,
    Components,
    Concept,
    ConceptScheme,
    Dataflow,
    DataStructureDefinition,
    DataType,
    ItemReference,
    Organisation,
    Role,
)
from pysdmx.model.message import Header

from dashboard.exports.workbook import QUALIFIERS
from dashboard.model.data import Dataset
from dashboard.model.formatting import QUALIFIER_WORDS, UNIT_WORDS
from etl.normalize import parse_period

CSV_MEDIA_TYPE = "application/vnd.sdmx.data+csv; version=2.0.0"
STRUCTURE_MEDIA_TYPE = "application/vnd.sdmx.structure+xml; version=3.0.0"
AGENCY = "BELARUS_INDICATORS"
VERSION = "1.1.0"
"""SDMX 3.0 semantic version of every artefact: the minor part moves when the codelists grow
(codes added, none removed or changed, so a 1.0.0 reader still reads every row), the major part
when a code or concept changes meaning. 1.1.0 added the series, units, indicators and documents
of the ten news reports."""
DATAFLOW = "OBSERVATIONS"
DSD = "DSD_OBSERVATIONS"
CONCEPTS = "CS_OBSERVATIONS"
STRUCTURE_ID = f"{AGENCY}:{DATAFLOW}({VERSION})"
"""What every SDMX-CSV row names in its STRUCTURE_ID column: the dataflow it belongs to."""

OBS_STATUS = {
    "reported": "A",
    "approximate": "E",
    "lower_bound": "E",
    "upper_bound": "E",
    "range": "E",
    "forecast": "F",
    "derived": "I",
}
"""The project's qualifier → the standard SDMX observation status (CL_OBS_STATUS).

A figure stated as fact is a normal value (A). A hedged figure ("nearly", "about"), a bound
("more than", "at most") and a range's midpoint are not the exact value: estimated (E); the
QUALIFIER attribute keeps the distinction and VALUE_LOW/VALUE_HIGH the bound. A projection is
a forecast (F). A value this dataset computes from a document's figures where the document
does not state it is imputed by the compiler (I), its method in METHOD."""

OBS_STATUS_NAMES = {
    "A": "Normal value",
    "E": "Estimated value",
    "F": "Forecast value",
    "I": "Imputed value",
}
"""The standard names of the OBS_STATUS codes used (SDMX CL_OBS_STATUS)."""

UNIT_MULT = "0"
"""SDMX unit multiplier 0 (units): every value is in base units (dollars, not billions)."""

SDMX_ID = re.compile(r"[A-Za-z0-9_@$\-]+")


def series_code(series_id: str) -> str:
    """The SERIES code of a series: its id with ``.`` written ``-`` (an SDMX id has no dots;
    the project's ids have no hyphens, so the mapping is reversible)."""
    return series_id.replace(".", "-")


def unit_code(unit: str) -> str:
    """The UNIT_MEASURE code of a unit: its words joined by ``_`` ("USD per tonne" is
    ``USD_per_tonne``, "barrels per day" ``barrels_per_day``; one-word units stay as they are).
    The project's units have no underscores, so the mapping is reversible."""
    return unit.replace(" ", "_")


def series_id_of(code: str) -> str:
    """The project's series id of a SERIES code (the inverse of ``series_code``)."""
    return code.replace("-", ".")


def sdmx_time(start: date, end: date) -> str:
    """A period as SDMX time: ``2012``, ``2016-02``, ``2019-12-07`` for a whole year, month or
    day; else a time range from the first day for whole months or years (``2023-01-01/P7M``,
    ``2022-01-01/P3Y``) or days (``2020-01-01/P216D``), so the span is exactly what the
    document gives and a tool never mistakes seven months for a year."""
    next_day = end + timedelta(days=1)
    whole_months = start.day == 1 and next_day.day == 1
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start == end:
        return start.isoformat()
    if whole_months and months == 12 and start.month == 1:
        return f"{start.year:04d}"
    if whole_months and months == 1:
        return f"{start.year:04d}-{start.month:02d}"
    if whole_months:
        duration = f"P{months // 12}Y" if months % 12 == 0 else f"P{months}M"
    else:
        duration = f"P{(end - start).days + 1}D"
    return f"{start.isoformat()}/{duration}"


def label_time(label: str | None) -> str | None:
    """A period label of the dataset (``2021``, ``2022-01/2022-07``) as SDMX time."""
    if label is None or (isinstance(label, float) and pd.isna(label)) or label == "":
        return None
    period = parse_period(label)
    return sdmx_time(period.start, period.end)


@dataclass(frozen=True)
class Attribute:
    """An attribute of the DSD and the extract column it carries."""

    id: str
    name: str
    description: str
    column: str
    dtype: DataType = DataType.STRING
    attached_to: str = "O"
    required: bool = False


ATTRIBUTES = (
    Attribute(
        "OBS_STATUS",
        "Observation status",
        "Standard SDMX status of the value, mapped from QUALIFIER (see docs/api.md).",
        "qualifier",
        required=True,
    ),
    Attribute(
        "QUALIFIER",
        "Qualifier",
        "How the document states the figure: reported, approximate, lower_bound, "
        "upper_bound, range, forecast or derived.",
        "qualifier",
        required=True,
    ),
    Attribute(
        "UNIT_MEASURE",
        "Unit of measure",
        "Base unit of OBS_VALUE.",
        "unit",
        attached_to="SERIES",
        required=True,
    ),
    Attribute(
        "UNIT_MULT",
        "Unit multiplier",
        "Power of ten OBS_VALUE is expressed in: 0, values are in base units.",
        "unit",
        attached_to="SERIES",
        required=True,
    ),
    Attribute("TITLE", "Title", "Title of the series.", "series_title", attached_to="SERIES"),
    Attribute(
        "VALUE_LOW",
        "Low end",
        "Low end of a range or the bound of a lower bound; for a derived value the low end "
        "of the interval carried through.",
        "value_low",
        DataType.DOUBLE,
    ),
    Attribute(
        "VALUE_HIGH",
        "High end",
        "High end of a range or the bound of an upper bound; for a derived value the high "
        "end of the interval carried through.",
        "value_high",
        DataType.DOUBLE,
    ),
    Attribute(
        "VALUE_AS_WRITTEN",
        "Value as written",
        "The figure as the document writes it.",
        "value_as_written",
    ),
    Attribute(
        "WORDING",
        "Wording",
        "The hedging phrase before the figure (just under, nearly, more than, between).",
        "wording",
    ),
    Attribute(
        "INTERVAL_LOW",
        "Interval low",
        "Lowest value the figure's rounding and wording allow; empty when open.",
        "interval_low",
        DataType.DOUBLE,
    ),
    Attribute(
        "INTERVAL_HIGH",
        "Interval high",
        "Highest value the figure's rounding and wording allow; empty when open.",
        "interval_high",
        DataType.DOUBLE,
    ),
    Attribute(
        "BASE_PERIOD",
        "Base period",
        "On a percent change, the period it compares with (SDMX time).",
        "base_period",
        DataType.PERIOD,
    ),
    Attribute(
        "CITATION",
        "Citation",
        "Short citation of the document.",
        "citation",
        attached_to="SOURCE",
    ),
    Attribute(
        "SOURCE_URL",
        "Source address",
        "Web address of the document, when known.",
        "url",
        attached_to="SOURCE",
    ),
    Attribute(
        "LOCATOR",
        "Locator",
        "Section or paragraph of the document that states the figure.",
        "locator",
    ),
    Attribute(
        "EVIDENCE",
        "Evidence",
        "The verbatim quote (at most 30 words) that contains the figure.",
        "evidence",
    ),
    Attribute(
        "QUOTE_LINK",
        "Quote link",
        "The document's address with a text fragment that opens it at the quote, when known.",
        "quote_link",
    ),
    Attribute(
        "METHOD",
        "Method",
        "For a derived value, the formula in plain words.",
        "method",
    ),
    Attribute(
        "DERIVED_FROM",
        "Derived from",
        "For a derived value, the OBS_IDs of its inputs, separated by ';'.",
        "derived_from",
    ),
    Attribute("COMMENT_OBS", "Note", "The curator's note on the figure.", "note"),
    Attribute(
        "CAVEAT",
        "Caveat",
        "A failed consistency check that calls the value or one of its inputs into question.",
        "caveat",
    ),
    Attribute(
        "STATISTICS_FROM",
        "Statistics from",
        "Trade figures: whose national statistics the figure reports.",
        "statistics_from",
    ),
    Attribute(
        "STATISTICS_BASIS",
        "Statistics basis",
        "Where the document says whose statistics these are, or why that is inferred.",
        "statistics_basis",
    ),
    Attribute(
        "AS_OF",
        "As of",
        "The document's date (SDMX time): what the documents had said by then.",
        "as_of",
        DataType.PERIOD,
        attached_to="SOURCE",
        required=True,
    ),
    Attribute(
        "OBS_ID",
        "Observation id",
        "The dataset's stable id of the observation.",
        "obs_id",
        required=True,
    ),
)
DIMENSIONS = (
    ("SERIES", "Series", "The indicator: one of the dataset's series (CL_SERIES)."),
    ("SOURCE", "Source document", "The document that states the figure (CL_SOURCE)."),
    ("TIME_PERIOD", "Time period", "The period the figure is for (SDMX time)."),
)
MEASURE = ("OBS_VALUE", "Observation value", "The value in the base unit of UNIT_MEASURE.")
COLUMNS = (
    "STRUCTURE",
    "STRUCTURE_ID",
    "ACTION",
    *(d[0] for d in DIMENSIONS),
    MEASURE[0],
    *(a.id for a in ATTRIBUTES),
)
"""SDMX-CSV 2.0 header: structure columns, then the DSD's dimensions, measure and attributes."""


class SdmxError(ValueError):
    """Data the SDMX structure cannot carry as it is (an id SDMX does not allow, a repeated key)."""


def _codelist(cid: str, name: str, codes: list[Code]) -> Codelist:
    for code in codes:
        if not SDMX_ID.fullmatch(code.id):
            raise SdmxError(f"{cid}: {code.id!r} is not a valid SDMX id")
    return Codelist(id=cid, agency=AGENCY, version=VERSION, name=name, items=codes)


def _codelists(data: Dataset) -> dict[str, Codelist]:
    """The codelists of the coded components, built from the tables."""
    series = [
        Code(
            id=series_code(row["series_id"]),
            name=row["title"],
            description=row["description"],
            annotations=[
                Annotation(type="series_id", text=row["series_id"]),
                Annotation(type="unit", text=row["unit"]),
                Annotation(type="measure", text=row["measure"]),
                Annotation(type="topic", text=row["topic"]),
                Annotation(type="indicator", text=row["indicator"]),
            ],
        )
        for row in data.series.to_dict("records")
    ]
    sources = [
        Code(
            id=row["source_id"],
            name=row["short_citation"],
            description=row["citation"],
            annotations=[Annotation(type="url", url=row["url"])] if _present(row["url"]) else [],
        )
        for row in data.sources.to_dict("records")
    ]
    units = sorted(set(data.series["unit"]))
    return {
        "SERIES": _codelist("CL_SERIES", "Series", series),
        "SOURCE": _codelist("CL_SOURCE", "Source documents", sources),
        "UNIT_MEASURE": _codelist(
            "CL_UNIT",
            "Units",
            [Code(id=unit_code(u), name=UNIT_WORDS.get(u, u)) for u in units],
        ),
        "UNIT_MULT": _codelist("CL_UNIT_MULT", "Unit multipliers", [Code(id="0", name="Units")]),
        "QUALIFIER": _codelist(
            "CL_QUALIFIER",
            "Qualifiers",
            [
                Code(
                    id=q,
                    name=QUALIFIER_WORDS[q],
                    description=f"{meaning}; OBS_STATUS {OBS_STATUS[q]}",
                )
                for q, meaning in QUALIFIERS.items()
            ],
        ),
        "OBS_STATUS": _codelist(
            "CL_OBS_STATUS",
            "Observation status (the standard SDMX codes used)",
            [Code(id=c, name=n) for c, n in OBS_STATUS_NAMES.items()],
        ),
    }


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value != ""


def _concept(cid: str) -> ItemReference:
    return ItemReference(
        sdmx_type="Concept", agency=AGENCY, id=CONCEPTS, version=VERSION, item_id=cid
    )


def _components(codelists: dict[str, Codelist]) -> Components:
    """Dimensions, the measure and the attributes, in the order the CSV's columns follow."""
    dtypes = {"TIME_PERIOD": DataType.PERIOD}
    parts = [
        Component(
            id=cid,
            name=name,
            description=text,
            required=True,
            role=Role.DIMENSION,
            concept=_concept(cid),
            local_dtype=dtypes.get(cid, DataType.STRING),
            local_codes=codelists.get(cid),
        )
        for cid, name, text in DIMENSIONS
    ]
    parts.append(
        Component(
            id=MEASURE[0],
            name=MEASURE[1],
            description=MEASURE[2],
            required=True,
            role=Role.MEASURE,
            concept=_concept(MEASURE[0]),
            local_dtype=DataType.DOUBLE,
        )
    )
    parts += [
        Component(
            id=a.id,
            name=a.name,
            description=a.description,
            required=a.required,
            role=Role.ATTRIBUTE,
            concept=_concept(a.id),
            local_dtype=a.dtype,
            local_codes=codelists.get(a.id),
            attachment_level=a.attached_to,
        )
        for a in ATTRIBUTES
    ]
    return Components(parts)


def _concept_scheme() -> ConceptScheme:
    described = [*DIMENSIONS, MEASURE, *((a.id, a.name, a.description) for a in ATTRIBUTES)]
    return ConceptScheme(
        id=CONCEPTS,
        agency=AGENCY,
        version=VERSION,
        name="Concepts of the belarus-indicators observations",
        items=[Concept(id=cid, name=name, description=text) for cid, name, text in described],
    )


@lru_cache(maxsize=8)
def structure_xml(data: Dataset) -> str:
    """The SDMX-ML 3.0 structure message: dataflow, DSD, concept scheme and codelists."""
    codelists = _codelists(data)
    dsd = DataStructureDefinition(
        id=DSD,
        agency=AGENCY,
        version=VERSION,
        name="belarus-indicators observations",
        description="Cited figures on Belarus, Ukraine and Russia: one observation per "
        "series, source document and period, each with its citation and verbatim quote.",
        components=_components(codelists),
    )
    flow = Dataflow(
        id=DATAFLOW,
        agency=AGENCY,
        version=VERSION,
        name="belarus-indicators: observations",
        description=f"Data version {data.version}.",
        structure=dsd,
    )
    header = Header(
        id=f"{AGENCY}_{data.version[:16] or 'unversioned'}",
        prepared=datetime.now(UTC).replace(microsecond=0),
        sender=Organisation(id=AGENCY, name="belarus-indicators"),
    )
    return write_sdmx(
        [flow, dsd, _concept_scheme(), *codelists.values()],
        Format.STRUCTURE_SDMX_ML_3_0,
        header=header,
    )


def sdmx_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The SDMX-CSV rows of an extract (dashboard.model.extract): its dated observations, each
    keyed by SERIES, SOURCE and TIME_PERIOD, every extract column in an attribute."""
    dated = frame[frame["period_start"].notna()]
    out = pd.DataFrame(
        {
            "STRUCTURE": "dataflow",
            "STRUCTURE_ID": STRUCTURE_ID,
            "ACTION": "I",
            "SERIES": [series_code(s) for s in dated["series_id"]],
            "SOURCE": dated["source_id"].to_numpy(),
            "TIME_PERIOD": [
                sdmx_time(s, e)
                for s, e in zip(dated["period_start"], dated["period_end"], strict=True)
            ],
            "OBS_VALUE": dated["value"].to_numpy(),
        },
        index=dated.index,
    )
    for attribute in ATTRIBUTES:
        if attribute.column not in dated:  # a column the extract does not (yet) have
            out[attribute.id] = None
            continue
        values = dated[attribute.column]
        if attribute.id == "OBS_STATUS":
            values = values.map(OBS_STATUS)
        elif attribute.id == "UNIT_MULT":
            values = values.map(lambda _: UNIT_MULT)
        elif attribute.id == "UNIT_MEASURE":
            values = values.map(unit_code)
        elif attribute.dtype is DataType.PERIOD:
            values = values.map(label_time)
        out[attribute.id] = values.to_numpy()
    repeated = out.duplicated(["SERIES", "SOURCE", "TIME_PERIOD"], keep=False)
    if repeated.any():
        keys = out.loc[repeated, ["SERIES", "SOURCE", "TIME_PERIOD"]].drop_duplicates()
        raise SdmxError(f"observations share an SDMX key: {keys.to_dict('records')[:3]}")
    return out.loc[:, list(COLUMNS)].reset_index(drop=True)


def sdmx_csv(frame: pd.DataFrame) -> str:
    """The SDMX-CSV 2.0 message of an extract: RFC 4180 (CRLF, quoted as needed), UTF-8."""
    return sdmx_frame(frame).to_csv(index=False, lineterminator="\r\n")
