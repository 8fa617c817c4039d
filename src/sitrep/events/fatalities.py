"""Fatalities by ACLED's counting rules, and the other counts a report gives.

ACLED codes the most conservative figure reported: "at least 20" and "more than 20" are 20,
"between 5 and 10" is 5. Vague words are mapped to ACLED's conventions ("several"/"many" 10,
"dozens" 12, "hundreds" 100, "a few" 3), never invented: "heavy casualties" is not a death
count (casualties include the wounded), so it yields nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from sitrep.nlp import doc_text

_DEATH_LEMMAS = frozenset({"kill", "die", "dead", "death", "fatality", "body", "corpse", "slay", "behead", "execute", "murder", "massacre", "lynch", "drown", "assassinate"})
_INJURY_LEMMAS = frozenset({"injure", "wound", "hurt", "injury", "casualty", "wounded", "injured"})
VAGUE_COUNTS = {"a few": 3, "few": 3, "several": 10, "many": 10, "multiple": 10, "numerous": 10, "scores": 10, "some": 10, "dozens": 12, "a dozen": 12, "hundreds": 100, "thousands": 1000}
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12, "a": 1, "an": 1,
}
_COUNT_NOUNS = frozenset({"prisoner", "inmate", "detainee", "hostage", "troop", "soldier", "people", "person", "civilian", "protester", "demonstrator", "family", "house", "home", "district", "village", "fighter", "militant", "insurgent", "policeman", "refugee", "student", "worker", "child", "woman", "man", "building", "vehicle", "shop", "officer", "member", "resident", "villager"})
_NUM_RE = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")


@dataclass(frozen=True)
class Count:
    value: int
    start: int
    end: int
    text: str
    noun: str
    is_fatality: bool


def parse_number(text: str) -> int | None:
    t = text.lower().strip().replace("\u00a0", " ")
    if _NUM_RE.match(t):
        return int(t.replace(",", ""))
    if t in _WORD_NUMBERS:
        return _WORD_NUMBERS[t]
    if "-" in t:
        parts = t.split("-")
        if all(p in _WORD_NUMBERS for p in parts):
            return sum(_WORD_NUMBERS[p] for p in parts)
    return None


def _number_at(tok: Token) -> tuple[int, Token] | None:
    """A count attached to ``tok``: the token itself if numeric, or its number modifier."""
    if tok.like_num:
        value = parse_number(tok.text)
        if value is not None:
            return value, tok
    for child in tok.children:
        if child.dep_ in ("nummod", "quantmod") or (child.like_num and child.dep_ in ("amod", "det", "compound")):
            value = parse_number(child.text)
            if value is not None:
                return value, child
        low = child.lower_
        if child.dep_ in ("amod", "det", "nummod") and low in VAGUE_COUNTS:
            return VAGUE_COUNTS[low], child
    if tok.lower_ in VAGUE_COUNTS and tok.pos_ in ("NOUN", "ADJ", "NUM", "PRON"):
        return VAGUE_COUNTS[tok.lower_], tok
    return None


def _expand(tok: Token, head: Token) -> tuple[int, int]:
    """Character bounds covering the count and its noun, for evidence."""
    left = min(tok.idx, head.idx)
    right = max(tok.idx + len(tok.text), head.idx + len(head.text))
    for child in tok.children:
        if child.dep_ in ("advmod", "quantmod") and child.i < tok.i:
            left = min(left, child.idx)
    return left, right


def find_counts(sent: SpacySpan) -> list[Count]:
    """Every count in a sentence, each flagged as a fatality figure or not."""
    counts: list[Count] = []
    seen: set[int] = set()
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma not in _DEATH_LEMMAS:
            continue
        if lemma == "body" and not any(c.lower_ in ("found", "recovered", "discovered") for c in tok.head.subtree):
            continue
        # the victims: subject/object of a death verb, the noun a death word modifies, or the death noun itself
        candidates: list[Token] = [tok]
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ in ("acl", "relcl", "ROOT", "advcl", "conj", "xcomp", "ccomp"):
            candidates += [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "nsubj", "attr", "npadvmod")]
            if tok.dep_ in ("acl", "amod", "relcl"):
                candidates.append(tok.head)
        if tok.dep_ in ("amod", "acomp", "oprd") or lemma == "dead":
            candidates.append(tok.head)
            candidates += [c for c in tok.head.children if c.dep_ in ("nsubj", "dobj", "nsubjpass")]
        if lemma in ("death", "fatality") and tok.head.lemma_ in ("toll", "rise", "reach", "climb"):
            candidates += [c for c in tok.head.subtree if c.like_num]
        if tok.lower_ in ("toll",) or (tok.head.lower_ == "toll"):
            candidates += [c for c in tok.head.subtree if c.like_num]
        for cand in candidates:
            if cand.lemma_.lower() in _INJURY_LEMMAS:
                continue
            hit = _number_at(cand)
            if hit is None:
                for conj in cand.conjuncts:  # "killed two soldiers and a civilian"
                    if conj.lemma_.lower() not in _INJURY_LEMMAS and (h := _number_at(conj)):
                        start, end = _expand(h[1], conj)
                        if h[1].i not in seen:
                            seen.add(h[1].i)
                            counts.append(Count(h[0], start, end, doc_text(sent.doc)[start:end], conj.lemma_, True))
                continue
            value, num_tok = hit
            if num_tok.i in seen:
                continue
            if any(c.lemma_.lower() in _INJURY_LEMMAS for c in num_tok.head.children if c.dep_ in ("amod", "acl")) and num_tok.head.i != tok.i:
                continue
            seen.add(num_tok.i)
            start, end = _expand(num_tok, cand)
            counts.append(Count(value, start, end, doc_text(sent.doc)[start:end], cand.lemma_, True))
    for tok in sent:
        if tok.i in seen or not tok.like_num or tok.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"):
            continue
        head = tok.head
        if tok.dep_ == "nummod" and head.lemma_.lower() in _COUNT_NOUNS:
            value = parse_number(tok.text)
            if value is not None:
                start, end = _expand(tok, head)
                counts.append(Count(value, start, end, doc_text(sent.doc)[start:end], head.lemma_, False))
    return counts


def fatalities_from_counts(counts: list[Count]) -> int | None:
    """ACLED's conservative figure for one sentence: distinct victim groups add up, repeats don't."""
    figures = [c for c in counts if c.is_fatality]
    if not figures:
        return None
    by_noun: dict[str, int] = {}
    for c in figures:
        by_noun[c.noun] = max(by_noun.get(c.noun, 0), c.value)
    generic = {"people", "person", "kill", "die", "death", "fatality", "dead", "body"}
    specific = {k: v for k, v in by_noun.items() if k not in generic}
    total_specific = sum(specific.values())
    generic_max = max((v for k, v in by_noun.items() if k in generic), default=0)
    return max(total_specific, generic_max)
