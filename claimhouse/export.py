"""Export the published warehouse in the dev-gold JSON Lines schema (shared/dev_gold/README.md).

One object per article: `doc` (the source file name; `name#record` for a record of a JSON file),
`published`, `outlet`, `claims` and `events`, each claim and event with `line`, the 1-based line of
the source file where its evidence starts. Background claims and events (history before 2020) are left
out, and so is a claim that repeats one of the same article (claim_relations: a headline the body
repeats is one claim) and an event mention that repeats one (fct_events.article_event_id).
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from claimhouse.warehouse import connect

# The warehouse says "unknown" where the gold schema says null.
UNKNOWN = "unknown"


def _side(value: str | None) -> str | None:
    return None if value in (None, UNKNOWN) else value


def _doc_name(source_file: str, record_index: int | None) -> str:
    name = PurePosixPath(source_file).name
    return name if record_index is None else f"{name}#{record_index}"


def export_gold_jsonl(warehouse: Path, out: Path) -> int:
    """Write one line per article to `out`; return the number of articles written."""
    with connect(warehouse, read_only=True) as con:
        articles = con.execute("""
            select article_id, source_file, record_index, published_date, outlet
            from marts.dim_articles order by source_file, record_index""").fetchall()
        claims = con.execute("""
            select article_id, claimant_text, claimant_side, predicate, subject_text, subject_side, quantity,
                   qualifier, as_of_date, denied_text, evidence_text, source_line
            from marts.fct_claims c
            where not is_background and not exists (
                select 1 from marts.claim_relations r
                join marts.fct_claims earlier on earlier.claim_id = r.related_claim_id
                where r.claim_id = c.claim_id and r.relation = 'repeats' and earlier.article_id = c.article_id)
            order by article_id, evidence_start, claim_id""").fetchall()
        events = con.execute("""
            select article_id, event_date, event_type, place_text, actor_side, target_side, evidence_text,
                   source_line
            from marts.fct_events where not is_background and event_id = article_event_id
            order by article_id, evidence_start, event_id""").fetchall()
    claims_of: dict[str, list[dict]] = {}
    for (article_id, claimant, claimant_side, predicate, subject, subject_side, quantity, qualifier, as_of,
         denies, evidence, line) in claims:
        claims_of.setdefault(article_id, []).append({
            "claimant": claimant, "claimant_side": _side(claimant_side), "predicate": predicate,
            "subject": subject, "subject_side": _side(subject_side), "quantity": quantity, "qualifier": qualifier,
            "as_of": as_of.isoformat() if as_of else None, "denies": denies, "evidence": evidence, "line": line,
        })
    events_of: dict[str, list[dict]] = {}
    for article_id, day, event_type, place, actor_side, target_side, evidence, line in events:
        events_of.setdefault(article_id, []).append({
            "date": day.isoformat() if day else None, "type": event_type, "location": place,
            "actor_side": _side(actor_side), "target_side": _side(target_side), "evidence": evidence, "line": line,
        })
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for article_id, source_file, record_index, published, outlet in articles:
            f.write(json.dumps({
                "doc": _doc_name(source_file, record_index),
                "published": published.isoformat() if published else None,
                "outlet": outlet,
                "claims": claims_of.get(article_id, []),
                "events": events_of.get(article_id, []),
            }, ensure_ascii=False) + "\n")
    return len(articles)
