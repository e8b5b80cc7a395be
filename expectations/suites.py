"""The Great Expectations suites, one per pipeline stage, each a set of table checks.

A table check names the SQL that fetches what to validate (derived columns such as the article length
are computed in DuckDB, so article texts never travel into memory) and the expectations on it.
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
# A figure above this is not a count of anything in a war report (the largest real ones are money).
MAX_QUANTITY = 1_000_000_000_000
# Dates arrive from DuckDB as datetimes; GX compares them with bounds of the same type.
EARLIEST_DATE = datetime(1900, 1, 1)
LATEST_DATE = {"$PARAMETER": "now"}  # set when a suite runs


@dataclass(frozen=True)
class TableCheck:
    name: str
    query: str
    expectations: Callable[[], list[gxe.Expectation]]


def _span_checks(prefix: str = "span") -> list[gxe.Expectation]:
    """Spans that point inside their article: start >= 0, end > start, end <= the article's length."""
    return [
        gxe.ExpectColumnValuesToNotBeNull(column="article_length"),  # null: no such article
        gxe.ExpectColumnValuesToBeBetween(column=f"{prefix}_start", min_value=0),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A=f"{prefix}_end", column_B=f"{prefix}_start"),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="article_length", column_B=f"{prefix}_end",
                                                    or_equal=True, ignore_row_if="either_value_is_missing"),
    ]


def _with_article_length(table: str) -> str:
    return (f"select m.*, length(a.text) as article_length from {table} m "
            "left join raw.articles a on a.article_id = m.article_id")


RAW = [
    TableCheck("raw_articles", """
        select article_id, content_hash, source_file, source_format, published_date, length(text) as text_length,
               length(original_text) as original_length
        from raw.articles""", lambda: [
        gxe.ExpectTableRowCountToBeBetween(min_value=1),
        gxe.ExpectColumnValuesToNotBeNull(column="article_id"),
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
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=["loaded", "duplicate", "rejected"]),
        gxe.ExpectColumnValuesToNotBeNull(column="reason", row_condition='status=="rejected"',
                                          condition_parser="pandas"),
        gxe.ExpectColumnValuesToNotBeNull(column="article_id", row_condition='status=="loaded"',
                                          condition_parser="pandas"),
        gxe.ExpectColumnValuesToNotBeNull(column="duplicate_of", row_condition='status=="duplicate"',
                                          condition_parser="pandas"),
    ]),
]

EXTRACT = [
    TableCheck("extract_sentences", _with_article_length("extract.sentences"), lambda: [
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["article_id", "sentence_index"]),
        *_span_checks(),
    ]),
    TableCheck("extract_entity_mentions", _with_article_length("extract.entity_mentions"), lambda: [
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["article_id", "mention_index"]),
        gxe.ExpectColumnValuesToNotBeNull(column="label"),
        *_span_checks(),
    ]),
    TableCheck("extract_claim_mentions", _with_article_length("extract.claim_mentions"), lambda: [
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["article_id", "claim_index"]),
        gxe.ExpectColumnValuesToBeInSet(column="predicate", value_set=PREDICATES),
        gxe.ExpectColumnValuesToBeInSet(column="claimant_side", value_set=SIDES),
        gxe.ExpectColumnValuesToBeInSet(column="subject_side", value_set=SUBJECT_SIDES),
        gxe.ExpectColumnValuesToBeInSet(column="qualifier", value_set=QUALIFIERS),
        gxe.ExpectColumnValuesToBeInSet(column="as_of_precision", value_set=AS_OF_PRECISIONS),
        gxe.ExpectColumnValuesToBeBetween(column="quantity", min_value=0, max_value=MAX_QUANTITY),
        gxe.ExpectColumnValuesToBeBetween(column="as_of", min_value=EARLIEST_DATE,
                                          max_value=LATEST_DATE),
        *_span_checks(),
    ]),
    TableCheck("extract_event_mentions", _with_article_length("extract.event_mentions"), lambda: [
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["article_id", "event_index"]),
        gxe.ExpectColumnValuesToBeInSet(column="event_type", value_set=EVENT_TYPES),
        gxe.ExpectColumnValuesToBeInSet(column="actor_side", value_set=SIDES),
        gxe.ExpectColumnValuesToBeInSet(column="target_side", value_set=SIDES),
        gxe.ExpectColumnValuesToBeInSet(column="date_precision", value_set=PRECISIONS),
        gxe.ExpectColumnValuesToBeBetween(column="event_date", min_value=EARLIEST_DATE,
                                          max_value=LATEST_DATE),
        *_span_checks(),
    ]),
]

MARTS = [
    TableCheck("fct_claims", """
        select c.*, length(a.article_text) as article_length from marts.fct_claims c
        left join staging.stg_raw__articles a on a.article_id = c.article_id""", lambda: [
        gxe.ExpectColumnValuesToNotBeNull(column="claim_id"),
        gxe.ExpectColumnValuesToBeUnique(column="claim_id"),
        gxe.ExpectColumnValuesToNotBeNull(column="evidence_text"),
        gxe.ExpectColumnValuesToBeInSet(column="claimant_side", value_set=[*SIDES, "unknown"]),
        gxe.ExpectColumnValuesToBeInSet(column="subject_side", value_set=[*SUBJECT_SIDES, "unknown"]),
        gxe.ExpectColumnValuesToBeInSet(column="predicate", value_set=PREDICATES),
        gxe.ExpectColumnValuesToBeBetween(column="quantity", min_value=0, max_value=MAX_QUANTITY),
        *_span_checks("evidence"),
    ]),
    TableCheck("fct_events", """
        select e.*, length(a.article_text) as article_length from marts.fct_events e
        left join staging.stg_raw__articles a on a.article_id = e.article_id""", lambda: [
        gxe.ExpectColumnValuesToNotBeNull(column="event_id"),
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
        gxe.ExpectColumnValuesToNotBeNull(column="predicate"),  # null: a relation of a claim not in fct_claims
        gxe.ExpectColumnValuesToNotBeNull(column="related_predicate"),
        gxe.ExpectColumnValuesToNotBeInSet(column="related_predicate", value_set=["denial"]),
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
        gxe.ExpectColumnValuesToBeUnique(column="article_id"),
        gxe.ExpectColumnValuesToNotBeNull(column="article_id"),
        gxe.ExpectColumnValuesToBeInSet(column="outlet_side", value_set=[*SIDES, "unknown"]),
    ]),
    TableCheck("dim_actors", "select * from marts.dim_actors", lambda: [
        gxe.ExpectColumnValuesToBeUnique(column="actor_id"),
        gxe.ExpectColumnValuesToBeInSet(column="side", value_set=SIDES),
    ]),
]

STAGES: dict[str, list[TableCheck]] = {"raw": RAW, "extract": EXTRACT, "marts": MARTS}
