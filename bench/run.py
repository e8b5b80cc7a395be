"""The benchmark: bare spaCy against the whole pipeline, on the same generated corpus.

    .venv/bin/python -m bench.run --articles 2000            # or: make bench ARTICLES=2000

(a) bare spaCy: the project's pipeline (`extraction.run.load_nlp`: the model and the components the
extraction adds) over the articles' texts with `nlp.pipe`, in `--processes` processes, nothing else;
(b) end to end: `claimhouse run` (Airflow's DAG: ingest, validate, extract, validate, dbt build,
validate, publish) on the same landing folder, then again with nothing new (the re-run).
Each runs in a process of its own, so its peak resident memory is its own. Prints a table and writes
the figures as JSON (`--out`, default bench/results/latest.json) to compare across commits.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.corpus import CorpusSpec, write_corpus

REPO_ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
STAGES = ["ingest_articles", "validate_raw", "extract_mentions", "validate_extract", "dbt_build", "validate_marts",
          "publish_warehouse"]
TASK_EVENT = re.compile(r"^(?P<time>\S+Z) .*\[DAG TEST\] (?P<event>starting|end task) task_id=(?P<task>\w+)")
BARE_SPACY = """
import json, resource, sys, time
from pathlib import Path
from claimhouse.config import load_settings
from extraction.run import load_nlp
texts = []
for path in sorted(Path(sys.argv[1]).rglob("*.txt")):
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        continue
    if text.strip():
        texts.append(text)
nlp = load_nlp(load_settings().spacy_model)
started = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32, n_process=int(sys.argv[2])))
print(json.dumps({"seconds": time.perf_counter() - started, "articles": len(texts),
                  "words": sum(len(t.split()) for t in texts), "tokens": tokens,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run `command`; return (wall seconds, peak RSS in MB of it and its children, output)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)  # reaped here, for this process's own resource usage
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stdout.close()
    seconds = time.perf_counter() - started
    peak = usage.ru_maxrss / 1024
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output[-4000:]}")
    return seconds, peak, output


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


def run_benchmark(articles: int, mean_words: int, processes: int, work: Path) -> dict:
    corpus = work / "landing"
    shape = write_corpus(corpus, CorpusSpec(articles, mean_words))
    env = {**os.environ, "AIRFLOW_HOME": str(work / "airflow"), "CLAIMHOUSE_INPUT": str(corpus),
           "CLAIMHOUSE_WAREHOUSE": str(work / "warehouse" / "claimhouse.duckdb"), "GX_ANALYTICS_ENABLED": "False",
           "AIRFLOW__CORE__LOAD_EXAMPLES": "False", "AIRFLOW__CORE__DAGS_FOLDER": str(REPO_ROOT / "dags")}
    subprocess.run([str(BIN / "airflow"), "db", "migrate"], env=env, check=True, capture_output=True)

    _, _, bare_out = _timed([sys.executable, "-c", BARE_SPACY, str(corpus), str(processes)], env)
    bare = json.loads(bare_out.strip().splitlines()[-1])
    full_seconds, full_peak, full_out = _timed([str(BIN / "claimhouse"), "run"], env)
    rerun_seconds, _, rerun_out = _timed([str(BIN / "claimhouse"), "run"], env)
    words = bare["words"]
    return {
        "measured_at": datetime.now().isoformat(timespec="seconds"),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True,
                                 text=True, check=False).stdout.strip() or None,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "processor": platform.processor() or platform.machine()},
        "corpus": shape,
        "processes": processes,
        "bare_spacy": {**bare, "words_per_second": words / bare["seconds"],
                       "articles_per_second": bare["articles"] / bare["seconds"]},
        "end_to_end": {"seconds": full_seconds, "peak_rss_mb": full_peak, "words_per_second": words / full_seconds,
                       "articles_per_second": bare["articles"] / full_seconds, "stages": stage_seconds(full_out)},
        "rerun": {"seconds": rerun_seconds, "share_of_full_run": rerun_seconds / full_seconds,
                  "stages": stage_seconds(rerun_out)},
        "ratio_end_to_end_to_bare_spacy": (words / full_seconds) / (words / bare["seconds"]),
    }


def table(figures: dict) -> str:
    bare, full, rerun = figures["bare_spacy"], figures["end_to_end"], figures["rerun"]
    corpus = figures["corpus"]
    lines = [f"corpus: {corpus['files']} files, {corpus['articles']} articles, {corpus['words']:,} words "
             f"(mean {corpus['mean_words']}); {figures['processes']} process(es); {figures['machine']['cpus']} CPUs",
             "", "| run | wall s | articles/s | words/s | peak RSS MB |", "|---|---|---|---|---|",
             f"| (a) bare spaCy `nlp.pipe` | {bare['seconds']:.1f} | {bare['articles_per_second']:.1f} | "
             f"{bare['words_per_second']:,.0f} | {bare['peak_rss_mb']:.0f} |",
             f"| (b) end to end (`claimhouse run`) | {full['seconds']:.1f} | {full['articles_per_second']:.1f} | "
             f"{full['words_per_second']:,.0f} | {full['peak_rss_mb']:.0f} |",
             f"| re-run, nothing new | {rerun['seconds']:.1f} | | | |",
             "", f"ratio (b)/(a) in words/s: {figures['ratio_end_to_end_to_bare_spacy']:.2f}; re-run "
             f"{100 * rerun['share_of_full_run']:.1f}% of the full run", "", "| stage | full run s | re-run s |",
             "|---|---|---|"]
    for stage in STAGES:
        lines.append(f"| {stage} | {full['stages'].get(stage, 0):.1f} | {rerun['stages'].get(stage, 0):.1f} |")
    overhead = full["seconds"] - sum(full["stages"].values())
    lines.append(f"| outside the tasks (Airflow, process start) | {overhead:.1f} | |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--mean-words", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=1, help="processes for bare spaCy")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "bench" / "results" / "latest.json")
    parser.add_argument("--work", type=Path, help="folder for the corpus and warehouse (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimhouse-bench-") as tmp:
        figures = run_benchmark(args.articles, args.mean_words, args.processes, args.work or Path(tmp))
    print(table(figures))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
