"""Ingest prepares the annotated corpora without blanking a line that a gold claim or event stands on."""

import json
import re

import pytest

from claimhouse.config import load_settings
from ingest.clean import split_lines
from ingest.formats import read_records
from ingest.prepare import prepare_record
from tests.conftest import REPO_ROOT, SEEDS

DEV_CORPUS = REPO_ROOT / "eval" / "dev_corpus"
WORD = re.compile(r"[a-z]{4,}|\d+(?:,\d{3})*")
# what an annotation writes about its line (not its dates, which a dateline holds too)
WRITTEN_FIELDS = ("evidence", "subject", "claimant", "denies", "location", "note")


def read_gold(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def blanked_lines(path) -> set[int]:
    """The 1-based numbers of the lines ingest blanks in the article at `path`."""
    [record] = read_records(path.name, path.read_bytes())
    return {line.line_number for line in prepare_record(record).cleaned.blanked}


def line_of(item, lines: list[str]) -> int:
    """The 1-based number of the line an annotation without line numbers stands on: the one sharing the most
    words with what the annotation writes (its evidence, a paraphrase; its subject, claimant, place, note),
    its figure counted as a word."""
    words = set(WORD.findall(" ".join(item.get(name) or "" for name in WRITTEN_FIELDS).lower()))
    if item.get("quantity") is not None:
        words |= {str(item["quantity"]), f"{item['quantity']:,}"}
    return 1 + max(range(len(lines)), key=lambda i: len(words & set(WORD.findall(lines[i].lower()))))


def test_no_line_of_a_seed_gold_claim_or_event_is_blanked():
    gold = load_settings().gold_path
    if not gold.exists():
        pytest.skip(f"no seed gold at {gold}: set CLAIMHOUSE_SHARED to the folder holding dev_gold/")
    for doc in read_gold(gold):
        blanked = blanked_lines(SEEDS / doc["doc"])
        for item in doc["claims"] + doc["events"]:
            assert not blanked & set(item["lines"]), f"{doc['doc']}: {item['id']} stands on a blanked line"


def test_no_line_of_a_dev_corpus_gold_claim_or_event_is_blanked():
    for doc in read_gold(DEV_CORPUS / "gold.jsonl"):
        path = DEV_CORPUS / "articles" / doc["doc"]
        blanked = blanked_lines(path)
        lines = split_lines(path.read_text(encoding="utf-8"))
        for item in doc["claims"] + doc["events"]:
            line = line_of(item, lines)
            assert line not in blanked, f"{doc['doc']} line {line} is blanked, and an annotation stands on it: {item}"
