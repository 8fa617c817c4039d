"""sitrep's fast paths in the spaCy stage must not change a single annotation."""

from __future__ import annotations

import csv

import pytest
import spacy

from sitrep.nlp import DEFAULT_MODEL, doc_text, load_nlp
from sitrep.nlp.morphology import UnsupportedRules, _token_test
from tests.conftest import EXAMPLES, SHARED

TRICKY = [
    "",
    " ",
    "\n\n\t",
    "I ain't gonna do it, ain't nobody gon na stop 'em.",
    "They're U.S.-backed forces; it's the 2nd time 'round. Cannot won't shan't.",
    "Fighters   seized\u00a0the town of Qala-i-Naw (Badghis) on 7 July 2021 -- 12 killed.",
    "BREAKING: POLICE FIRED TEAR GAS AT PROTESTERS IN KHARTOUM",
]


def _texts() -> list[str]:
    texts = [(EXAMPLES / "fort-nau.txt").read_text(encoding="utf-8"), *TRICKY]
    notes = SHARED / "eval/acled_multicountry_2020_RPanlilio/acled.csv"
    if notes.exists():
        with notes.open(encoding="utf-8") as fh:
            texts += [row["notes"] for _, row in zip(range(400), csv.DictReader(fh))]
    return texts


@pytest.fixture(scope="module")
def stock_nlp():
    """spaCy's own pipeline, as shipped, with sitrep's sentence-break component only."""
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("sitrep_line_breaks", before="parser")
    return nlp


def test_fast_pipeline_annotates_every_token_like_stock_spacy(stock_nlp):
    fast = load_nlp()
    assert "sitrep_morphology" in fast.pipe_names and "attribute_ruler" not in fast.pipe_names
    texts = _texts()
    tokens = 0
    for stock, ours in zip(stock_nlp.pipe(texts), fast.pipe(texts)):
        assert [t.text for t in stock] == [t.text for t in ours]
        for a, b in zip(stock, ours):
            assert (a.tag_, a.pos_, str(a.morph), a.lemma_, a.dep_, a.head.i) == (b.tag_, b.pos_, str(b.morph), b.lemma_, b.dep_, b.head.i), a.text
        assert [(e.start, e.end, e.label_) for e in stock.ents] == [(e.start, e.end, e.label_) for e in ours.ents]
        tokens += len(stock)
    assert tokens > 1000


def test_unsupported_rule_patterns_are_refused_not_guessed():
    with pytest.raises(UnsupportedRules):
        _token_test({"SHAPE": "Xxxx"})
    with pytest.raises(UnsupportedRules):
        _token_test({"LOWER": {"FUZZY": "attack"}})
    assert _token_test({"TAG": {"IN": ["NN", "NNS"]}, "LOWER": {"REGEX": "^att"}})(("NN", "attack", "dobj", False))


def test_doc_text_is_the_text_and_is_read_once():
    doc = load_nlp()("Clashes erupted in Kunduz.  Ten died.")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)
