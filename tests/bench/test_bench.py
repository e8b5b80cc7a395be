from bench.corpus import CorpusSpec, write_corpus
from bench.run import bare_spacy_figures, stage_seconds, table
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


def test_bare_spacy_is_the_mean_of_its_runs_before_and_after_and_the_table_shows_their_drift():
    before = {"seconds": 100.0, "wall_seconds": 104.0, "peak_rss_mb": 900.0, "tokens": 12000, "articles": 9}
    after = {"seconds": 110.0, "wall_seconds": 114.0, "peak_rss_mb": 950.0, "tokens": 12000, "articles": 9}
    bare = bare_spacy_figures(before, after, articles=9, words=10500)
    assert (bare["seconds"], bare["peak_rss_mb"], bare["words_per_second"]) == (105.0, 950.0, 100.0)
    assert round(bare["drift"], 3) == 0.1
    stages = {"ingest_articles": 2.0, "extract_mentions": 110.0}
    figures = {"corpus": {"files": 10}, "articles_parsed": 9, "words_parsed": 10500, "processes": 2,
               "machine": {"cpus": 2}, "bare_spacy": bare, "ratio_end_to_end_to_bare_spacy": 105.0 / 120.0,
               "end_to_end": {"seconds": 120.0, "articles_per_second": 0.075, "words_per_second": 87.5,
                              "peak_rss_mb": 900.0, "stages": stages, "extract_words_per_second": 95.5},
               "rerun": {"seconds": 3.0, "share_of_full_run": 0.025, "stages": {}}}
    text = table(figures)
    assert "| (a) bare spaCy `nlp.pipe` (mean of before and after (b)) | 105.0 |" in text
    assert "ratio (b)/(a) in words/s: 0.88" in text
    assert "bare spaCy took 100.0 s before (b) and 110.0 s after it (+10.0%)" in text
    assert "| outside the tasks (Airflow, process start) | 8.0 |" in text
    assert ("beyond bare spaCy: 15.0 s (the extraction stage 5.0 s, everything else 10.0 s); a ratio of 0.85 allows "
            "18.5 s") in text


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
