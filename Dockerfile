# The claimhouse image: Airflow 3 with the pipeline's code and its exact, hash-pinned dependencies.
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    AIRFLOW_HOME=/opt/airflow \
    AIRFLOW__CORE__DAGS_FOLDER=/opt/claimhouse/dags \
    AIRFLOW__CORE__LOAD_EXAMPLES=False \
    GX_ANALYTICS_ENABLED=False

RUN useradd --create-home --uid 50000 --home-dir /opt/airflow airflow \
    && mkdir -p /opt/claimhouse /data/warehouse /data/landing \
    && chown -R airflow /opt/claimhouse /data

WORKDIR /opt/claimhouse
COPY requirements.lock ./
RUN pip install --no-cache-dir uv==0.13.8 \
    && uv pip install --system --no-cache --require-hashes -r requirements.lock

COPY --chown=airflow pyproject.toml README.md ./
COPY --chown=airflow claimhouse ./claimhouse
COPY --chown=airflow ingest ./ingest
COPY --chown=airflow extraction ./extraction
COPY --chown=airflow expectations ./expectations
COPY --chown=airflow dags ./dags
COPY --chown=airflow dbt_project ./dbt_project
RUN uv pip install --system --no-cache --no-deps -e .

USER airflow
ENTRYPOINT ["airflow"]
CMD ["version"]
