from bench.corpus import CorpusSpec, write_corpus
from bench.run import CALIBRATION_ARTICLES, calibration_texts, stage_seconds, table
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


def test_the_calibration_is_the_same_texts_at_every_run():
    texts = calibration_texts()
    assert len(texts) == CALIBRATION_ARTICLES and len(set(texts)) == CALIBRATION_ARTICLES
    assert calibration_texts() == texts


def test_the_table_shows_how_far_the_machine_drifted_during_the_run():
    stages = {"ingest_articles": 2.0, "extract_mentions": 50.0}
    figures = {"corpus": {"files": 10}, "articles_parsed": 9, "words_parsed": 9000, "processes": 2,
               "machine": {"cpus": 2},
               "end_to_end": {"seconds": 60.0, "articles_per_second": 0.15, "words_per_second": 150.0,
                              "peak_rss_mb": 900.0, "stages": stages, "extract_words_per_second": 180.0},
               "rerun": {"seconds": 3.0, "share_of_full_run": 0.05, "stages": {}},
               "calibration": {"seconds_before": 4.0, "seconds_after": 4.4, "drift": 0.1}}
    text = table(figures)
    assert "the calibration took 4.00 s before and 4.40 s after (+10.0%)" in text
    assert "| outside the tasks (Airflow, process start) | 8.0 |" in text


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
