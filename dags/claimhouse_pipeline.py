"""
### claimhouse pipeline

Raw articles in the landing folder (`CLAIMHOUSE_INPUT`) become validated fact tables in the published
DuckDB warehouse (`CLAIMHOUSE_WAREHOUSE`):

ingest → validate raw → extract (spaCy) → validate extract → dbt build → validate marts → publish

Every task writes only the build database and is idempotent: it skips what is already done, and a
retry redoes its own work without duplicating rows. All warehouse-writing tasks share the one-slot
pool `claimhouse_warehouse`, since a DuckDB file takes one writer. A failing validation fails its task
without retries, so nothing after it runs and the last published warehouse stays as it was.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import Asset, chain, dag, task

from claimhouse.config import WAREHOUSE_POOL, load_settings

settings = load_settings()
# A stable identity: Airflow deactivates an asset whose name comes back with another URI, so the path
# (which CLAIMHOUSE_WAREHOUSE may change) travels in each asset event's extra instead.
published_warehouse = Asset(name="claimhouse_warehouse")


@dag(
    dag_id="claimhouse_pipeline",
    schedule=settings.schedule,
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=1), "pool": WAREHOUSE_POOL},
    tags=["claimhouse"],
    doc_md=__doc__,
)
def claimhouse_pipeline():
    @task
    def ingest_articles() -> dict:
        from claimhouse import pipeline

        return pipeline.ingest()

    @task(retries=0)
    def validate_raw() -> dict:
        from claimhouse import pipeline

        return pipeline.validate("raw")

    @task
    def extract_mentions() -> dict:
        from claimhouse import pipeline

        return pipeline.extract()

    @task(retries=0)
    def validate_extract() -> dict:
        from claimhouse import pipeline

        return pipeline.validate("extract")

    @task
    def dbt_build() -> dict:
        from claimhouse import pipeline

        return pipeline.dbt_build()

    @task(retries=0)
    def validate_marts() -> dict:
        from claimhouse import pipeline

        return pipeline.validate("marts")

    @task(outlets=[published_warehouse])
    def publish_warehouse(outlet_events=None) -> str:
        from claimhouse import pipeline

        path = pipeline.publish_warehouse()
        outlet_events[published_warehouse].extra = {"path": path}
        return path

    chain(ingest_articles(), validate_raw(), extract_mentions(), validate_extract(), dbt_build(),
          validate_marts(), publish_warehouse())


claimhouse_pipeline()
