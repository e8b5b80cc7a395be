"""Bounded memory: one 5 MB article, and a batch of 10,000 short ones, are ingested and extracted in a
process whose peak resident memory stays under MEMORY_BOUND_MB, measured by the process itself."""

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration

# The bound this project states for ingest and extraction in one process (README, "Limits"): spaCy's model
# and the warehouse connection take about 300 MB; the parse of at most PIECE_CHARS of text at once about
# 60 MB, of BATCH_CHARS about 150 MB. (The benchmark measures the whole tree with worker processes.)
MEMORY_BOUND_MB = 1500
SENTENCES = [
    "The Defence Ministry said {n} soldiers were killed near Fuzuli on {day} October.",
    "According to local officials, {n} civilians were wounded by shelling in Tartar.",
    "Armenian officials said {n} drones were shot down overnight.",
    "Markets in Baku and Yerevan stayed open, and schools reopened after a week of closures.",
    "Envoys of both countries met mediators in Geneva on Friday to discuss a humanitarian truce.",
]
MEASURE = """
import json, resource, sys
from claimhouse import pipeline
ingested, extracted = pipeline.ingest(), pipeline.extract()
print(json.dumps({"ingest": ingested, "extract": extracted,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def paragraph(number, sentences=5):
    chosen = (SENTENCES[(number + i) % len(SENTENCES)] for i in range(sentences))
    return " ".join(s.format(n=(number * 7 + i) % 90 + 2, day=(number + i) % 28 + 1) for i, s in enumerate(chosen))


def ingest_and_extract(landing, tmp_path):
    env = {**os.environ, "CLAIMHOUSE_INPUT": str(landing), "CLAIMHOUSE_EXTRACT_PROCESSES": "1",  # parsed here
           "CLAIMHOUSE_WAREHOUSE": str(tmp_path / "warehouse" / "claimhouse.duckdb")}
    done = subprocess.run([sys.executable, "-c", MEASURE], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"peak resident memory {figures['peak_mb']:.0f} MB: {figures['extract']}")
    return figures


def test_one_article_of_5_mb_is_extracted_in_bounded_memory(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    paragraphs, size, number = ["A long record of the war\n\nHarbor Times, October 30, 2020\n"], 0, 0
    while size < 5_000_000:
        paragraphs.append(f"Entry {number}. {paragraph(number)}")
        size += len(paragraphs[-1]) + 2
        number += 1
    (landing / "long.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    figures = ingest_and_extract(landing, tmp_path)
    assert figures["ingest"]["loaded"] == 1 and figures["extract"]["articles"] == 1
    assert figures["extract"]["claims"] > 10_000
    assert figures["peak_mb"] < MEMORY_BOUND_MB


def test_a_batch_of_10000_short_articles_is_extracted_in_bounded_memory(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    with (landing / "wire.jsonl").open("w", encoding="utf-8") as feed:
        for number in range(10_000):
            feed.write(json.dumps({"title": f"Wire {number}", "published": "2020-10-30",
                                   "text": f"Report {number}. {paragraph(number, 2)}"}) + "\n")
    figures = ingest_and_extract(landing, tmp_path)
    assert figures["ingest"]["loaded"] == 10_000 and figures["extract"]["articles"] == 10_000
    assert figures["peak_mb"] < MEMORY_BOUND_MB
