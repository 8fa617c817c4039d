"""Who says so: the source a sentence attributes its claim to ("the governor claimed...")."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from sitrep.models import Span
from sitrep.nlp import doc_text

REPORTING_LEMMAS = frozenset({
    "say", "claim", "tell", "report", "tweet", "announce", "confirm", "insist", "state", "allege",
    "accuse", "add", "note", "acknowledge", "deny", "write", "post", "warn", "explain", "quote",
    "assert", "indicate", "reveal", "disclose", "admit", "show",
})


def _phrase(tok: Token) -> Span:
    tokens = [t for t in tok.subtree if t.dep_ not in ("punct",) or t.i not in (tok.left_edge.i, tok.right_edge.i)]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    doc = tok.doc
    return Span(start=start, end=end, text=doc_text(doc)[start:end])


def claimant(sent: SpacySpan, trigger: Token | None = None) -> Span | None:
    """The reporting subject governing ``trigger`` (or the sentence), if the sentence attributes it."""
    for tok in sent:
        if tok.lower_ == "according" and tok.nbor(1).lower_ == "to" if tok.i + 1 < len(tok.doc) else False:
            obj = next((c for c in tok.nbor(1).children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _phrase(obj)
    chain: list[Token] = []
    node = trigger if trigger is not None else sent.root
    while True:
        chain.append(node)
        if node.head.i == node.i or node.head.i < sent.start or node.head.i >= sent.end:
            break
        node = node.head
    for verb in chain:
        if verb.lemma_.lower() in REPORTING_LEMMAS and verb.pos_ in ("VERB", "AUX"):
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lower_ not in ("it", "which", "that", "who"):
                if subj.pos_ == "PRON" and subj.lower_ in ("he", "she", "they"):
                    return Span(start=subj.idx, end=subj.idx + len(subj.text), text=subj.text)
                return _phrase(subj)
    return None
