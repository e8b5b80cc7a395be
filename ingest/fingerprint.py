"""MinHash fingerprints of article texts, for finding near-duplicates: the same wire story re-published
by another outlet under its own header, with a different title, dateline or footer.

An article's fingerprint is the MinHash signature of its set of word 5-grams (shingles): the chance that
two signatures agree at a position is the Jaccard similarity of the two shingle sets. dbt compares
signatures whose bands agree (`int_articles__near_duplicates`); nothing here needs the other articles.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

SHINGLE_WORDS = 5
SIGNATURE_SIZE = 64
_PRIME = (1 << 31) - 1  # hashes are taken modulo a Mersenne prime, so every value fits an INTEGER column
_SEED = 20200927  # fixed: signatures must compare across runs and machines
_rng = np.random.default_rng(_SEED)
_A = _rng.integers(1, _PRIME, SIGNATURE_SIZE, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, SIGNATURE_SIZE, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def minhash_signature(text: str) -> list[int]:
    """SIGNATURE_SIZE integers in [0, 2**31 - 1); an empty text has the all-maximum signature."""
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingles(text)), dtype=np.uint64)
    if hashes.size == 0:
        return [_PRIME - 1] * SIGNATURE_SIZE
    permuted = (hashes[:, None] * _A[None, :] + _B[None, :]) % _PRIME
    return permuted.min(axis=0).astype(np.int64).tolist()


def estimated_similarity(first: list[int], second: list[int]) -> float:
    """The share of signature positions that agree: an estimate of the texts' Jaccard similarity."""
    return sum(a == b for a, b in zip(first, second, strict=True)) / SIGNATURE_SIZE
