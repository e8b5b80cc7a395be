"""The Great Expectations suites, one per pipeline stage, each a set of table checks.

A table check names the SQL that fetches what to validate (derived columns such as the article length
are computed in DuckDB, so article texts never travel into memory) and the expectations on it.

What they catch: offsets outside the article's text, a fact without its article, a quantity below zero
or too large to count anything, a date after the article's publication (or before 1900), a side or
other value outside its accepted set, duplicate keys, and row counts that dropped against the last
published warehouse (`$PARAMETER`s the runner fills in: see `expectations.validate.run_parameters`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import great_expectations.expectations as gxe

SIDES = ["armenia", "azerbaijan", "third_party"]
SUBJECT_SIDES = ["armenia", "azerbaijan", "other"]
PREDICATES = ["killed", "wounded", "killed_or_wounded", "captured", "displaced", "destroyed_equipment",
              "downed_aircraft", "captured_territory", "attack", "ceasefire_violation", "denial", "other"]
QUALIFIERS = ["more_than", "at_least", "about", "up_to"]
EVENT_TYPES = ["attack", "shelling", "missile_strike", "drone_strike", "capture", "ceasefire", "ceasefire_violation",
               "mobilization", "martial_law", "diplomatic", "other"]
PRECISIONS = ["day", "day_no_year", "day_of_reference_month", "weekday", "relative_day", "day_of_conflict",
              "unknown"]
AS_OF_PRECISIONS = [*PRECISIONS, "previous_sentence", "publication_date"]
RELATIONS = ["denies", "confirms", "revises", "repeats"]
SOURCE_FORMATS = ["text", "markdown", "html", "json", "jsonl"]
# A figure above MAX_QUANTITY is no figure of a war report at all; above MAX_COUNT, no count of people or
# equipment (only `other` figures, such as money, reach it: "$2 billion of aid").
MAX_QUANTITY = 1_000_000_000_000
MAX_COUNT = 10_000_000
COUNTED_PREDICATES = [p for p in PREDICATES if p not in ("other", "denial")]
# Dates arrive from DuckDB as datetimes; GX compares them with bounds of the same type.
EARLIEST_DATE = datetime(1900, 1, 1)
LATEST_DATE = {"$PARAMETER": "now"}  # set when a suite runs
# A figure is given as of a day no later than its article's publication (a day later: time zones); an
# event may be announced for a day up to a year ahead (talks, a ceasefire that takes effect).
MAX_AS_OF_DAYS_AFTER_PUBLICATION = 1
MAX_EVENT_DAYS_AFTER_PUBLICATION = 366
# Row counts of the last published warehouse, which a run may not go below (articles are never removed;
# a new extractor may find fewer facts, but not fewer than half): set when a suite runs.
ALLOWED_FACT_DROP = 0.5


# A row-level expectation judges each row on its own: when the rows that break it all name their article,
# those articles are set aside (left out of the marts) and the rest of the stage goes on. Any other judges
# the table as a whole and its failure blocks the stage: row counts, uniqueness, and references to rows of
# another table (made with `_table_level`).
ROW_LEVEL_TYPES = {"expect_column_values_to_be_in_set", "expect_column_values_to_not_be_in_set",
                   "expect_column_values_to_be_between", "expect_column_values_to_not_be_null",
                   "expect_column_pair_values_a_to_be_greater_than_b"}
TABLE_LEVEL = {"judges": "table"}


def is_row_level(expectation_type: str, meta: dict | None) -> bool:
    return expectation_type in ROW_LEVEL_TYPES and (meta or {}).get("judges") != TABLE_LEVEL["judges"]


def _table_level(column: str) -> gxe.Expectation:
    """No nulls in `column`, where a null means a key is missing or a row refers to nothing: the table's failure."""
    return gxe.ExpectColumnValuesToNotBeNull(column=column, meta=TABLE_LEVEL)


@dataclass(frozen=True)
class TableCheck:
    name: str
    query: str
    expectations: Callable[[], list[gxe.Expectation]]


def _span_checks(prefix: str = "span") -> list[gxe.Expectation]:
    """Spans that point inside their article: start >= 0, end > start, end <= the article's length."""
    return [
        _table_level("article_length"),  # null: no such article
        gxe.ExpectColumnValuesToBeBetween(column=f"{prefix}_start", min_value=0),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A=f"{prefix}_end", column_B=f"{prefix}_start"),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="article_length", column_B=f"{prefix}_end",
                                                    or_equal=True, ignore_row_if="either_value_is_missing"),
    ]


def _with_article_length(table: str, columns: str = "m.*", date_column: str | None = None) -> str:
    """The rows of `table` with their article's length (null: no such article) and, for a date column,
    how many days after the article's publication that date is."""
    days = f", {date_column} - a.published_date as days_after_publication" if date_column else ""
    return (f"select {columns}, length(a.text) as article_length{days} from {table} m "
            "left join raw.articles a on a.article_id = m.article_id")


def _days_after_publication(max_days: int) -> gxe.Expectation:
    return gxe.ExpectColumnValuesToBeBetween(column="days_after_publication", max_value=max_days)


def _at_least_published(table: str) -> gxe.Expectation:
    """No fewer rows than `table` had in the last published warehouse (times 1 - ALLOWED_FACT_DROP for facts)."""
    return gxe.ExpectTableRowCountToBeBetween(min_value={"$PARAMETER": f"published_floor_{table}"})


RAW = [
    TableCheck("raw_articles", """
        select article_id, content_hash, source_file, source_format, published_date, length(text) as text_length,
               length(original_text) as original_length
        from raw.articles""", lambda: [
        gxe.ExpectTableRowCountToBeBetween(min_value=1),
        _at_least_published("raw_articles"),
        _table_level("article_id"),
        gxe.ExpectColumnValuesToBeUnique(column="article_id"),
        gxe.ExpectColumnValuesToBeUnique(column="content_hash"),
        gxe.ExpectColumnValuesToNotBeNull(column="source_file"),
        gxe.ExpectColumnValuesToBeInSet(column="source_format", value_set=SOURCE_FORMATS),
        gxe.ExpectColumnValuesToBeBetween(column="text_length", min_value=1),
        gxe.ExpectColumnValuesToBeBetween(column="original_length", min_value=1),
        gxe.ExpectColumnValuesToBeBetween(column="published_date", min_value=EARLIEST_DATE,
                                          max_value=LATEST_DATE),
    ]),
    TableCheck("raw_ingest_log", "select * from raw.ingest_log", lambda: [
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=["loaded", "duplicate", "quarantined"]),
        gxe.ExpectColumnValuesToNotBeNull(column="reason", row_condition='status=="quarantined"',
                                          condition_parser="pandas"),
        gxe.ExpectColumnValuesToNotBeNull(column="article_id", row_condition='status=="loaded"',
                                          condition_parser="pandas"),
        gxe.ExpectColumnValuesToNotBeNull(column="duplicate_of", row_condition='status=="duplicate"',
                                          condition_parser="pandas"),
    ]),
]

EXTRACT = [
    TableCheck("extract_sentences", _with_article_length("extract.sentences", "m.* exclude (text)"), lambda: [
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["article_id", "sentence_index"]),
        *_span_checks(),
    ]),
    TableCheck("extract_entity_mentions", _with_article_length("extract.entity_mentions"), lambda: [
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["article_id", "mention_index"]),
        gxe.ExpectColumnValuesToNotBeNull(column="label"),
        *_span_checks(),
    ]),
    TableCheck("extract_claim_mentions", _with_article_length("extract.claim_mentions", date_column="m.as_of"),
               lambda: [
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["article_id", "claim_index"]),
        gxe.ExpectColumnValuesToBeInSet(column="predicate", value_set=PREDICATES),
        gxe.ExpectColumnValuesToBeInSet(column="claimant_side", value_set=SIDES),
        gxe.ExpectColumnValuesToBeInSet(column="subject_side", value_set=SUBJECT_SIDES),
        gxe.ExpectColumnValuesToBeInSet(column="qualifier", value_set=QUALIFIERS),
        gxe.ExpectColumnValuesToBeInSet(column="as_of_precision", value_set=AS_OF_PRECISIONS),
        gxe.ExpectColumnValuesToBeBetween(column="quantity", min_value=0, max_value=MAX_QUANTITY),
        gxe.ExpectColumnValuesToBeBetween(column="quantity", max_value=MAX_COUNT, row_condition=
                                          f"predicate in {COUNTED_PREDICATES}", condition_parser="pandas"),
        gxe.ExpectColumnValuesToBeBetween(column="as_of", min_value=EARLIEST_DATE,
                                          max_value=LATEST_DATE),
        _days_after_publication(MAX_AS_OF_DAYS_AFTER_PUBLICATION),
        *_span_checks(),
    ]),
    TableCheck("extract_event_mentions", _with_article_length("extract.event_mentions",
                                                              date_column="m.event_date"), lambda: [
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["article_id", "event_index"]),
        gxe.ExpectColumnValuesToBeInSet(column="event_type", value_set=EVENT_TYPES),
        gxe.ExpectColumnValuesToBeInSet(column="actor_side", value_set=SIDES),
        gxe.ExpectColumnValuesToBeInSet(column="target_side", value_set=SIDES),
        gxe.ExpectColumnValuesToBeInSet(column="date_precision", value_set=PRECISIONS),
        gxe.ExpectColumnValuesToBeBetween(column="event_date", min_value=EARLIEST_DATE,
                                          max_value=LATEST_DATE),
        _days_after_publication(MAX_EVENT_DAYS_AFTER_PUBLICATION),
        *_span_checks(),
    ]),
]

MARTS = [
    TableCheck("fct_claims", """
        select c.* exclude (evidence_text), length(c.evidence_text) as evidence_length,
               length(a.article_text) as article_length
        from marts.fct_claims c left join staging.stg_raw__articles a on a.article_id = c.article_id""", lambda: [
        _at_least_published("fct_claims"),
        _table_level("claim_id"),
        gxe.ExpectColumnValuesToBeUnique(column="claim_id"),
        gxe.ExpectColumnValuesToNotBeNull(column="evidence_length"),  # null: no evidence text
        gxe.ExpectColumnValuesToBeBetween(column="evidence_length", min_value=1),
        gxe.ExpectColumnValuesToBeInSet(column="claimant_side", value_set=[*SIDES, "unknown"]),
        gxe.ExpectColumnValuesToBeInSet(column="subject_side", value_set=[*SUBJECT_SIDES, "unknown"]),
        gxe.ExpectColumnValuesToBeInSet(column="predicate", value_set=PREDICATES),
        gxe.ExpectColumnValuesToBeBetween(column="quantity", min_value=0, max_value=MAX_QUANTITY),
        *_span_checks("evidence"),
    ]),
    TableCheck("fct_events", """
        select e.*, length(a.article_text) as article_length from marts.fct_events e
        left join staging.stg_raw__articles a on a.article_id = e.article_id""", lambda: [
        _at_least_published("fct_events"),
        _table_level("event_id"),
        gxe.ExpectColumnValuesToBeUnique(column="event_id"),
        gxe.ExpectColumnValuesToBeInSet(column="event_type", value_set=EVENT_TYPES),
        gxe.ExpectColumnValuesToBeInSet(column="actor_side", value_set=[*SIDES, "unknown"]),
        *_span_checks("evidence"),
    ]),
    TableCheck("claim_relations", """
        select r.*, c.predicate, related.predicate as related_predicate from marts.claim_relations r
        left join marts.fct_claims c on c.claim_id = r.claim_id
        left join marts.fct_claims related on related.claim_id = r.related_claim_id""", lambda: [
        gxe.ExpectColumnValuesToBeUnique(column="relation_id"),
        gxe.ExpectColumnValuesToBeInSet(column="relation", value_set=RELATIONS),
        _table_level("predicate"),  # null: a relation of a claim not in fct_claims
        _table_level("related_predicate"),
        # a figure is related to figures only; a denial denies a figure or repeats a denial (a headline's)
        gxe.ExpectColumnValuesToNotBeInSet(column="related_predicate", value_set=["denial"],
                                           row_condition='predicate!="denial" or relation=="denies"',
                                           condition_parser="pandas"),
    ]),
    TableCheck("claim_ranges", "select * exclude (claim_ids) from marts.claim_ranges", lambda: [
        gxe.ExpectColumnValuesToBeUnique(column="range_id"),
        gxe.ExpectColumnValuesToBeBetween(column="claimants", min_value=1),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="best_quantity", column_B="low_quantity", or_equal=True),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="high_quantity", column_B="best_quantity",
                                                    or_equal=True),
        gxe.ExpectColumnValuesToBeInSet(column="predicate", value_set=[p for p in PREDICATES if p != "denial"]),
    ]),
    TableCheck("dim_articles", "select * exclude (title) from marts.dim_articles", lambda: [
        gxe.ExpectTableRowCountToBeBetween(min_value=1),
        _at_least_published("dim_articles"),
        gxe.ExpectColumnValuesToBeUnique(column="article_id"),
        _table_level("article_id"),
        gxe.ExpectColumnValuesToBeInSet(column="outlet_side", value_set=[*SIDES, "unknown"]),
    ]),
    TableCheck("dim_actors", "select * from marts.dim_actors", lambda: [
        gxe.ExpectColumnValuesToBeUnique(column="actor_id"),
        gxe.ExpectColumnValuesToBeInSet(column="side", value_set=SIDES),
    ]),
]

STAGES: dict[str, list[TableCheck]] = {"raw": RAW, "extract": EXTRACT, "marts": MARTS}
# The tables whose published row counts a run may not go below, and the share of them it must keep.
PUBLISHED_FLOORS = {"raw_articles": ("raw.articles", 1.0), "dim_articles": ("marts.dim_articles", 1.0),
                    "fct_claims": ("marts.fct_claims", 1 - ALLOWED_FACT_DROP),
                    "fct_events": ("marts.fct_events", 1 - ALLOWED_FACT_DROP)}
