"""The real-article corpus: every gold document is a row of articles.tsv with the URL and query that find its
text, and every value is one the schema allows. The texts are others' writing and stay out of git; where they
have been fetched (eval/real_corpus/texts), each figure must stand in its article and no evidence may copy it."""

import csv
import json
import re

import pytest

from tests.conftest import REPO_ROOT
from tests.eval.test_dev_corpus import EVENT_TYPES, PREDICATES, SIDES, SUBJECT_SIDES

CORPUS = REPO_ROOT / "eval" / "real_corpus"
QUALIFIERS = {None, "more_than", "at_least", "about", "up_to"}
SMALL_COUNT = 12  # up to 'a dozen' a count may be written as a word ('four', 'a') or implied (0: 'no one')
COPIED_WORDS = 8  # evidence sharing this many words in a row with its article copies it


def gold():
    return [json.loads(line) for line in (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines()]


def rows():
    with (CORPUS / "articles.tsv").open(encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f, delimiter="\t")}


def test_every_article_has_its_gold_url_and_query():
    articles = rows()
    docs = gold()
    assert sorted(d["doc"] for d in docs) == sorted(articles)
    for doc in docs:
        assert (doc["url"], doc["query"]) == (articles[doc["doc"]]["url"], articles[doc["doc"]]["query"])
    assert all(row["batch"].isdigit() for row in articles.values())


def test_the_gold_holds_only_allowed_values():
    for doc in gold():
        for claim in doc["claims"]:
            assert claim["claimant_side"] in SIDES and claim["subject_side"] in SUBJECT_SIDES, claim
            assert claim["predicate"] in PREDICATES and claim["qualifier"] in QUALIFIERS, claim
            assert (claim["denies"] is not None) == (claim["predicate"] == "denial"), claim
            assert claim["qualifier"] is None or claim["quantity"] is not None, claim
        for event in doc["events"]:
            assert event["type"] in EVENT_TYPES and event["actor_side"] in SIDES | {None}, event


# Figures as articles write them: '1,221', '15, 500', '2 300'; '5.8 thousand'
GROUPED_FIGURE = re.compile(r"\d{1,3}(?:[,.]? ?\d{3})+|\d+")
SCALED_FIGURE = re.compile(r"(\d+\.\d+)\s+(thousand|million)", re.I)
SCALES = {"thousand": 1_000, "million": 1_000_000}


def written_figures(text):
    """Every figure `text` writes in digits, as numbers."""
    scaled = {round(float(n) * SCALES[scale.lower()]) for n, scale in SCALED_FIGURE.findall(text)}
    return scaled | {int(re.sub(r"\D", "", m)) for m in GROUPED_FIGURE.findall(text)}


def words(text):
    return re.findall(r"\w+", text.lower())


@pytest.mark.parametrize("doc", gold(), ids=lambda d: d["doc"])
def test_a_fetched_article_holds_its_figures_and_the_evidence_does_not_copy_it(doc):
    path = CORPUS / "texts" / f"{doc['doc']}.json"
    if not path.exists():
        pytest.skip(f"{path.name} not fetched (eval/real_corpus/README.md says how)")
    text = json.loads(path.read_text(encoding="utf-8"))["text"]
    figures = written_figures(text)
    written = words(text)
    runs = {tuple(written[i:i + COPIED_WORDS]) for i in range(len(written) - COPIED_WORDS + 1)}
    for claim in doc["claims"]:
        quantity = claim["quantity"]
        if quantity is not None and quantity > SMALL_COUNT:
            assert quantity in figures or "number word" in claim.get("note", "").lower(), claim
        evidence = words(claim["evidence"])
        assert not any(tuple(evidence[i:i + COPIED_WORDS]) in runs for i in range(len(evidence))), claim
