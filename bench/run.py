"""The benchmark: bare spaCy against the whole pipeline, on the same generated corpus.

    .venv/bin/python -m bench.run --articles 2000 --processes 1,2     # or: make bench

(b) end to end: `claimhouse run` (Airflow's DAG: ingest, validate, extract, validate, dbt build,
validate, publish) on a generated landing folder with `--processes` extraction processes, then again
with nothing new (the re-run);
(a) bare spaCy: the project's pipeline (`extraction.parse.load_nlp`: the model and the components the
extraction adds) with `nlp.pipe` over the very texts (b) parsed (the pipeline's ingest, run alone into a
scratch warehouse first), in as many processes, nothing else.
Peak memory is the resident memory of a run's whole process tree (workers included), sampled.
A machine's speed drifts (a shared host): bare spaCy runs both before and after (b), the ratio takes the
mean of the two, and their difference is printed as the run's own noise.
Several sizes (`--articles 1000,10000,100000`) show each stage's time per article as the corpus grows;
several process counts (`--processes 1,2`) how the extraction stage scales. Prints tables and writes
the figures as JSON (`--out`, default bench/results/latest.json) to compare across commits.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import duckdb
import psutil

from bench.corpus import CorpusSpec, write_corpus

REPO_ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
STAGES = ["ingest_articles", "validate_raw", "extract_mentions", "validate_extract", "dbt_build", "validate_marts",
          "publish_warehouse"]
# Issue 5's target: end-to-end words/s at least this share of bare spaCy's.
TARGET_RATIO = 0.85
TASK_EVENT = re.compile(r"^(?P<time>\S+Z) .*\[DAG TEST\] (?P<event>starting|end task) task_id=(?P<task>\w+)")
# The pipeline's ingest alone (into the warehouse CLAIMHOUSE_WAREHOUSE names): the texts the pipeline will
# parse, written to argv[1] as JSON, for bare spaCy to parse before the pipeline runs.
INGESTED_TEXTS = """
import json, sys
import duckdb
from claimhouse import pipeline
from claimhouse.config import load_settings
pipeline.ingest()
with duckdb.connect(str(load_settings().build_db_path), read_only=True) as con:
    texts = [row[0] for row in con.execute("select text from raw.articles order by article_id").fetchall()]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(texts, out)
"""
# (a): argv[1] a JSON file of texts, argv[2] the number of processes
BARE_SPACY = """
import json, sys, time
from claimhouse.config import load_settings
from extraction.parse import load_nlp
with open(sys.argv[1], encoding="utf-8") as texts_file:
    texts = json.load(texts_file)
nlp = load_nlp(load_settings().spacy_model)
started = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32, n_process=int(sys.argv[2])))
print(json.dumps({"seconds": time.perf_counter() - started, "articles": len(texts),
                  "words": sum(len(t.split()) for t in texts), "tokens": tokens}))
"""


def _tree_rss(process: psutil.Process) -> int:
    """The resident memory of a process and all its descendants, in bytes."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):  # ended between the listing and the reading
            total += member.memory_info().rss
    return total


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run `command`; return (wall seconds, peak resident memory in MB of it and its children together,
    sampled every 0.2 s, output)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT, text=True)
        watched, peak = psutil.Process(process.pid), 0
        while process.poll() is None:
            with contextlib.suppress(psutil.Error):
                peak = max(peak, _tree_rss(watched))
            time.sleep(0.2)
        seconds = time.perf_counter() - started
        output.seek(0)
        text = output.read()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{text[-4000:]}")
    return seconds, peak / 2**20, text


def stage_seconds(output: str) -> dict[str, float]:
    """Each DAG task's wall time, from the start and end lines `dag.test()` prints."""
    started, seconds = {}, {}
    for line in output.splitlines():
        m = TASK_EVENT.match(line)
        if m:
            moment = datetime.fromisoformat(m["time"].replace("Z", "+00:00")).timestamp()
            if m["event"] == "starting":
                started[m["task"]] = moment
            else:
                seconds[m["task"]] = moment - started.pop(m["task"])
    return seconds


def _bare_spacy(texts_file: Path, processes: int, env: dict[str, str]) -> dict:
    """Bare spaCy (`BARE_SPACY`) over the texts of `texts_file` in its own process tree: its figures, wall
    time and peak memory."""
    seconds, peak, out = _timed([sys.executable, "-c", BARE_SPACY, str(texts_file), str(processes)], env)
    return {**json.loads(out.strip().splitlines()[-1]), "wall_seconds": seconds, "peak_rss_mb": peak}


def _ingested_texts(work: Path, env: dict[str, str]) -> Path:
    """The texts the pipeline will parse, from its ingest run alone into a scratch warehouse, in a JSON file."""
    scratch, texts_file = work / "ingest-alone", work / "parsed-texts.json"
    _timed([sys.executable, "-c", INGESTED_TEXTS, str(texts_file)],  # fails with the ingest's own output
           {**env, "CLAIMHOUSE_WAREHOUSE": str(scratch / "claimhouse.duckdb")})
    shutil.rmtree(scratch)
    return texts_file


def run_benchmark(corpus: Path, shape: dict, processes: int, work: Path, bare_spacy: bool = True) -> dict:
    """`claimhouse run` on `corpus` and its re-run, in `processes` extraction processes; unless not asked
    for, bare spaCy over the very texts the pipeline parses, in as many processes, before and after them."""
    work.mkdir(parents=True, exist_ok=True)
    warehouse = work / "warehouse" / "claimhouse.duckdb"
    env = {**os.environ, "AIRFLOW_HOME": str(work / "airflow"), "CLAIMHOUSE_INPUT": str(corpus),
           "CLAIMHOUSE_WAREHOUSE": str(warehouse), "CLAIMHOUSE_EXTRACT_PROCESSES": str(processes),
           "CLAIMHOUSE_INGEST_PROCESSES": str(processes),
           "GX_ANALYTICS_ENABLED": "False", "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
           "AIRFLOW__CORE__DAGS_FOLDER": str(REPO_ROOT / "dags")}
    subprocess.run([str(BIN / "airflow"), "db", "migrate"], env=env, check=True, capture_output=True)
    if bare_spacy:
        texts_file = _ingested_texts(work, env)
        bare_before = _bare_spacy(texts_file, processes, env)
    full_seconds, full_peak, full_out = _timed([str(BIN / "claimhouse"), "run"], env)
    rerun_seconds, _, rerun_out = _timed([str(BIN / "claimhouse"), "run"], env)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        articles, words = con.execute("select count(*), sum(len(string_split_regex(trim(text), '\\s+'))) "
                                      "from raw.articles").fetchone()
    stages = stage_seconds(full_out)
    figures = {
        "measured_at": datetime.now().isoformat(timespec="seconds"),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True,
                                 text=True, check=False).stdout.strip() or None,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "processor": platform.processor() or platform.machine()},
        "corpus": shape,
        "processes": processes,
        "articles_parsed": articles, "words_parsed": words,
        "end_to_end": {"seconds": full_seconds, "peak_rss_mb": full_peak, "words_per_second": words / full_seconds,
                       "articles_per_second": articles / full_seconds, "stages": stages,
                       "extract_words_per_second": words / stages["extract_mentions"]},
        "rerun": {"seconds": rerun_seconds, "share_of_full_run": rerun_seconds / full_seconds,
                  "stages": stage_seconds(rerun_out)},
    }
    if bare_spacy:
        bare_after = _bare_spacy(texts_file, processes, env)
        texts_file.unlink()
        if bare_after["articles"] != articles:
            raise RuntimeError(f"ingest alone gave {bare_after['articles']} texts, the pipeline {articles}")
        figures["bare_spacy"] = bare_spacy_figures(bare_before, bare_after, articles, words)
        figures["ratio_end_to_end_to_bare_spacy"] = (words / full_seconds) / figures["bare_spacy"]["words_per_second"]
    return figures


def bare_spacy_figures(before: dict, after: dict, articles: int, words: int) -> dict:
    """Bare spaCy's figures from its runs before and after the pipeline: the mean of their times, and how
    far the second is from the first (the machine's drift over the run)."""
    seconds = (before["seconds"] + after["seconds"]) / 2
    return {"seconds": seconds, "seconds_before": before["seconds"], "seconds_after": after["seconds"],
            "drift": after["seconds"] / before["seconds"] - 1, "tokens": after["tokens"],
            "wall_seconds": (before["wall_seconds"] + after["wall_seconds"]) / 2,
            "peak_rss_mb": max(before["peak_rss_mb"], after["peak_rss_mb"]),
            "words_per_second": words / seconds, "articles_per_second": articles / seconds}


def table(figures: dict) -> str:
    full, rerun = figures["end_to_end"], figures["rerun"]
    corpus, articles = figures["corpus"], figures["articles_parsed"]
    lines = [f"corpus: {corpus['files']:,} files, {articles:,} articles parsed, {figures['words_parsed']:,} words "
             f"(mean {figures['words_parsed'] / max(articles, 1):.0f}); {figures['processes']} process(es); "
             f"{figures['machine']['cpus']} CPUs", "", "| run | wall s | articles/s | words/s | peak RSS MB |",
             "|---|---|---|---|---|"]
    if "bare_spacy" in figures:
        bare = figures["bare_spacy"]
        lines.append(f"| (a) bare spaCy `nlp.pipe` (mean of before and after (b)) | {bare['seconds']:.1f} | "
                     f"{bare['articles_per_second']:.1f} | {bare['words_per_second']:,.0f} | "
                     f"{bare['peak_rss_mb']:.0f} |")
    lines += [f"| (b) end to end (`claimhouse run`) | {full['seconds']:.1f} | {full['articles_per_second']:.1f} | "
              f"{full['words_per_second']:,.0f} | {full['peak_rss_mb']:.0f} |",
              f"| re-run, nothing new | {rerun['seconds']:.1f} | | | |", ""]
    if "bare_spacy" in figures:
        lines.append(f"ratio (b)/(a) in words/s: {figures['ratio_end_to_end_to_bare_spacy']:.2f}")
    lines += [f"re-run: {100 * rerun['share_of_full_run']:.1f}% of the full run; extraction stage "
              f"{full['extract_words_per_second']:,.0f} words/s"]
    if "bare_spacy" in figures:
        bare = figures["bare_spacy"]
        lines.append(f"the machine's drift over the run: bare spaCy took {bare['seconds_before']:.1f} s before (b) "
                     f"and {bare['seconds_after']:.1f} s after it ({100 * bare['drift']:+.1f}%); (a) is their mean")
        lines.append(beyond_bare_spacy(full, bare["seconds"]))
    lines += ["",
              "| stage | full run s | ms per article | re-run s |", "|---|---|---|---|"]
    for stage in STAGES:
        seconds = full["stages"].get(stage, 0)
        lines.append(f"| {stage} | {seconds:.1f} | {1000 * seconds / max(articles, 1):.2f} | "
                     f"{rerun['stages'].get(stage, 0):.1f} |")
    overhead = full["seconds"] - sum(full["stages"].values())
    lines.append(f"| outside the tasks (Airflow, process start) | {overhead:.1f} | | |")
    return "\n".join(lines)


def beyond_bare_spacy(full: dict, bare_seconds: float) -> str:
    """Where the end-to-end run spends its time beyond bare spaCy's (both parse the same texts), against what
    the target ratio allows."""
    extraction = full["stages"].get("extract_mentions", 0)
    return (f"beyond bare spaCy: {full['seconds'] - bare_seconds:.1f} s (the extraction stage "
            f"{extraction - bare_seconds:.1f} s, everything else {full['seconds'] - extraction:.1f} s); "
            f"a ratio of {TARGET_RATIO} allows {bare_seconds / TARGET_RATIO - bare_seconds:.1f} s")


def comparison(runs: list[dict]) -> str:
    """How the extraction stage scales with processes, and each stage's time per article with corpus size."""
    lines = []
    single = {r["corpus"]["files"]: r for r in runs if r["processes"] == 1}
    for run in runs:
        base = single.get(run["corpus"]["files"])
        if run["processes"] > 1 and base is not None:
            speedup = run["end_to_end"]["extract_words_per_second"] / base["end_to_end"]["extract_words_per_second"]
            lines.append(f"extraction stage, {run['processes']} processes against 1: {speedup:.2f}x "
                         f"({run['corpus']['files']:,} files)")
    sizes = sorted({(r["processes"], r["corpus"]["files"]) for r in runs})
    if len({files for _, files in sizes}) > 1:
        lines += ["", "| stage | " + " | ".join(f"ms/article at {files:,} ({p} proc.)" for p, files in sizes) + " |",
                  "|---|" + "---|" * len(sizes)]
        by_size = {(r["processes"], r["corpus"]["files"]): r for r in runs}
        for stage in [*STAGES, "whole run"]:
            cells = []
            for key in sizes:
                run = by_size[key]
                seconds = run["end_to_end"]["seconds"] if stage == "whole run" else \
                    run["end_to_end"]["stages"].get(stage, 0)
                cells.append(f"{1000 * seconds / max(run['articles_parsed'], 1):.2f}")
            lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _counts(value: str) -> list[int]:
    return [int(part) for part in value.split(",") if part.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=_counts, default=[2000], help="corpus sizes, e.g. 1000,10000,100000")
    parser.add_argument("--mean-words", type=int, default=1000)
    parser.add_argument("--processes", type=_counts, default=[1], help="process counts to compare, e.g. 1,2")
    parser.add_argument("--no-bare-spacy", action="store_true", help="run the pipeline only")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "bench" / "results" / "latest.json")
    parser.add_argument("--work", type=Path, help="folder for the corpora and warehouses (default: a temporary one)")
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory(prefix="claimhouse-bench-") as tmp:
        work = args.work or Path(tmp)
        for articles in args.articles:
            corpus = work / f"landing-{articles}"
            shape = write_corpus(corpus, CorpusSpec(articles, args.mean_words))
            for processes in args.processes:
                runs.append(run_benchmark(corpus, shape, processes, work / f"run-{articles}-{processes}",
                                          bare_spacy=not args.no_bare_spacy))
                print(table(runs[-1]), "\n", flush=True)
    print(comparison(runs))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"runs": runs}, indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
