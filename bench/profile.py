"""Where the time goes: ingest and extraction of a generated corpus under cProfile, in one process.

    .venv/bin/python -m bench.profile --articles 2000        # or: make profile

Prints each part's share of the time spent in its own code (spaCy and thinc: the parse; extraction/:
the rules; ingest/; DuckDB; the rest), then the functions with the most time of their own and the most
time in all. The raw profile is written beside the figures (`--out`) for pstats or snakeviz. cProfile
slows Python code more than compiled code, so the rules' share is larger here than in a plain run.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench.corpus import CorpusSpec, write_corpus
from claimhouse.config import load_settings
from claimhouse.warehouse import connect
from extraction.run import extract_pending
from ingest.load import ingest_folder

REPO_ROOT = Path(__file__).resolve().parents[1]
# A function's part of the pipeline, by the path of its file (the first that matches).
PARTS = [("spaCy parse", ("/spacy/", "/thinc/", "spacy/", "thinc/", "/numpy/")),
         ("extraction rules", ("/extraction/",)),
         ("ingest", ("/ingest/", "/ftfy/", "/charset_normalizer/")),
         ("DuckDB", ("duckdb",))]


def part_of(filename: str) -> str:
    return next((part for part, marks in PARTS if any(mark in filename for mark in marks)), "other")


def profile_pipeline(articles: int, mean_words: int, work: Path) -> pstats.Stats:
    settings = load_settings()
    landing = work / "landing"
    write_corpus(landing, CorpusSpec(articles, mean_words))
    profile = cProfile.Profile()
    with connect(work / "build.duckdb") as con:
        profile.enable()
        ingest_folder(con, landing, work / "quarantine", settings.max_article_bytes)
        extract_pending(con, settings.spacy_model, settings.batch_size, processes=1)
        profile.disable()
    return pstats.Stats(profile)


def own_time_by_part(stats: pstats.Stats) -> Counter[str]:
    shares: Counter[str] = Counter()
    for (filename, _, _), (_, _, own, _, _) in stats.stats.items():
        shares[part_of(filename)] += own
    return shares


def report(stats: pstats.Stats, top: int) -> str:
    shares = own_time_by_part(stats)
    total = sum(shares.values())
    lines = ["| part | own time s | share |", "|---|---|---|"]
    lines += [f"| {part} | {seconds:.1f} | {100 * seconds / total:.0f}% |" for part, seconds in shares.most_common()]
    for key, title in (("tottime", "most time of their own"), ("cumulative", "most time in all")):
        rows = sorted(stats.stats.items(), key=lambda item: -item[1][2 if key == "tottime" else 3])[:top]
        lines += ["", f"functions with the {title}:", "| own s | all s | calls | function |", "|---|---|---|---|"]
        for (filename, line, name), (_, calls, own, cumulative, _) in rows:
            where = filename.replace(str(REPO_ROOT) + "/", "").split("site-packages/")[-1]
            lines.append(f"| {own:.2f} | {cumulative:.2f} | {calls:,} | `{where}:{line}({name})` |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--mean-words", type=int, default=1000)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "bench" / "results" / "profile.prof")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimhouse-profile-") as tmp:
        stats = profile_pipeline(args.articles, args.mean_words, Path(tmp))
    print(report(stats, args.top))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    stats.dump_stats(str(args.out))
    print(f"\nprofile written to {args.out} (python -m pstats {args.out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
