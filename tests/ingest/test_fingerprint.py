from pathlib import Path

from ingest.fingerprint import SIGNATURE_SIZE, estimated_similarity, minhash_signature, shingles
from tests.conftest import REPO_ROOT, SEEDS

STORY = SEEDS / "003_38c270a15a49e9fe.txt"


def test_a_story_under_another_header_and_footer_is_nearly_the_same():
    text = STORY.read_text(encoding="utf-8")
    body = text.split("\n", 3)[3]
    republished = f"Front line: what Baku says\n\nHarbor Times, 5 October 2020\n\n{body}\n\nFollow us for more news."
    assert estimated_similarity(minhash_signature(text), minhash_signature(republished)) >= 0.8


def test_different_stories_are_not_alike():
    first, second = (path.read_text(encoding="utf-8") for path in sorted(SEEDS.iterdir())[3:5])
    assert estimated_similarity(minhash_signature(first), minhash_signature(second)) < 0.2


def test_signatures_are_stable_and_fit_an_integer_column():
    signature = minhash_signature("The ministry said 5 drones were downed near Tartar on Sunday.")
    assert signature == minhash_signature("the  Ministry said 5 drones were downed near Tartar, on Sunday")
    assert len(signature) == SIGNATURE_SIZE and all(0 <= value < 2**31 for value in signature)
    assert shingles("") == set() and len(minhash_signature("")) == SIGNATURE_SIZE


def test_dbt_reads_signatures_of_the_same_size():
    model = Path(REPO_ROOT / "dbt_project/models/intermediate/int_articles__near_duplicates.sql")
    assert f"{{% set signature_size = {SIGNATURE_SIZE} %}}" in model.read_text(encoding="utf-8")
