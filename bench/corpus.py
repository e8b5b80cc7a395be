"""A landing folder of invented war reports, of any size, for the benchmark.

Articles are made from templates of this file's own: a title, an agency dateline or an outlet line,
paragraphs of claims with figures and attributions, background and diplomacy sentences, and publishing
boilerplate. Lengths follow a log-normal spread between `min_words` and `max_words` around `mean_words`.
A share of the files are exact duplicates under another name, or bad files (empty, binary), as a real
landing folder has.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

CLAIMANTS = ["The Defence Ministry of Azerbaijan", "Armenia's Defence Ministry", "Artsakh's emergency service",
             "Azerbaijan's Prosecutor General's Office", "The ministry's spokesman Vagif Dargahli",
             "Shushan Stepanyan, the ministry's spokeswoman", "Local officials", "The Human Rights Defender"]
SUBJECTS = ["Armenian servicemen", "Azerbaijani soldiers", "civilians", "tanks", "drones", "artillery pieces",
            "armoured vehicles", "air defence systems", "villages"]
VERBS = {"servicemen": "were killed", "soldiers": "were wounded", "civilians": "were killed", "tanks": "were destroyed",
         "drones": "were shot down", "pieces": "were destroyed", "vehicles": "were destroyed",
         "systems": "were destroyed", "villages": "were liberated"}
PLACES = ["Fuzuli", "Jabrayil", "Tartar", "Ganja", "Stepanakert", "Shusha", "Martuni", "Hadrut", "Aghdam", "Goris"]
CUES = ["said", "reported", "claimed", "announced", "told reporters"]
FILLER = ["Schools in the region stayed closed for another week, and families moved into basements.",
          "Mediators from the OSCE Minsk Group called on both sides to respect the humanitarian ceasefire.",
          "The conflict over the region dates back to the late 1980s, when the Soviet Union was collapsing.",
          "Foreign journalists were allowed to visit the front line under military escort.",
          "Residents described hearing explosions through the night and queued for bread in the morning.",
          "The foreign ministers are due to meet in Moscow on Friday for talks on a new truce.",
          "Both governments accused each other of targeting residential areas with heavy artillery.",
          "Humanitarian organisations said that thousands of people had fled their homes since September."]
BOILERPLATE = ["Follow us on Twitter and Facebook for the latest news.", "Subscribe to our newsletter.",
               "All rights reserved.", "Share this article"]
OUTLETS = ["Harbor Times", "Trend", "Armenpress", "APA", "News.am", "Azertac", "Reuters"]


@dataclass(frozen=True)
class CorpusSpec:
    articles: int
    mean_words: int = 1000
    min_words: int = 200
    max_words: int = 5000
    duplicate_share: float = 0.02
    bad_share: float = 0.01
    seed: int = 2020


def _sentence(rng: random.Random, day: date) -> str:
    if rng.random() < 0.35:
        return rng.choice(FILLER)
    subject = rng.choice(SUBJECTS)
    figure = rng.choice([rng.randint(2, 60), rng.randint(60, 900), rng.randint(1000, 5000)])
    qualifier = rng.choice(["", "", "more than ", "at least ", "about "])
    return (f"{rng.choice(CLAIMANTS)} {rng.choice(CUES)} that {qualifier}{figure:,} {subject} "
            f"{VERBS[subject.split()[-1]]} near {rng.choice(PLACES)} on {day.day} {day:%B}.")


def article(rng: random.Random, words: int, number: int) -> tuple[str, int]:
    """One article of about `words` words; returns its text and its word count."""
    day = date(2020, 9, 27) + timedelta(days=rng.randint(0, 44))
    outlet = rng.choice(OUTLETS)
    head = [f"Fighting continues near {rng.choice(PLACES)}: report {number}", ""]
    head.append(f"{rng.choice(['BAKU', 'YEREVAN', 'MOSCOW'])}, {day:%B} {day.day}. /{outlet}/."
                if rng.random() < 0.5 else f"{outlet}, {day:%B} {day.day}, {day.year}")
    body, count = [], 0
    while count < words:
        paragraph = " ".join(_sentence(rng, day - timedelta(days=rng.randint(0, 1))) for _ in range(rng.randint(2, 5)))
        body.append(paragraph)
        count += len(paragraph.split())
    tail = rng.sample(BOILERPLATE, 2)
    return "\n\n".join(["\n".join(head), *body, *tail]) + "\n", count


def _lengths(rng: random.Random, spec: CorpusSpec) -> list[int]:
    sigma = 0.6
    mu = math.log(spec.mean_words) - sigma ** 2 / 2
    return [min(spec.max_words, max(spec.min_words, int(rng.lognormvariate(mu, sigma)))) for _ in range(spec.articles)]


def write_corpus(folder: Path, spec: CorpusSpec) -> dict:
    """Write the corpus into `folder`; return what it holds (files, articles, words)."""
    rng = random.Random(spec.seed)
    folder.mkdir(parents=True, exist_ok=True)
    words = articles = duplicates = bad = 0
    previous: str | None = None
    for number, length in enumerate(_lengths(rng, spec)):
        roll = rng.random()
        path = folder / f"{number // 1000:03d}" / f"report {number:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        if roll < spec.bad_share:
            path.write_bytes(b"" if roll < spec.bad_share / 2 else bytes(range(256)) * 8)
            bad += 1
        elif roll < spec.bad_share + spec.duplicate_share and previous is not None:
            path.write_text(previous, encoding="utf-8")
            duplicates += 1
        else:
            text, count = article(rng, length, number)
            path.write_text(text, encoding="utf-8")
            previous, words, articles = text, words + count, articles + 1
    return {"files": spec.articles, "articles": articles, "duplicates": duplicates, "bad_files": bad,
            "words": words, "mean_words": round(words / max(articles, 1))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--mean-words", type=int, default=1000)
    args = parser.parse_args()
    print(json.dumps(write_corpus(args.folder, CorpusSpec(args.articles, args.mean_words))))


if __name__ == "__main__":
    main()
