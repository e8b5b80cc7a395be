"""docker-compose.yml is a valid Compose file for the designed topology (no Docker engine runs here,
so it is checked the way `docker compose config` would: interpolated, merged, validated)."""

import json
import re

import pytest
import yaml
from compose_spec import PyCompose

from tests.conftest import REPO_ROOT

COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
AIRFLOW_SERVICES = {"airflow-init", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor",
                    "airflow-triggerer"}
VARIABLE = re.compile(r"\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


def env_file(path):
    pairs = (line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def interpolate(text, env):
    """Compose's variable syntax: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $$."""
    def substitute(m):
        name, op, arg = m["name"], m["op"], m["arg"]
        value = env.get(name)
        unset_or_empty = value is None or (op is not None and op.startswith(":") and value == "")
        if op in (":-", "-"):
            return arg if unset_or_empty else value
        if op in (":?", "?") and unset_or_empty:
            raise ValueError(f"required variable {name} is missing a value: {arg}")
        return value or ""
    return VARIABLE.sub(substitute, text.replace("$$", "\0")).replace("\0", "$")


def load(env):
    return yaml.safe_load(interpolate(COMPOSE_FILE.read_text(encoding="utf-8"), env))


@pytest.fixture(scope="module")
def compose():
    return load(env_file(REPO_ROOT / ".env.example"))


def test_the_file_is_valid_under_the_compose_specification(compose):
    parsed = PyCompose.from_json(json.dumps(compose))
    parsed.validate()
    assert set(parsed.service_names()) == AIRFLOW_SERVICES | {"postgres"}


@pytest.mark.parametrize("breakage", [
    lambda c: c["services"]["postgres"].update(healthcheck={"test": "pg_isready", "retries": "often"}),
    lambda c: c["services"]["airflow-apiserver"].update(ports=["eighty:8080"]),
    lambda c: c["services"]["airflow-scheduler"].update(restart_policy="always"),
])
def test_the_validator_rejects_a_malformed_file(compose, breakage):
    broken = json.loads(json.dumps(compose))
    breakage(broken)
    with pytest.raises(Exception):  # noqa: B017  (the bindings raise their own error types)
        PyCompose.from_json(json.dumps(broken)).validate()


def test_every_secret_must_come_from_the_environment():
    with pytest.raises(ValueError, match="required variable POSTGRES_PASSWORD is missing"):
        load({"POSTGRES_USER": "airflow", "POSTGRES_DB": "airflow"})
    raw = COMPOSE_FILE.read_text(encoding="utf-8")
    for line in raw.splitlines():
        if re.search(r"(PASSWORD|SECRET|FERNET_KEY)\w*:", line) and "_FILE:" not in line:
            assert "${" in line, f"a secret written into docker-compose.yml: {line.strip()}"


def test_airflow_services_share_one_configuration_and_the_warehouse(compose):
    services = compose["services"]
    environments = [services[name]["environment"] for name in AIRFLOW_SERVICES]
    for key in ("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOW__CORE__FERNET_KEY",
                "AIRFLOW__CORE__EXECUTION_API_SERVER_URL", "CLAIMHOUSE_WAREHOUSE"):
        assert len({env[key] for env in environments}) == 1, key
    assert environments[0]["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql+psycopg2://")
    for name in AIRFLOW_SERVICES:
        assert "warehouse:/data/warehouse" in services[name]["volumes"]
    assert services["airflow-scheduler"]["depends_on"]["airflow-init"]["condition"] == \
        "service_completed_successfully"


def test_the_image_runs_the_commands_of_each_component(compose):
    commands = {name: compose["services"][name].get("command", [None])[0] for name in AIRFLOW_SERVICES}
    assert commands == {"airflow-init": None, "airflow-apiserver": "api-server", "airflow-scheduler": "scheduler",
                        "airflow-dag-processor": "dag-processor", "airflow-triggerer": "triggerer"}
    assert compose["services"]["airflow-init"]["entrypoint"] == ["python", "-m", "claimhouse.deploy"]
    dockerfile = (REPO_ROOT / "Dockerfile").read_text(encoding="utf-8")
    for copied in re.findall(r"^COPY --chown=airflow (\S+) ", dockerfile, re.M):
        assert (REPO_ROOT / copied).exists(), copied
