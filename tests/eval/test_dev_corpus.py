"""Our own dev corpus: every annotated document has its article, and every value is one the schema allows."""

import json

from tests.conftest import DEV_CORPUS

SIDES = {"armenia", "azerbaijan", "third_party"}
SUBJECT_SIDES = {"armenia", "azerbaijan", "other", None}
PREDICATES = {"killed", "wounded", "killed_or_wounded", "captured", "displaced", "destroyed_equipment",
              "downed_aircraft", "captured_territory", "attack", "ceasefire_violation", "denial", "other"}
ROUND_NUMBERS = {100: "hundred", 1000: "thousand"}  # 'a hundred soldiers'
EVENT_TYPES = {"attack", "shelling", "missile_strike", "drone_strike", "capture", "ceasefire", "ceasefire_violation",
               "mobilization", "martial_law", "diplomatic", "other"}


def test_the_gold_annotates_every_article_with_allowed_values():
    docs = [json.loads(line) for line in (DEV_CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(d["doc"] for d in docs) == sorted(p.name for p in (DEV_CORPUS / "articles").iterdir())
    for doc in docs:
        text = (DEV_CORPUS / "articles" / doc["doc"]).read_text(encoding="utf-8")
        for claim in doc["claims"]:
            assert claim["claimant_side"] in SIDES and claim["subject_side"] in SUBJECT_SIDES
            assert claim["predicate"] in PREDICATES
            assert (claim["denies"] is not None) == (claim["predicate"] == "denial")
            assert claim["qualifier"] in (None, "more_than", "at_least", "about", "up_to")
            if claim["quantity"] is not None and "IMPLICIT_ONE" not in claim.get("note", ""):
                quantity = claim["quantity"]
                written = {f"{quantity:,}", str(quantity)}
                if quantity % 1000 == 0:
                    written.add(f"{quantity // 1000} thousand")
                if quantity in ROUND_NUMBERS:
                    written.add(f"a {ROUND_NUMBERS[quantity]}")
                assert any(form in text for form in written) or quantity < 13
        for event in doc["events"]:
            assert event["type"] in EVENT_TYPES
