"""Row-level rules of the published tables, checked wherever the parquet is read back.

The pyarrow schemas in ``tables.py`` fix columns and types; these pandera schemas add what a
type cannot say (stated values carry evidence, bounds sit around the value, ids are unique, every
reference resolves). The test suite checks the ETL's output against them and the dashboard checks
the files it loads, so a corrupt or hand-edited parquet is refused with a reason at start.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from etl.model import MEASURES, QUALIFIERS, UNITS

SERIES_ID_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$"
PERIOD_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?(/\d{4}-\d{2}(-\d{2})?)?|undated)$"

OBSERVATIONS = pa.DataFrameSchema(
    {
        "obs_id": pa.Column(str, unique=True),
        "series_id": pa.Column(str, pa.Check.str_matches(SERIES_ID_PATTERN)),
        "period": pa.Column(str, pa.Check.str_matches(PERIOD_PATTERN)),
        "value": pa.Column(float, nullable=False),
        "qualifier": pa.Column(str, pa.Check.isin(QUALIFIERS)),
        "source_id": pa.Column(str),
    },
    checks=[
        pa.Check(
            lambda df: (
                (df["period_kind"] == "undated")
                | (df["period_start"].notna() & (df["period_start"] <= df["period_end"]))
            ),
            name="period order (dated periods)",
        ),
        pa.Check(
            lambda df: (
                (df["period_kind"] != "undated")
                | (df["period_start"].isna() & df["period_end"].isna())
            ),
            name="undated periods have no start or end",
        ),
        pa.Check(
            lambda df: (
                df["interval_low"].isna()
                | df["interval_high"].isna()
                | (df["interval_low"] <= df["interval_high"])
            ),
            name="interval low at or below high",
        ),
        pa.Check(
            lambda df: df["as_of_start"] <= df["as_of_end"], name="as_of start at or before end"
        ),
        pa.Check(
            lambda df: df["evidence"].notna() | (df["qualifier"] == "derived"),
            name="stated values carry evidence",
        ),
        pa.Check(
            lambda df: df["method"].notna() | (df["qualifier"] != "derived"),
            name="derived values carry their method",
        ),
        pa.Check(
            lambda df: df["value_low"].isna() | (df["value_low"] <= df["value"]),
            name="low bound at or below value",
        ),
        pa.Check(
            lambda df: df["value_high"].isna() | (df["value"] <= df["value_high"]),
            name="high bound at or above value",
        ),
    ],
)

INDICATOR_PATTERN = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"

SERIES = pa.DataFrameSchema(
    {
        "series_id": pa.Column(str, pa.Check.str_matches(SERIES_ID_PATTERN), unique=True),
        "unit": pa.Column(str, pa.Check.isin(UNITS)),
        "measure": pa.Column(str, pa.Check.isin(MEASURES)),
        "indicator": pa.Column(str, pa.Check.str_matches(INDICATOR_PATTERN)),
    }
)

SOURCES = pa.DataFrameSchema({"source_id": pa.Column(str, unique=True)})

CHECKS = pa.DataFrameSchema(
    {
        "check_id": pa.Column(str, unique=True),
        "status": pa.Column(str, pa.Check.isin(["consistent", "inconsistent", "unusual"])),
        "gap": pa.Column(float, pa.Check.ge(0)),
    },
    checks=[
        pa.Check(
            lambda df: (df["gap"] == 0) == (df["status"] == "consistent"),
            name="a check is consistent exactly when its gap is 0",
        )
    ],
)

CLAIMS = pa.DataFrameSchema({"claim_id": pa.Column(str, unique=True)})

HYPOTHESES = pa.DataFrameSchema({"hypothesis_id": pa.Column(str, unique=True)})

DISAGREEMENTS = pa.DataFrameSchema(
    {
        "disagreement_id": pa.Column(str, unique=True),
        "evidence": pa.Column(str, nullable=False),
        "versus_evidence": pa.Column(str, nullable=False),
    },
    checks=[
        pa.Check(
            lambda df: df["source_id"] != df["versus_source_id"],
            name="a disagreement is between two documents",
        )
    ],
)


def validate_frames(frames: dict[str, pd.DataFrame]) -> None:
    """Raise pandera's SchemaErrors (all failures at once) or ValueError for broken references."""
    OBSERVATIONS.validate(frames["observations"], lazy=True)
    SERIES.validate(frames["series"], lazy=True)
    SOURCES.validate(frames["sources"], lazy=True)
    CHECKS.validate(frames["checks"], lazy=True)
    if "claims" in frames:
        CLAIMS.validate(frames["claims"], lazy=True)
    if "hypotheses" in frames:
        HYPOTHESES.validate(frames["hypotheses"], lazy=True)
    if "disagreements" in frames:
        DISAGREEMENTS.validate(frames["disagreements"], lazy=True)
    observations = frames["observations"]
    dangling = {
        "series_id": set(observations["series_id"]) - set(frames["series"]["series_id"]),
        "source_id": set(observations["source_id"]) - set(frames["sources"]["source_id"]),
    }
    inputs = {i for ids in observations["derived_from"] for i in ids}
    dangling["derived_from"] = inputs - set(observations["obs_id"])
    if "disagreements" in frames:
        sides = frames["disagreements"][["source_id", "versus_source_id"]].to_numpy().ravel()
        dangling["disagreements' sources"] = set(sides) - set(frames["sources"]["source_id"])
    broken = {column: sorted(ids) for column, ids in dangling.items() if ids}
    if broken:
        raise ValueError(f"observations reference ids that do not exist: {broken}")
