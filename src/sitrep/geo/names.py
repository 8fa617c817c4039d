"""Place-name keys that survive transliteration.

``name_key`` folds case, accents and punctuation. ``skeleton`` goes further so that
Qala-i-Naw, Qal'ah-ye Now and Qala-e-Naw meet: connector syllables are dropped, common
spelling alternations merged and vowels removed after the first letter.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_CONNECTORS = frozenset({"i", "e", "ye", "y", "al", "el", "ul", "ol", "ad", "ar", "as", "at", "az", "an", "ash", "de", "di", "du", "da", "of", "the", "la", "le"})
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "c"), ("zh", "z"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("ou", "u"), ("q", "k"), ("w", "v"), ("c", "k"), ("x", "ks"))
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    folded = unidecode(_APOSTROPHES.sub("", name)).lower()
    folded = _NON_ALNUM.sub(" ", folded).strip()
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """Consonant skeleton for matching transliteration variants; '' when too short to trust."""
    tokens = [t for t in name_key(name).split() if t not in _CONNECTORS]
    out = []
    for token in tokens:
        for old, new in _DIGRAPHS:
            token = token.replace(old, new)
        head, tail = token[:1], token[1:]
        tail = tail.rstrip("h") if len(tail) > 1 and tail.endswith("h") and tail[-2:-1] in "aeiou" else tail
        token = head + _VOWELS.sub("", tail)
        out.append(_REPEATS.sub(r"\1", token))
    key = "".join(out)
    return key if len(key) >= 4 else ""


def is_latin(name: str) -> bool:
    """Only Latin-script names go into the index; others add nothing for English text."""
    return all(ord(ch) < 0x250 or ch in "\u2018\u2019\u02bb\u02bc\u02be\u02bf\u1e0c\u1e0d\u1e24\u1e25\u1e92\u1e93\u1e6c\u1e6d\u1e62\u1e63\u1e3b" or 0x1E00 <= ord(ch) <= 0x1EFF for ch in name)
