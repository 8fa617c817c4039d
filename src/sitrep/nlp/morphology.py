"""Exact, cached stand-ins for spaCy's attribute ruler and rule lemmatizer.

Both are rule tables. spaCy runs the attribute ruler's ~180 patterns through its Matcher at
every token, and the lemmatizer builds a ``Token`` per word: together a quarter of
``en_core_web_sm``'s time here. What either does to a token depends only on a few of the
token's attributes, so each distinct combination is worked out once, by the original rules,
and reused. The originals stay in the pipeline (disabled) and supply every rule and table;
``tests/nlp/test_morphology.py`` checks the output is identical token for token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# The token attributes a single-token rule may test, as read from ``Doc.to_array``.
_KEY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]
_KEY_NAMES = ("TAG", "LOWER", "DEP", "IS_SPACE")
_MAX_CACHED = 500_000  # keys per cache (a few hundred bytes each), so memory stays bounded on long batches


class UnsupportedRules(ValueError):
    """The pipeline's attribute rules use a pattern this fast path does not evaluate."""


def _predicate(name: str, spec: Any) -> Callable[[Any], bool]:
    """One Matcher token condition as a function of the attribute's value."""
    if not isinstance(spec, dict):
        return lambda value: value == spec
    if len(spec) != 1:
        raise UnsupportedRules(f"{name}: {spec}")
    (op, arg), = spec.items()
    if op == "IN":
        allowed = frozenset(arg)
        return lambda value: value in allowed
    if op == "NOT_IN":
        banned = frozenset(arg)
        return lambda value: value not in banned
    if op == "REGEX":
        pattern = re.compile(arg)
        return lambda value: bool(pattern.search(value))
    raise UnsupportedRules(f"{name}: {spec}")


def _token_test(spec: dict[str, Any]) -> Callable[[tuple[str, str, str, bool]], bool]:
    unknown = set(spec) - set(_KEY_NAMES)
    if unknown or not spec:
        raise UnsupportedRules(f"token pattern {spec}")
    tests = [(_KEY_NAMES.index(name), _predicate(name, value)) for name, value in spec.items()]
    return lambda key: all(test(key[pos]) for pos, test in tests)


class MorphologyRules:
    """Applies an AttributeRuler and then a rule Lemmatizer, exactly, with per-key caches."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer):
        if lemmatizer.mode != "rule":
            raise UnsupportedRules(f"lemmatizer mode {lemmatizer.mode!r}")
        self.vocab = ruler.vocab
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.attrs: list[dict] = list(ruler.attrs)
        self.indices: list[int] = list(ruler.indices)
        # single-token rules, filed by what they need: a LOWER value, or only TAG/DEP/IS_SPACE
        self.by_lower: dict[str, list[tuple[int, Callable]]] = {}
        self.lower_free: list[tuple[int, Callable]] = []
        self.lower_other: list[tuple[int, Callable]] = []
        self.multi = Matcher(self.vocab)
        for attr_id in range(len(self.attrs)):
            key = str(attr_id)
            _on_match, patterns = ruler.matcher.get(key)
            if not (all(len(p) == 1 for p in patterns) and self.indices[attr_id] in (0, -1)):
                self.multi.add(key, patterns)
                continue
            for (spec,) in patterns:
                test = _token_test(spec)
                lower = spec.get("LOWER")
                if lower is None:
                    self.lower_free.append((attr_id, test))
                elif isinstance(lower, str):
                    self.by_lower.setdefault(lower, []).append((attr_id, test))
                elif isinstance(lower, dict) and set(lower) == {"IN"}:
                    for value in lower["IN"]:
                        self.by_lower.setdefault(value, []).append((attr_id, test))
                else:
                    self.lower_other.append((attr_id, test))
        self._lower_free_by_key: dict[tuple[int, int, int], frozenset[int]] = {}
        self._rules_by_key: dict[tuple[int, ...], tuple[int, ...]] = {}
        self._merged: dict[tuple[int, ...], dict] = {}
        self._lemmas: dict[tuple[int, int, int], int] = {}

    # -- attribute ruler -------------------------------------------------------------------
    def _rules_for(self, key: tuple[int, ...]) -> tuple[int, ...]:
        strings = self.vocab.strings
        tag, lower, dep, space = key
        values = (strings[tag] if tag else "", strings[lower] if lower else "", strings[dep] if dep else "", bool(space))
        free_key = (tag, dep, space)
        found = self._lower_free_by_key.get(free_key)
        if found is None:
            found = self._lower_free_by_key[free_key] = frozenset(a for a, test in self.lower_free if test(values))
        more = {a for a, test in (*self.by_lower.get(values[1], ()), *self.lower_other) if test(values)}
        return tuple(sorted(found | more))

    def _merged_attrs(self, rule_ids: tuple[int, ...]) -> dict:
        merged: dict = {}
        for attr_id in rule_ids:  # later rules win, as in AttributeRuler.set_annotations
            merged.update(self.attrs[attr_id])
        return merged

    def _apply_rules(self, doc: Doc) -> None:
        extra: dict[int, list[int]] = {}
        for match_id, start, end in self.multi(doc, allow_missing=True):
            attr_id = int(self.vocab.strings[match_id])
            index = self.indices[attr_id]
            target = start + index if index >= 0 else end + index
            if not start <= target < end:
                raise ValueError(f"attribute rule {attr_id}: index {index} outside the matched span {start}:{end}")
            extra.setdefault(target, []).append(attr_id)
        rules_by_key = self._rules_by_key
        if len(rules_by_key) > _MAX_CACHED:  # a long batch meets new words forever: start again
            rules_by_key.clear()
        for i, key in enumerate(map(tuple, doc.to_array(_KEY_ATTRS).tolist()) if len(doc) else ()):
            rule_ids = rules_by_key.get(key)
            if rule_ids is None:
                rule_ids = rules_by_key[key] = self._rules_for(key)
            if i in extra:
                rule_ids = tuple(sorted(rule_ids + tuple(extra[i])))
            if not rule_ids:
                continue
            attrs = self._merged.get(rule_ids)
            if attrs is None:
                attrs = self._merged[rule_ids] = self._merged_attrs(rule_ids)
            set_token_attrs(doc[i], attrs)

    # -- lemmatizer ------------------------------------------------------------------------
    def _apply_lemmas(self, doc: Doc) -> None:
        if not len(doc):
            return
        overwrite = self.lemmatizer.overwrite
        cache = self._lemmas
        if len(cache) > _MAX_CACHED:
            cache.clear()
        strings = self.vocab.strings
        lemmas = doc.to_array([LEMMA])
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:  # the lemma depends on the word, its POS and its morphology only
                value = cache[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], lemmas)

    def __call__(self, doc: Doc) -> Doc:
        self._apply_rules(doc)
        self._apply_lemmas(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("sitrep_morphology")
def make_morphology_rules(nlp: Language, name: str) -> MorphologyRules:
    ruler = nlp.get_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer")
    return MorphologyRules(ruler, lemmatizer)  # type: ignore[arg-type]


def use_cached_morphology(nlp: Language) -> bool:
    """Swap the attribute ruler and lemmatizer for ``sitrep_morphology`` when their rules allow."""
    names = nlp.pipe_names
    if "sitrep_morphology" in nlp.component_names or not {"attribute_ruler", "lemmatizer"} <= set(names):
        return False
    if names.index("lemmatizer") != names.index("attribute_ruler") + 1:
        return False  # something runs between them: keep spaCy's order of effects
    try:
        nlp.add_pipe("sitrep_morphology", after="lemmatizer")
    except UnsupportedRules:
        return False
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")
    return True


__all__ = ["MorphologyRules", "UnsupportedRules", "use_cached_morphology"]
