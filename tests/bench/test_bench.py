from bench.corpus import CorpusSpec, write_corpus
from bench.run import stage_seconds
from ingest.load import landing_files


def test_the_generated_corpus_has_the_asked_shape(tmp_path):
    shape = write_corpus(tmp_path, CorpusSpec(articles=300, mean_words=400, min_words=200, max_words=900,
                                              duplicate_share=0.05, bad_share=0.05))
    files = landing_files(tmp_path)
    assert len(files) == shape["files"] == 300
    assert shape["articles"] + shape["duplicates"] + shape["bad_files"] == 300
    assert shape["duplicates"] > 0 and shape["bad_files"] > 0
    assert 300 <= shape["mean_words"] <= 550
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files[:50]]
    assert any("said that" in t and "Follow us" in t for t in texts)
    assert write_corpus(tmp_path / "again", CorpusSpec(articles=300, mean_words=400, min_words=200, max_words=900,
                                                       duplicate_share=0.05, bad_share=0.05)) == shape


def test_stage_times_are_read_from_the_dag_test_output():
    output = "\n".join([
        "2026-11-29T21:49:04.000000Z [info     ] [DAG TEST] starting task_id=ingest_articles map_index=-1 [x]",
        "2026-11-29T21:49:06.500000Z [info     ] [DAG TEST] end task task_id=ingest_articles map_index=-1 [x]",
        "2026-11-29T21:49:07.000000Z [info     ] [DAG TEST] starting task_id=dbt_build map_index=-1 [x]",
        "2026-11-29T21:49:17.000000Z [info     ] [DAG TEST] end task task_id=dbt_build map_index=-1 [x]",
    ])
    assert stage_seconds(output) == {"ingest_articles": 2.5, "dbt_build": 10.0}


def test_the_profile_report_gives_each_part_its_share():
    import cProfile
    import pstats

    from bench.profile import part_of, report

    assert part_of("/x/site-packages/spacy/language.py") == "spaCy parse"
    assert part_of("/repo/extraction/claims.py") == "extraction rules"
    assert part_of("/repo/ingest/clean.py") == "ingest"
    assert part_of("~") == "other"
    profile = cProfile.Profile()
    profile.runcall(sorted, range(1000), key=str)
    text = report(pstats.Stats(profile), top=3)
    assert "| other |" in text and "100%" in text and "most time of their own" in text
