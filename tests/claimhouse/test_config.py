import pytest

from claimhouse.config import PYPI_SPACY_MODEL, REPO_ROOT, load_settings


def test_defaults_work_from_a_checkout(monkeypatch):
    for name in ("CLAIMHOUSE_INPUT", "CLAIMHOUSE_WAREHOUSE", "CLAIMHOUSE_BUILD_DB", "CLAIMHOUSE_DATA_DOCS",
                 "CLAIMHOUSE_BATCH_SIZE", "CLAIMHOUSE_SPACY_MODEL"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.input_dir == REPO_ROOT / "seeds"
    assert settings.warehouse_path == REPO_ROOT / "warehouse" / "claimhouse.duckdb"
    assert settings.build_db_path == REPO_ROOT / "warehouse" / "build" / "claimhouse.duckdb"
    assert settings.batch_size == 32
    assert settings.spacy_model in ("en_core_web_sm", PYPI_SPACY_MODEL)


def test_the_build_database_and_docs_follow_the_warehouse(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMHOUSE_WAREHOUSE", str(tmp_path / "wh" / "conflict.duckdb"))
    monkeypatch.delenv("CLAIMHOUSE_BUILD_DB", raising=False)
    monkeypatch.delenv("CLAIMHOUSE_DATA_DOCS", raising=False)
    settings = load_settings()
    assert settings.build_db_path == tmp_path / "wh" / "build" / "conflict.duckdb"
    assert settings.data_docs_dir == tmp_path / "wh" / "data_docs"


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_a_bad_batch_size_is_a_clear_error(monkeypatch, value):
    monkeypatch.setenv("CLAIMHOUSE_BATCH_SIZE", value)
    with pytest.raises(ValueError, match="CLAIMHOUSE_BATCH_SIZE must be a positive whole number"):
        load_settings()


def test_a_schedule_of_none_means_triggered_runs_only(monkeypatch):
    monkeypatch.setenv("CLAIMHOUSE_SCHEDULE", "None")
    assert load_settings().schedule is None
    monkeypatch.setenv("CLAIMHOUSE_SCHEDULE", "0 6 * * *")
    assert load_settings().schedule == "0 6 * * *"
