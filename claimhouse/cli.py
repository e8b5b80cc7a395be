"""The `claimhouse` command: run the pipeline, export the warehouse, score the extraction, deal with the articles a
validation set aside."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import shlex
import subprocess
import sys
import sysconfig
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from claimhouse.config import load_settings


def _run(args: argparse.Namespace) -> int:
    if args.input:
        os.environ["CLAIMHOUSE_INPUT"] = str(Path(args.input).resolve())
    if args.warehouse:
        os.environ["CLAIMHOUSE_WAREHOUSE"] = str(Path(args.warehouse).resolve())
    settings = load_settings()
    print(f"claimhouse: running the pipeline on {settings.input_dir}", flush=True)
    from claimhouse.airflow_local import run_dag_once
    from claimhouse.pipeline import latest_failure

    started = datetime.now(UTC).replace(tzinfo=None)
    state = run_dag_once(exits_after=True)
    if state != "success":
        found = latest_failure(settings.build_db_path, started) if settings.build_db_path.exists() else None
        print(f"\nclaimhouse: the run ended in state {state!r}; the published warehouse "
              f"{settings.warehouse_path} was not replaced.\n  "
              + (found or "The failing task's log above says why.")
              + f"\n  Validation reports: {settings.data_docs_dir / 'index.html'}", file=sys.stderr)
        return 1
    print_summary(settings.warehouse_path, settings.data_docs_dir, settings.quarantine_dir)
    return 0


def print_summary(warehouse: Path, data_docs: Path, quarantine: Path) -> None:
    from claimhouse.pipeline import warehouse_summary

    s = warehouse_summary(warehouse)
    inputs = s["inputs"]
    checks = ", ".join(f"{v['stage']} {v['expectations'] - v['failed'] - v['set_aside_failures']}/{v['expectations']}"
                       for v in s["validations"])
    print("\nclaimhouse run: success")
    print(f"  files        {_by_status(s['files'])}")
    print(f"  inputs       {_by_status(inputs)} (a JSON Lines or JSON list file holds several)")
    if inputs.get("quarantined"):
        print(f"  quarantine   {quarantine} (a copy of each quarantined input; raw.ingest_log says why)")
    print(f"  articles     {s['articles']}")
    print(f"  entities     {s['entities']}")
    print(f"  claims       {s['claims']} (+{s['background_claims']} marked as background history)")
    print(f"  events       {s['events']}")
    print(f"  validation   {checks} expectations passed")
    if s["set_aside"]:
        print(f"  set aside    {len(s['set_aside'])} article(s) whose rows broke a validation, left out of the marts:")
        for article, source_file, reasons in s["set_aside"]:
            print(f"                 {article} ({source_file}): {reasons}")
        print("               `claimhouse articles list` lists them; `claimhouse articles remove ID|FILE` removes one, "
              "`claimhouse articles restore ID|FILE` validates it again")
    print(f"  warehouse    {warehouse} (read-only)")
    print(f"  query it     {shlex.join(query_command(warehouse))}")
    print(f"  data docs    {data_docs / 'index.html'}")


def query_command(warehouse: Path) -> list[str]:
    """The DuckDB command line (duckdb-cli, installed beside this Python at the warehouse's DuckDB version),
    opening the warehouse read-only."""
    return [str(Path(sysconfig.get_path("scripts")) / "duckdb"), "-readonly", str(warehouse)]


def _by_status(counts: dict[str, int]) -> str:
    return (f"{sum(counts.values())}: {counts.get('loaded', 0)} loaded, {counts.get('duplicate', 0)} duplicate, "
            f"{counts.get('quarantined', 0)} quarantined")


def _export(args: argparse.Namespace) -> int:
    from claimhouse.export import export_gold_jsonl

    warehouse = Path(args.warehouse) if args.warehouse else load_settings().warehouse_path
    count = export_gold_jsonl(warehouse, Path(args.out))
    print(f"claimhouse: exported {count} articles to {args.out}")
    return 0


def _eval(args: argparse.Namespace) -> int:
    from claimhouse.export import export_gold_jsonl

    settings = load_settings()
    warehouse = Path(args.warehouse) if args.warehouse else settings.warehouse_path
    gold = Path(args.gold) if args.gold else settings.gold_path
    for needed in (gold, settings.scorer_path):
        if not needed.exists():
            print(f"claimhouse: {needed} not found; set CLAIMHOUSE_SHARED to the folder holding dev_gold/ "
                  f"and eval/", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory() as tmp:
        predictions = Path(tmp) / "predictions.jsonl"
        export_gold_jsonl(warehouse, predictions)
        command = [sys.executable, str(settings.scorer_path), str(gold), str(predictions)]
        if args.json:
            command.append("--json")
        return subprocess.run(command, check=False).returncode


def _articles(args: argparse.Namespace) -> int:
    from claimhouse import articles
    from claimhouse.pipeline import set_aside_articles

    settings = load_settings()
    if not settings.build_db_path.exists():
        raise FileNotFoundError(f"no build database at {settings.build_db_path}: run `claimhouse run` first")
    if args.action == "list":
        rows = set_aside_articles(settings)
        print(f"claimhouse: {len({row[0] for row in rows})} article(s) set aside in {settings.build_db_path}")
        for article, source_file, stage, check, column, expectation, value in rows:
            print(f"  {article}  {source_file}  {stage}: {check}.{column or ''} broke {expectation} ({value})")
        return 0
    if not args.references:
        raise ValueError(f"`claimhouse articles {args.action}` needs the id or source file of an article")
    act = articles.remove_articles if args.action == "remove" else articles.restore_articles
    done = act(settings, args.references)
    what = ("removed, with everything derived from it" if args.action == "remove"
            else "restored: every validation runs again on the next run")
    for article in done:
        print(f"claimhouse: {article} {what}")
    print("claimhouse: `claimhouse run` builds and publishes the warehouse without it" if args.action == "remove"
          else "claimhouse: `claimhouse run` validates it again")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claimhouse", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the pipeline DAG once, in-process, and print a summary")
    run.add_argument("--input", help="landing folder of articles (default: CLAIMHOUSE_INPUT, else seeds/)")
    run.add_argument("--warehouse", help="published warehouse file (default: CLAIMHOUSE_WAREHOUSE)")
    run.set_defaults(handler=_run)
    export = commands.add_parser("export", help="export claims and events as JSON Lines")
    export.add_argument("--format", choices=["gold-jsonl"], default="gold-jsonl")
    export.add_argument("--out", required=True, help="file to write")
    export.add_argument("--warehouse", help="warehouse file to read (default: the published one)")
    export.set_defaults(handler=_export)
    score = commands.add_parser("eval", help="score the extraction against the dev gold")
    score.add_argument("--gold", help="gold JSON Lines (default: $CLAIMHOUSE_SHARED/dev_gold/gold.jsonl)")
    score.add_argument("--warehouse", help="warehouse file to read (default: the published one)")
    score.add_argument("--json", action="store_true", help="print the scorer's JSON")
    score.set_defaults(handler=_eval)
    articles = commands.add_parser("articles", help="list the articles a validation set aside, remove or restore one")
    articles.add_argument("action", choices=["list", "remove", "restore"],
                          help="list: the articles set aside; remove: an article and everything derived from it; "
                               "restore: take it off the list and validate it again")
    articles.add_argument("references", nargs="*", metavar="ID|FILE",
                          help="article ids, or source files (a JSON Lines file names all its articles)")
    articles.set_defaults(handler=_articles)
    return parser


def entry_point() -> None:
    """The `claimhouse` command: `main`, then the process ends without the interpreter's last garbage
    collections. Those walk every object still alive (Airflow's, Great Expectations', ... some millions
    after a run: 2 s, a quarter of a re-run with nothing new), and nothing left needs collecting: the files
    are closed and the logs flushed (atexit handlers still run)."""
    code = main()
    gc.freeze()
    sys.exit(code)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (FileNotFoundError, ValueError) as exc:
        print(f"claimhouse: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    entry_point()
