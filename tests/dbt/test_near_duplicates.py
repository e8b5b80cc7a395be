"""A story re-published by another outlet under its own header: both articles are kept, the later one
names the first as its original, and claim_ranges counts the story's claims once."""

import duckdb
import pytest

from claimhouse import pipeline
from tests.conftest import SEEDS

pytestmark = pytest.mark.integration
STORY = "003_38c270a15a49e9fe.txt"


def test_a_re_published_story_is_linked_and_its_claims_count_once(workspace):
    original = (SEEDS / STORY).read_text(encoding="utf-8")
    body = original.split("\n", 3)[3]
    (workspace.input_dir / STORY).write_text(original, encoding="utf-8")
    (workspace.input_dir / "republished.txt").write_text(
        f"What the ministries say\n\nHarbor Times, November 2, 2020\n\n{body}\n\nSubscribe to our newsletter.\n",
        encoding="utf-8")
    assert pipeline.ingest(workspace)["loaded"] == 2
    pipeline.extract(workspace)
    pipeline.dbt_build(workspace)
    with duckdb.connect(str(workspace.build_db_path), read_only=True) as con:
        articles = dict(con.execute("select source_file, article_id from marts.dim_articles").fetchall())
        links = con.execute("select article_id, near_duplicate_of, near_duplicate_similarity from marts.dim_articles "
                            "where near_duplicate_of is not null").fetchall()
        assert [(a, b) for a, b, _ in links] == [(articles["republished.txt"], articles[STORY])]
        assert links[0][2] >= 0.8
        counted = {article for (article,) in con.execute(
            "select distinct c.article_id from marts.claim_ranges r, unnest(r.claim_ids) as u(claim_id) "
            "join marts.fct_claims c on c.claim_id = u.claim_id").fetchall()}
        both = {article for (article,) in con.execute("select distinct article_id from marts.fct_claims "
                                                       "where quantity is not null").fetchall()}
    assert both == set(articles.values())  # both articles have their claims in fct_claims
    assert counted == {articles[STORY]}  # but only the original's count in the ranges
