"""Event detection and coding: a parsed report in, ACLED-layout events with evidence out.

One pass over the sentences finds trigger words, reads the actors off the dependency parse,
classifies each trigger into an ACLED sub-event type, and attaches the sentence's place,
date, fatalities and source. Sentences that say where or when by reference ("the city",
no date) inherit from their neighbours. Finally events told several times are merged:
one event per (type, actor pair, place, day).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token
from unidecode import unidecode

from sitrep.actors import ActorDictionary, ActorMatch, as_military, interaction
from sitrep.events import lexicon as lx
from sitrep.events.attribution import REPORTING_LEMMAS, claimant
from sitrep.events.fatalities import Count, fatalities_from_counts, find_counts
from sitrep.events.taxonomy import DISTINCT_SUBTYPES_TYPES, PRIORITY, event_type_of
from sitrep.geo.resolve import PlaceMention, PlaceResolver, ResolvedPlace
from sitrep.geo.vocabulary import ADMIN1_UNITS, UNITS, alternation
from sitrep.models import Actor, Article, Event, Quantity, ResolvedDate, Span
from sitrep.time import resolve_date
from sitrep.nlp import doc_text

BACKGROUND_DAYS = 30
_PLACE_LABELS = ("GPE", "LOC", "FAC")
_CAPITAL_OF = re.compile(rf"^\s*,?\s*(?:the\s+)?(?:provincial\s+|regional\s+|state\s+|district\s+|national\s+)?capital\s+of\s+(?:the\s+)?([A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*(?:\s+(?:{alternation(ADMIN1_UNITS + ('district',))}))?)")
_PAREN_QUALIFIER = re.compile(r"^\s*\(([A-Z][^()]{1,40})\)")
_NEAR_WORDS = frozenset({"near", "outside", "around", "nearby", "outskirts", "close", "km", "kilometres", "kilometers", "miles", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "vicinity", "surrounding"})
_DESTINATION_PREPS = frozenset({"into", "to", "toward", "towards"})


_STRINGS: dict[int, str] = {}
_LOWERED: dict[int, str] = {}


@dataclass
class TokenTable:
    """A document's token attributes as plain lists, read once: the rules test these words on
    every token, and building a spaCy ``Token`` for each test costs more than the parse."""

    lower: list[str]
    lemma: list[str]  # lowercased
    pos: list[str]
    dep: list[str]

    @classmethod
    def of(cls, doc: Doc) -> TokenTable:
        strings = doc.vocab.strings
        columns = doc.to_array([LOWER, LEMMA, POS, DEP]).T.tolist() if len(doc) else [[], [], [], []]

        def text(h: int) -> str:
            out = _STRINGS.get(h)
            if out is None:
                out = _STRINGS[h] = strings[h]
            return out

        def lowered(h: int) -> str:
            out = _LOWERED.get(h)
            if out is None:
                out = _LOWERED[h] = strings[h].lower()
            return out

        return cls(
            lower=[text(h) for h in columns[0]],
            lemma=[lowered(h) for h in columns[1]],
            pos=[text(h) for h in columns[2]],
            dep=[text(h) for h in columns[3]],
        )


def _text(span: SpacySpan) -> str:
    """``span.text`` without building a Token per word."""
    return doc_text(span.doc)[span.start_char : span.end_char]


@dataclass
class SentenceInfo:
    span: SpacySpan
    paragraph: int
    places: list[tuple[ResolvedPlace, Span, bool]] = field(default_factory=list)  # (place, evidence, usable as location)
    dates: list[tuple[ResolvedDate, Span]] = field(default_factory=list)
    own_place: tuple[ResolvedPlace, Span] | None = None
    own_date: tuple[ResolvedDate, Span] | None = None
    anaphor: bool = False


@dataclass
class Candidate:
    sub_event_type: str
    trigger: Token
    sentence: int
    family: str = ""
    actor1: ActorMatch | None = None
    actor1_tok: Token | None = None
    actor2: ActorMatch | None = None
    actor2_tok: Token | None = None
    assoc2: ActorMatch | None = None


def _tok_span(tok: Token) -> Span:
    return Span(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text)


def _phrase_span(tok: Token) -> Span:
    left = tok.left_edge
    start = left.idx
    end = tok.idx + len(tok.text)
    for child in tok.rights:
        if child.dep_ in ("compound", "flat", "appos") and child.i == tok.i + 1:
            end = child.idx + len(child.text)
    return Span(start=start, end=end, text=doc_text(tok.doc)[start:end])


def _sentence_span(sent: SpacySpan) -> Span:
    """The sentence without the whitespace spaCy attaches to it."""
    lead = len(sent.text) - len(sent.text.lstrip())
    stripped = sent.text.strip()
    return Span(start=sent.start_char + lead, end=sent.start_char + lead + len(stripped), text=stripped)


def _has_particle(tok: Token, particles: frozenset[str]) -> bool:
    for child in tok.children:
        if child.lower_ in particles and child.dep_ in ("prt", "prep", "advmod", "dobj", "npadvmod", "compound"):
            return True
    window = tok.doc[tok.i + 1 : min(tok.i + 7, tok.sent.end)]
    return any(t.lower_ in particles and t.head == tok for t in window)


_CAP = r"[A-Z][\w'\u2019-]*"
_JOIN = r"(?:de|del|la|el|al|as|ad|ar|an|ash|bin|wa|i|e|ye|do|da|dos|das|di|du|le|les|sur|en|y)"
_LOCATIVE_CANDIDATE = re.compile(rf"\b(?:in|at|near|outside|around|of|on|between|and|into)\s+(?:the\s+)?(?:(?:{alternation(UNITS + ('neighbourhood', 'neighborhood', 'outskirts', 'vicinity', 'localities'))})\s+of\s+)?({_CAP}(?:[ -](?:{_CAP}|{_JOIN}(?=[ -]{_CAP})))*)")


_UNIT_TAIL = re.compile(rf"^\s+(?:{alternation(UNITS)})\b", re.I)
_MONTH_WORDS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"})
_CALENDAR_WORDS = _MONTH_WORDS | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# Order of a sentence's events: the violent event first, strategic developments last.
_EVENT_TYPE_ORDER = {"Battles": 0, "Explosions/Remote violence": 1, "Violence against civilians": 2, "Riots": 3, "Protests": 4, "Strategic developments": 5}


_HYPHEN_TAIL = re.compile(r"(?:-[\w'\u2019]+)+")
_NOT_PLACE_LABELS = ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL")


def _word_end(text: str, end: int) -> int:
    """Where the hyphenated word an entity stops inside ends."""
    m = _HYPHEN_TAIL.match(text, end)
    return m.end() if m else end


def place_mentions(
    doc: Doc, table: TokenTable | None = None, towns: Sequence[SpacySpan] = ()
) -> list[tuple[SpacySpan | None, PlaceMention]]:
    """Place entities, plus capitalized names after locative words that NER missed,
    with what the text says around them (capital of..., "(district, province)", near...).

    ``towns``: other entities the caller knows to name towns ("attacked Qala-i-Naw", tagged
    as an organization).
    """
    table = table or TokenTable.of(doc)
    text = doc_text(doc)
    out: list[tuple[SpacySpan | None, PlaceMention]] = []
    ents = sorted([e for e in doc.ents if e.label_ in _PLACE_LABELS] + list(towns), key=lambda e: e.start)
    spans: list[tuple[int, int, SpacySpan | None]] = []
    taken: list[tuple[int, int]] = []
    for e in ents:
        start, end = e.start_char, _word_end(text, e.end_char)  # NER's "Qala" of "Qala-i-Naw"
        name = text[start:end]
        taken.append((start, end))
        if "," in name:  # "Nis, Serbia" is a place and its qualifier
            head, _, tail = name.partition(",")
            spans.append((start, start + len(head.rstrip()), e))
            tail_start = start + len(head) + 1 + (len(tail) - len(tail.lstrip()))
            spans.append((tail_start, end, e))
        else:
            spans.append((start, end, e))
    not_places = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _NOT_PLACE_LABELS]
    for m in _LOCATIVE_CANDIDATE.finditer(text):
        start, end = m.span(1)
        if any(a < end and start < b for a, b in taken + not_places):
            continue
        name = m[1].rstrip(".")
        if len(name) < 3 or (name.isupper() and len(name) <= 5) or name.lower() in _CALENDAR_WORDS | {"the"}:
            continue
        spans.append((start, start + len(name), None))
        taken.append((start, start + len(name)))
    for i, (pos, dep) in enumerate(zip(table.pos, table.dep)):  # "shelled Kansafra": a proper-noun object the parser sees but NER missed
        if pos != "PROPN" or dep not in ("dobj", "pobj"):
            continue
        tok = doc[i]
        if tok.ent_type_ in ("PERSON", "ORG", "NORP", "DATE"):
            continue
        if tok.lower_ in _CALENDAR_WORDS or (tok.is_upper and len(tok.text) <= 5):
            continue
        left = tok
        while left.i > 0 and doc[left.i - 1].pos_ == "PROPN" and doc[left.i - 1].dep_ in ("compound", "flat"):
            left = doc[left.i - 1]
        start, end = left.idx, tok.idx + len(tok.text)
        if not any(a < end and start < b for a, b in taken):
            spans.append((start, end, None))
            taken.append((start, end))
    spans.sort(key=lambda x: x[0])
    for start, end, ent in spans:
        name = text[start:end]
        after = text[end : end + 120]
        capital_of = None
        if m := _CAPITAL_OF.match(after):
            capital_of = m[1]
        qualifier = None
        if m2 := _UNIT_TAIL.match(after):  # "Kushki Kuhna district, Herat": the unit word belongs to the name
            name = text[start : end + m2.end()]
            end, after = end + m2.end(), text[end + m2.end() : end + m2.end() + 120]
        if m := _PAREN_QUALIFIER.match(after):
            qualifier = m[1].strip()
        elif m3 := re.match(r"^\s*,\s*([A-Z][\w'\u2019-]+(?:[ -][A-Z][\w'\u2019-]+)*)", after):
            qualifier = m3[1]
        before_text = text[max(0, start - 40) : start].lower()
        near = bool(set(re.findall(r"[a-z]+", before_text)[-4:]) & _NEAR_WORDS)
        out.append((ent, PlaceMention(name, start, end, capital_of=capital_of, qualifier=qualifier, near=near)))
    return out


def find_place_mentions(doc: Doc) -> list[PlaceMention]:
    return [m for _ent, m in place_mentions(doc)]


class EventExtractor:
    """Codes the events of one parsed article. Holds no per-document state between calls."""

    def __init__(self, actors: ActorDictionary, places: PlaceResolver):
        self.actors = actors
        self.places = places

    # ------------------------------------------------------------------ document set-up
    @staticmethod
    def _paragraph_of(sents: list[SpacySpan]) -> list[int]:
        para, paragraphs = 0, []
        last_end = 0
        for sent in sents:
            text = doc_text(sent.doc)
            sent_text = _text(sent)
            content_start = sent.start_char + (len(sent_text) - len(sent_text.lstrip()))
            if "\n" in text[last_end:content_start]:
                para += 1
            paragraphs.append(para)
            last_end = sent.start_char + len(sent_text.rstrip())
        return paragraphs

    @staticmethod
    def _usable_as_location(ent: SpacySpan | None, end_char: int | None = None) -> bool:
        """A place named as where something happened, not as an actor ("U.S. troops", "Iran hosted")."""
        if ent is None:
            return True  # found after a locative word
        root = ent.root
        if root.dep_ == "poss" and root.head.lemma_.lower() in lx.PLACE_NOUNS | {"outskirts", "suburb", "countryside", "vicinity", "neighbourhood"}:
            return True  # "Beirut's Barbir area"
        if root.dep_ in ("compound", "amod", "poss", "nmod") and root.head.idx >= (end_char or ent.end_char):
            return False
        if root.dep_ in ("nsubj", "nsubjpass", "dobj") and root.ent_type_ == "GPE" and ent.label_ == "GPE":
            # "Iran hosted talks": an actor; "stormed Kunduz": a place - keep objects of territory verbs
            return root.dep_ == "dobj"
        if root.dep_ == "pobj" and root.head.lower_ in _DESTINATION_PREPS:
            return False
        return True

    def _names_actor(self, text: str) -> bool:
        """"the Taliban", "Al Shabaab": a named group, whatever village shares the name."""
        match = self.actors.find(text)
        return match is not None and match.entry.kind == "named" and len(match.alias.split()) >= len(text.replace("the ", "").split())

    def _doc_group(self, doc: Doc) -> ActorMatch | None:
        """The armed group the report is about: what "the insurgents" refers to."""
        counts: Counter[str] = Counter()
        found: dict[str, ActorMatch] = {}
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "NORP", "PERSON", "GPE"):
                continue
            m = self.actors.find(ent.text)
            if m is not None and m.entry.kind == "named" and m.entry.inter in (2, 3, 4):
                counts[m.entry.actor] += 1
                found[m.entry.actor] = m
        if not counts:
            return None
        return found[counts.most_common(1)[0][0]]

    # ------------------------------------------------------------------ triggers
    def _triggers(self, sent: SpacySpan, table: TokenTable) -> list[tuple[Token, str]]:
        found: list[tuple[Token, str]] = []
        doc = sent.doc
        for i in range(sent.start, sent.end):
            lemma, low = table.lemma[i], table.lower[i]
            if lemma not in lx.TRIGGER_WORDS and low not in lx.TRIGGER_WORDS:
                continue
            tok = doc[i]
            if tok.dep_ == "amod" and tok.pos_ == "VERB":
                continue  # "the fleeing insurgents", "wounded soldiers"
            if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and lemma != "be"):
                if lemma in lx.PARTICLE_VERBS:
                    family, particles = lx.PARTICLE_VERBS[lemma]
                    if _has_particle(tok, particles):
                        found.append((tok, family))
                        continue
                if lemma in ("find", "discover", "recover") and any(
                    c.lower_ in ("dead", "body", "bodies", "corpse", "corpses", "remains") or c.lemma_.lower() in ("body", "corpse") for c in tok.children
                ):
                    found.append((tok, "kill"))
                    continue
                for family, lemmas in lx.VERB_FAMILIES.items():
                    if lemma in lemmas:
                        found.append((tok, family))
                        break
            elif tok.pos_ in ("NOUN", "PROPN", "ADJ"):
                if lemma == "strike" or low in ("strike", "strikes"):
                    mods = {c.lower_.rstrip("s") for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
                    if tok.i > sent.start:
                        mods.add(tok.doc[tok.i - 1].lower_.rstrip("s"))
                    fam = next((lx.STRIKE_COMPOUNDS[m] for m in mods if m in lx.STRIKE_COMPOUNDS), None)
                    if fam:
                        found.append((tok, fam))
                    continue
                if low == "raid" and tok.i > sent.start and tok.doc[tok.i - 1].lower_ == "air":
                    found.append((tok, "air"))
                    continue
                if tok.dep_ == "compound" and tok.head.lemma_.lower() in ("strike", "raid", "attack", "bombing"):
                    continue  # "air strike" is read at its head
                if lemma == "offensive" and tok.head.lemma_.lower() not in ("launch", "begin", "start", "mount", "continue"):
                    continue
                if tok.dep_ == "pobj" and tok.head.lower_ in lx.BACKGROUND_PREPS and not (tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in ("wave", "series", "number", "spate", "exchange", "round", "burst")):
                    continue
                for family, lemmas in lx.NOUN_FAMILIES.items():
                    if lemma in lemmas or low in lemmas:
                        if family in ("ied", "shell", "grenade") and tok.dep_ in ("compound",) and tok.head.lemma_ in ("attack", "blast", "explosion"):
                            break
                        found.append((tok, family))
                        break
        return found

    # ------------------------------------------------------------------ modality
    @staticmethod
    def _irrealis(tok: Token) -> bool:
        """Planned, feared, denied, conditional or hypothetical rather than reported as done."""
        node = tok
        for _ in range(6):
            for child in node.children:
                if child.dep_ == "neg" and node.pos_ in ("VERB", "AUX"):
                    return True
                if child.dep_ == "aux" and child.lower_ in lx.MODAL_AUX:
                    return True
                if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                    return True
                if child.dep_ == "prep" and child.lower_ == "without" and node.i == tok.i:
                    return True
            lemma = node.lemma_.lower()
            if node.i != tok.i and lemma in lx.IRREALIS_HEADS and tok.dep_ != "pobj":
                return True
            if node.lower_ in ("supposed", "expected", "scheduled", "due") and node.i != tok.i:
                return True
            if node.head.i == node.i or node.dep_ in ("ROOT",):
                break
            if node.dep_ in ("ccomp",) and node.head.lemma_.lower() in REPORTING_LEMMAS and node.head.lemma_.lower() not in lx.IRREALIS_HEADS:
                break
            node = node.head
        if tok.pos_ == "NOUN":
            for child in tok.children:
                if child.lower_ in ("no", "possible", "planned", "potential", "future", "threatened") and child.dep_ in ("det", "amod"):
                    return True
        return False

    # ------------------------------------------------------------------ actors
    def _actor_at(self, tok: Token | None) -> ActorMatch | None:
        if tok is None:
            return None
        text = doc_text(tok.doc)[tok.left_edge.idx : tok.idx + len(tok.text)]
        m = self.actors.find(text)
        if m is None and tok.ent_type_ in ("ORG", "NORP", "GPE", "PERSON"):
            ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None:
                m = self.actors.find(ent.text)
        if m is None:
            subtree = doc_text(tok.doc)[tok.left_edge.idx : tok.right_edge.idx + len(tok.right_edge.text)]
            if len(subtree) < 150:
                m = self.actors.find(subtree)
        return m

    @staticmethod
    def _subject_of(verb: Token) -> tuple[Token | None, bool]:
        """(subject, is_passive) of a verb, climbing through coordination and control verbs."""
        node = verb
        for _ in range(4):
            agent = next((c for c in node.children if c.dep_ == "agent"), None)
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj, False
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "csubj")), None)
            if subj is not None and subj.lower_ not in ("which", "that", "who"):
                return subj, False
            if any(c.dep_ == "nsubjpass" for c in node.children):
                return None, True
            if node.dep_ in ("relcl",) and node.head.pos_ in ("NOUN", "PROPN"):
                return node.head, False
            if node.dep_ in ("acl",) and node.head.pos_ in ("NOUN", "PROPN"):
                return node.head, False
            if node.dep_ in ("xcomp",):
                obj = next((c for c in node.head.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    return obj, False
            if node.dep_ in ("conj", "xcomp", "advcl", "ccomp") and node.head.i != node.i:
                node = node.head
                continue
            break
        return None, False

    @staticmethod
    def _head_noun(tok: Token | None) -> Token | None:
        """"most of the prisoners" -> prisoners; "some 600 prisoners" stays."""
        if tok is None:
            return None
        if tok.lower_ in ("most", "some", "all", "many", "several", "dozens", "hundreds", "scores", "one", "none", "each") or tok.like_num:
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is not None:
                pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        return tok

    def _roles(self, trig: Token) -> tuple[Token | None, Token | None]:
        """(agent, patient) tokens around a trigger."""
        agent, patient = self._roles_raw(trig)
        return self._head_noun(agent), self._head_noun(patient)

    def _roles_raw(self, trig: Token) -> tuple[Token | None, Token | None]:
        agent = patient = None
        if trig.pos_ in ("VERB", "AUX"):
            agent, passive = self._subject_of(trig)
            if passive:
                patient = next((c for c in trig.children if c.dep_ == "nsubjpass"), None)
            if patient is None:
                patient = next((c for c in trig.children if c.dep_ == "dobj" and c.ent_type_ not in ("DATE", "TIME")), None)
            for child in trig.children:
                if child.dep_ == "prep" and child.lower_ in ("on", "against", "with", "between", "to") and patient is None:
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME", "CARDINAL"):
                        patient = pobj  # "fired on the positions", not "on 6 May"
            if patient is None and trig.dep_ == "acl" and trig.head.pos_ in ("NOUN", "PROPN"):
                patient = trig.head  # "prisoners escaping the prison"
        else:
            for child in trig.children:
                if child.dep_ == "poss":
                    agent = child
                elif child.dep_ == "prep" and child.lower_ == "by":
                    agent = next((c for c in child.children if c.dep_ == "pobj"), agent)
                elif child.dep_ == "prep" and child.lower_ in ("on", "against", "targeting"):
                    patient = next((c for c in child.children if c.dep_ == "pobj"), patient)
                elif child.dep_ == "prep" and child.lower_ in ("between", "with"):
                    first = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if first is not None:
                        agent = agent or first
                        nxt = next(iter(first.conjuncts), None)
                        patient = patient or nxt
                elif child.dep_ == "compound" and self.actors.find(child.text):
                    agent = child
            head = trig.head
            if trig.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX") and agent is None:
                agent, _ = self._subject_of(head)  # "the Taliban launched attacks"
            if trig.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.dep_ == "acl":
                agent = agent or head.head.head  # "Afghan forces, backed by air strikes"
            if trig.dep_ == "pobj" and head.lower_ == "in" and head.head.pos_ == "VERB":
                vp = head.head  # "were killed in an air strike"
                patient = patient or next((c for c in vp.children if c.dep_ in ("nsubjpass", "dobj")), None)
        return agent, patient

    def _protesters_turned_violent(self, sent: SpacySpan) -> bool:
        """"The demonstrators burned the police station." - violence whose subject is the crowd."""
        for tok in sent:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in lx.PROTEST_VIOLENCE | {"pelt", "hurl", "throw", "set"}:
                continue
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None and tok.dep_ == "conj":
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subj is None:
                continue
            match = self.actors.find(subj.text)
            if subj.lemma_.lower() in ("demonstrator", "protester", "protestor", "rioter", "inmate", "prisoner", "youth", "crowd", "mob") or (
                match is not None and match.role in ("protesters", "rioters")
            ):
                return True
        return False

    @staticmethod
    def _live_verbs(sent: SpacySpan) -> set[str]:
        """Lemmas of verbs that narrate what happened, not those describing a noun ("burnt transformer")."""
        out = set()
        for tok in sent:
            if tok.pos_ != "VERB" or tok.dep_ in ("amod", "relcl", "acl", "compound"):
                continue
            if any(a.dep_ in ("relcl", "acl") or (a.dep_ == "pobj" and a.head.lower_ in lx.BACKGROUND_PREPS) for a in tok.ancestors):
                continue
            out.add(tok.lemma_.lower())
        return out

    def _parties(self, text: str) -> list[ActorMatch]:
        """Actors named in a phrase, in the order named, without overlaps."""
        matches = sorted(self.actors.find_all(text), key=lambda m: (m.start_token, -len(m.alias.split())))
        out: list[ActorMatch] = []
        covered = -1
        for m in matches:
            if m.start_token > covered:
                out.append(m)
                covered = m.start_token + len(m.alias.split()) - 1
        return out

    # ------------------------------------------------------------------ classification
    def _classify(
        self, family: str, trig: Token, agent: ActorMatch | None, patient: ActorMatch | None, patient_tok: Token | None,
        lemmas: set[str], followup_violence: bool = False,
    ) -> str | None:
        patient_lemma = patient_tok.lemma_.lower() if patient_tok is not None else ""
        armed = lambda m: m is not None and (m.is_state or m.is_armed_non_state)  # noqa: E731
        if family in ("kill", "attack", "clash", "shell", "bomb", "explode", "ied", "air", "storm") and lemmas & lx.SUICIDE_CUES:
            return "Suicide bomb"
        if family == "clash":
            lemma = trig.lemma_.lower()
            if lemma == "exchange" and not lemmas & {"fire", "gunfire", "shot", "shots", "gunshot", "gunshots", "blow"}:
                return None
            if lemma in ("projectile", "shot", "burst") and not (lemmas & {"observe", "record", "hear", "fire"} and trig.pos_ == "NOUN"):
                return None
            if lemma == "exchange" and lemmas & {"artillery", "mortar", "rocket", "shell"}:
                return "Shelling/artillery/missile attack"
            if agent is not None and agent.role in ("protesters", "rioters", "civilians"):
                return "Violent demonstration" if (patient is not None and patient.is_state) or lemmas & {"police", "policeman", "officer"} else "Mob violence"
            return "Armed clash"
        if family == "suicide":
            return "Suicide bomb" if lemmas & {"bomber", "bombing", "attack", "attacker", "blast", "explosion", "vest"} else None
        if family == "chemical":
            return "Chemical weapon" if lemmas & {"attack", "gas", "weapon", "use"} else None
        if family in ("air",):
            return None if lemmas & {"seize", "defuse", "intercept", "down"} and family != "air" else "Air/drone strike"
        if family == "fire":
            objs = {c.lemma_.lower() for c in trig.subtree} | {c.lemma_.lower() for c in trig.children}
            if trig.lemma_.lower() == "launch" and not objs & (lx.SHELL_CUES | lx.GRENADE_CUES | lx.AIR_CUES | {"rocket", "missile"}):
                return None
            if trig.lemma_.lower() == "fire" and trig.pos_ != "VERB":
                return None
            crowd = (patient is not None and patient.role in ("protesters", "rioters")) or bool(lemmas & {"protester", "demonstrator", "protestor", "crowd", "rioter"})
            if crowd and lemmas & {"tear", "teargas", "cannon", "rubber", "pellet", "baton"}:
                return "Protest with intervention"  # "police fired tear gas at protesters"
            small_arms = bool(objs & {"rifle", "arm", "arms", "gun", "machinegun", "pistol", "kalashnikov", "sniper"}) and "artillery" not in objs and "mortar" not in objs
            if objs & {"launcher", "rpg", "mortar", "artillery", "rocket", "missile", "shell", "howitzer", "grad", "tank"} and not small_arms:
                return "Shelling/artillery/missile attack"
            if objs & lx.GRENADE_CUES:
                return "Grenade"
            if objs & lx.AIR_CUES:
                return "Air/drone strike"
            if patient is not None and patient.role in ("civilians", "protesters"):
                return "Attack"
            if objs & {"position", "positions", "post", "checkpoint", "base", "troop", "force", "soldier", "patrol"} or armed(patient) or armed(agent):
                return "Armed clash"
            return None
        if family in ("shell", "ied", "grenade", "bomb", "explode"):
            if lemmas & {"seize", "defuse", "dismantle", "recover", "find", "discover", "confiscate", "intercept", "foil"}:
                return "Disrupted weapons use"
            if family == "bomb" and lemmas & lx.AIR_CUES:
                return "Air/drone strike"
            if family == "grenade" or lemmas & lx.GRENADE_CUES:
                return "Grenade"
            if family == "shell":
                return "Shelling/artillery/missile attack"
            if family == "ied" and trig.lemma_.lower() in ("explosion", "blast") and lemmas & {"observe", "record", "hear", "report"} and not lemmas & {"ied", "bomb", "mine", "landmine", "device", "explosive"}:
                return "Shelling/artillery/missile attack"  # explosions observed from afar: indirect fire
            if family in ("ied", "explode", "bomb"):
                if trig.lemma_.lower() in ("device", "mine", "bomb", "explosive") and not lemmas & {"explode", "detonate", "blast", "explosion", "kill", "injure", "wound", "hit", "go", "plant", "target", "attack", "damage"}:
                    return None
                return "Remote explosive/landmine/IED"
        if family in ("attack", "kill", "storm"):
            if family == "kill" and trig.lemma_.lower() == "open" and "fire" not in lemmas:
                return None
            if lemmas & lx.AIR_CUES and (lemmas & {"strike", "airstrike", "bomb", "bombing", "raid"} or "drone" in lemmas):
                return "Air/drone strike"
            if lemmas & lx.SHELL_CUES:
                return "Shelling/artillery/missile attack"
            if lemmas & lx.GRENADE_CUES:
                return "Grenade"
            if lemmas & {"ied", "landmine", "roadside", "explosive", "vbied"}:
                return "Remote explosive/landmine/IED"
            if family == "storm":
                if patient_lemma in lx.PLACE_NOUNS or (patient_tok is not None and patient_tok.ent_type_ in _PLACE_LABELS):
                    return "Non-state actor overtakes territory" if not (agent and agent.is_state) else "Armed clash"
                return "Armed clash"
            if agent is not None and agent.role in ("rioters",):
                return "Mob violence"
            if agent is not None and agent.role == "police" and patient is not None and patient.role == "protesters":
                return "Excessive force against protesters" if family == "kill" else "Protest with intervention"
            victims_armed = armed(patient) or patient_lemma in lx.ARMED_NOUNS
            if victims_armed:
                return "Armed clash"
            victims_civilian = patient is not None and patient.role in ("civilians", "protesters")
            if patient_tok is not None and (patient_tok.ent_type_ == "PERSON" or patient_lemma in ("member", "man", "woman", "child", "people", "person", "villager", "resident", "family", "body")):
                victims_civilian = True
            if victims_civilian:
                return "Attack"
            if family == "kill":
                if patient_tok is not None and patient_lemma not in lx.PLACE_NOUNS:
                    return "Attack"
                if lemmas & {"civilian", "villager", "resident", "man", "woman", "child", "people", "body", "worker", "farmer", "boy", "girl"}:
                    return "Attack"
                return "Armed clash" if (armed(agent) and lemmas & lx.ARMED_NOUNS) else None
            if trig.lemma_.lower() == "lynch" or (agent is not None and agent.role in ("civilians",) and family == "attack"):
                return "Mob violence"
            if patient_lemma in lx.PROPERTY_NOUNS - {"base", "headquarters", "station", "facility"} or patient_lemma in ("bus", "plant", "vehicle", "car"):
                return "Looting/property destruction" if lemmas & {"arson", "fire", "burn", "damage"} else "Attack"
            # an attack on a place: a battle where the attacker is an organized armed force, else an attack on its people
            if patient_tok is not None and (patient_lemma in lx.PLACE_NOUNS or patient_tok.ent_type_ in _PLACE_LABELS or patient_tok.pos_ == "PROPN"):
                if agent is not None and (agent.is_state or (agent.entry.kind == "named" and agent.entry.inter == 2)):
                    return "Armed clash"
                return "Attack"
            if patient_tok is None and agent is not None and not (agent.is_state or agent.entry.kind == "named" or agent.role == "insurgents"):
                return "Attack"
            if patient_tok is None and agent is None:
                return "Attack" if lemmas & {"civilian", "villager", "resident", "people", "passenger", "bus", "worshipper", "market"} else "Armed clash"
            return "Armed clash"
        if family == "territory":
            if patient_lemma in lx.WEAPON_NOUNS:
                return "Disrupted weapons use"
            if patient_lemma in lx.PRISONER_NOUNS:
                return None
            is_person = patient is not None and patient.role in ("civilians", "insurgents", "unidentified", "named") and patient_lemma not in lx.PLACE_NOUNS
            if patient_tok is not None and patient_tok.ent_type_ == "PERSON":
                is_person = True
            if is_person and trig.lemma_.lower() in ("capture", "seize", "take"):
                if agent is not None and agent.is_state:
                    return "Arrests"
                return "Abduction/forced disappearance"
            if trig.lemma_.lower() == "take" and not _has_particle(trig, frozenset({"control", "over"})):
                return None
            if lemmas & lx.NVT_CUES and not lemmas & {"fighting", "clash", "battle", "fight", "attack"}:
                return "Non-violent transfer of territory"
            if agent is not None and agent.is_state:
                return "Government regains territory"
            if agent is not None and agent.is_armed_non_state:
                return "Non-state actor overtakes territory"
            if trig.lemma_.lower() in ("regain", "recapture", "retake", "liberate", "reclaim"):
                return "Government regains territory"
            return "Non-state actor overtakes territory" if agent is not None else None
        if family == "nvt":
            lemma = trig.lemma_.lower()
            if agent is not None and agent.role in ("civilians", "protesters", "rioters"):
                return None
            if agent is not None and agent.alias in ("attackers", "assailants", "gunmen", "raiders") and lemma in ("withdraw", "retreat", "flee", "leave", "pull"):
                return None  # "before the attackers withdrew": the end of a raid, not territory handed over
            if lemma in ("leave", "withdraw", "abandon", "vacate", "evacuate", "flee", "pull", "hand", "cede", "retreat", "surrender") and agent is None and patient is None:
                if not (lemmas & {"troop", "force", "soldier", "army", "military"}):
                    return None
            return "Non-violent transfer of territory"
        if family == "abduct":
            return "Abduction/forced disappearance"
        if family == "rape":
            return "Sexual violence"
        if family == "protest":
            lemma = trig.lemma_.lower()
            if lemma in ("block", "barricade"):
                objs = {c.lemma_.lower() for c in trig.children if c.dep_ in ("dobj", "prep")} | {c.lemma_.lower() for c in trig.subtree}
                if not objs & {"road", "highway", "street", "route", "bridge", "entrance", "traffic", "junction", "square", "access"} or (agent is not None and (agent.is_state or agent.is_armed_non_state)):
                    return None
            if lemma == "disperse" and not (patient is not None and patient.role in ("protesters", "rioters", "civilians") or patient_lemma in ("crowd", "gathering", "protest", "demonstration", "rally", "laborer", "labourer", "worker")):
                return None
            live = self._live_verbs(trig.sent)
            if agent is not None and agent.role == "rioters" and agent.alias in ("rioters", "mob", "looters"):
                return "Violent demonstration"  # the report itself calls them rioters
            if (lemmas & {"tyre", "tire", "tyres", "tires"} and lemmas & {"burn", "burning", "burnt"}) or ("set" in live and "fire" in lemmas):
                return "Violent demonstration"
            if followup_violence:
                return "Violent demonstration"
            if live & lx.PROTEST_LETHAL and lemmas & {"police", "force", "troop", "soldier", "policeman"}:
                return "Excessive force against protesters"
            if live & lx.PROTEST_VIOLENCE or (lemmas & {"stone", "stones", "molotov", "tyre", "tyres", "tire", "tires"} and live & {"throw", "burn", "hurl", "set", "pelt"}):
                return "Violent demonstration"
            if live & lx.PROTEST_INTERVENTION or lemmas & {"teargas", "tear", "cannon", "baton", "rubber"} and lemmas & {"gas", "cannon", "charge", "bullet", "fire", "disperse"}:
                return "Protest with intervention"
            return "Peaceful protest"
        if family == "riot":
            return "Mob violence" if "mob" in lemmas else "Violent demonstration"
        if family == "loot":
            return "Looting/property destruction"
        if family == "destroy":
            lemma = trig.lemma_.lower()
            if lemma == "set" and "fire" not in lemmas:
                return None
            if patient_lemma in lx.PROPERTY_NOUNS or (lemma == "set" and lemmas & lx.PROPERTY_NOUNS):
                if agent is not None and agent.role in ("protesters",):
                    return "Violent demonstration"
                return "Looting/property destruction"
            return None
        if family == "arrest":
            return "Arrests"
        if family == "disrupt":
            return "Disrupted weapons use"
        if family == "agree":
            if trig.pos_ == "NOUN":
                return "Agreement" if lemmas & {"agree", "sign", "declare", "announce", "reach", "accept"} else None
            objs = {c.lemma_.lower() for c in trig.subtree}
            return "Agreement" if objs & lx.AGREEMENT_NOUNS or (trig.lemma_.lower() == "agree" and lemmas & lx.AGREEMENT_NOUNS) else None
        if family == "release":
            return "Other" if patient_lemma in lx.PRISONER_NOUNS or lemmas & {"jailbreak"} and patient_lemma in lx.PRISONER_NOUNS else None
        if family == "escape":
            subj_lemmas = {t.lemma_.lower() for t in trig.subtree} | ({trig.head.lemma_.lower()} if trig.dep_ == "acl" else set())
            subj_tok, _ = self._subject_of(trig) if trig.pos_ == "VERB" else (None, False)
            if subj_tok is not None:
                subj_lemmas.add(subj_tok.lemma_.lower())
            return "Other" if subj_lemmas & lx.PRISONER_NOUNS or trig.lemma_.lower() == "jailbreak" else None
        if family == "talks":
            obj = next((c for c in trig.children if c.dep_ == "dobj"), None)
            return "Other" if obj is not None and obj.lemma_.lower() in lx.TALKS_NOUNS else None
        if family == "hq":
            objs = {c.lemma_.lower() for c in trig.subtree}
            return "Headquarters or base established" if objs & lx.HQ_NOUNS else None
        if family == "change":
            objs = {c.lemma_.lower() for c in trig.subtree}
            lemma = trig.lemma_.lower()
            if trig.pos_ == "NOUN":
                return "Change to group/activity" if trig.head.lemma_.lower() in ("conduct", "carry", "impose", "launch", "begin", "start", "send", "announce", "deploy", "enter", "arrive", "take", "reach", "run") or lemma == "curfew" and "impose" in lemmas else None
            if lemma == "impose" and "curfew" not in objs:
                return None
            if lemma in ("deploy", "mobilize", "mobilise") and not objs & lx.CHANGE_OBJECTS:
                return None
            return "Change to group/activity"
        return None

    # ------------------------------------------------------------------ main entry
    def extract(self, doc: Doc, article: Article, anchor: dt.date) -> tuple[list[Event], list[Event]]:
        """Returns (events, background events) for one parsed article."""
        table = TokenTable.of(doc)
        sents = [s for s in doc.sents if _text(s).strip()]
        paragraphs = self._paragraph_of(sents)
        infos = [SentenceInfo(span=s, paragraph=p) for s, p in zip(sents, paragraphs)]
        sent_index = {s.start: i for i, s in enumerate(sents)}

        def sentence_of(tok_i: int) -> int:
            return sent_index[doc[tok_i].sent.start]

        # places, resolved together
        mentions = [(e, m) for e, m in place_mentions(doc, table) if not self._names_actor(m.text)]
        demonyms = [e.text for e in doc.ents if e.label_ == "NORP"]
        ctx = self.places.context_for([m.text for _, m in mentions] + [m.qualifier for _, m in mentions if m.qualifier], demonyms)
        towns = [
            e for e in doc.ents
            if ctx.countries and e.label_ == "ORG" and e.root.dep_ in ("dobj", "pobj")
            and not self._names_actor(e.text) and self.places.names_town_in(e.text, ctx.countries[0])
        ]
        if towns:  # an organization by NER, a town of the story's country by the gazetteer
            mentions = [(e, m) for e, m in place_mentions(doc, table, towns) if not self._names_actor(m.text)]
        resolved = self.places.resolve_all([m for _, m in mentions], ctx)
        doc_country = ctx.countries[0] if ctx.countries else None
        if doc_country is None:
            found_countries = Counter(r.place.country_code for r in resolved if r is not None)
            doc_country = found_countries.most_common(1)[0][0] if found_countries else None
        place_counts: Counter[str] = Counter()
        for (ent, mention), res in zip(mentions, resolved):
            if res is None:
                continue
            tok = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if tok is None:
                continue
            info = infos[sentence_of(tok.start)]
            info.places.append((res, Span(start=mention.start, end=mention.end, text=mention.text), self._usable_as_location(ent, mention.end)))
            if res.level != "country":
                place_counts[res.place.name] += 1
        main_place: tuple[ResolvedPlace, Span] | None = None
        if place_counts:
            top = place_counts.most_common(1)[0][0]
            for info in infos:
                for res, sp, _ok in info.places:
                    if res.place.name == top and main_place is None:
                        main_place = (res, sp)

        # dates
        for ent in doc.ents:
            if ent.label_ not in ("DATE",):
                continue
            rd = resolve_date(ent.text, anchor)
            if rd is None:
                continue
            prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            in_since_clause = any(c.dep_ in ("mark", "prep") and c.lower_ == "since" for a in [ent.root, *ent.root.ancestors] for c in a.children)
            if prev == "since" or ent.text.lower().startswith("since") or in_since_clause:
                rd = rd.model_copy(update={"is_range_start": True})
            if prev in ("around", "about", "circa") or doc_text(doc)[max(0, ent.start_char - 8) : ent.start_char].lower().strip().startswith("around"):
                rd = rd.model_copy(update={"precision": max(rd.precision, 2)})
            infos[sentence_of(ent.start)].dates.append((rd, Span(start=ent.start_char, end=ent.end_char, text=ent.text)))

        for info in infos:
            usable = [(r, sp) for r, sp, ok in info.places if ok]
            fine = [p for p in usable if p[0].level != "country"]
            pool = fine or usable
            if pool:
                info.own_place = min(pool, key=lambda p: (p[0].place.country_code != doc_country, {"place": 0, "admin1": 1, "country": 2}[p[0].level]))
            dates = [d for d in info.dates if d[0].date <= anchor + dt.timedelta(days=1)]
            if dates:
                info.own_date = dates[0]
            span = info.span
            info.anaphor = any(
                table.lemma[i] in lx.REPORTED_ANAPHORS and any(c.lower_ in ("the", "this", "that") for c in doc[i].children)
                for i in range(span.start, span.end)
            ) or any(table.lower[i] == "there" and table.dep[i] == "advmod" for i in range(span.start, span.end))

        doc_group = self._doc_group(doc)
        lead_date = next((i.own_date for i in infos if i.own_date and not i.own_date[0].is_range_start and (anchor - i.own_date[0].date).days <= BACKGROUND_DAYS), None)

        events: list[Event] = []
        background: list[Event] = []
        last_event_by_para: dict[int, Event] = {}
        last_event_by_type: dict[str, Event] = {}
        last_fine_place: tuple[ResolvedPlace, Span] | None = None
        last_date: tuple[ResolvedDate, Span] | None = None

        named_ents = {i: e for e in doc.ents if e.label_ in ("ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW") for i in range(e.start, e.end)}
        title_end = len(article.title) if article.title and doc_text(doc).startswith(article.title) else -1
        for si, info in enumerate(infos):
            sent = info.span
            if sent.start_char < title_end:
                continue  # the headline summarizes the story; its events are told (and dated) below
            sent_text = _text(sent)
            cumulative = bool(re.match(r"\s*since\b", sent_text, re.I)) or "since then" in sent_text.lower()
            triggers = [(t, f) for t, f in self._triggers(sent, table) if not self._irrealis(t)]
            # what only a sentence with triggers, or one adding to the paragraph's event, needs
            counts = find_counts(sent) if triggers or info.paragraph in last_event_by_para else []
            lemmas = set(table.lemma[sent.start : sent.end]) | set(table.lower[sent.start : sent.end]) if triggers else set()
            nxt = infos[si + 1].span if si + 1 < len(infos) and infos[si + 1].paragraph == info.paragraph else None
            # "The demonstrators burned the police station.": the protest told before turned violent
            followup_violence = nxt is not None and any(f == "protest" for _t, f in triggers) and self._protesters_turned_violent(nxt)
            candidates: list[Candidate] = []
            reporter_tokens: set[int] = set()
            sentence_actors: list[tuple[Token, ActorMatch]] = []
            if triggers:
                for i in range(sent.start, sent.end):
                    if table.lemma[i] in REPORTING_LEMMAS and table.pos[i] == "VERB":
                        for c in doc[i].children:
                            if c.dep_ in ("nsubj",):
                                reporter_tokens.update(t.i for t in c.subtree)
                for chunk in list(sent.noun_chunks):
                    if chunk.root.i in reporter_tokens:
                        continue
                    ent = named_ents.get(chunk.root.i)
                    m = self.actors.find(_text(ent) if ent is not None else _text(chunk))
                    if m is not None:
                        sentence_actors.append((chunk.root, m))
            for trig, family in triggers:
                agent_tok, patient_tok = self._roles(trig)
                if agent_tok is not None and agent_tok.i in reporter_tokens:
                    agent_tok = None
                agent = self._actor_at(agent_tok)
                patient = self._actor_at(patient_tok)
                sub = self._classify(family, trig, agent, patient, patient_tok, lemmas, followup_violence)
                if sub is None:
                    continue
                cand = Candidate(sub, trig, si, family, agent, agent_tok, patient, patient_tok)
                if family == "nvt" and trig.lemma_.lower() in ("flee", "retreat", "surrender"):
                    other = next(((t, m) for t, m in sentence_actors if t.i > trig.i and (m.is_armed_non_state or m.role == "military") and (agent is None or m.entry.actor != agent.entry.actor)), None)
                    if other is not None:  # "troops fled ... to escape the Taliban": the Taliban gain
                        cand.actor1, cand.actor1_tok, cand.actor2, cand.actor2_tok = other[1], other[0], agent, agent_tok
                if family == "talks" and patient is not None and patient_tok is not None:
                    parties = self._parties(doc_text(doc)[patient_tok.left_edge.idx : patient_tok.right_edge.idx + len(patient_tok.right_edge.text)])
                    if parties:
                        cand.actor2 = parties[0]
                        cand.assoc2 = parties[1] if len(parties) > 1 else None
                if cand.actor1 is None:
                    taken = {cand.actor2.entry.actor} if cand.actor2 else set()
                    before = [(t, m) for t, m in sentence_actors if t.i < trig.i and m.entry.actor not in taken and m.role not in ("civilians",)]
                    if before and cand.sub_event_type not in ("Arrests",):
                        cand.actor1_tok, cand.actor1 = before[-1]
                if cand.actor2 is None and cand.sub_event_type in ("Armed clash", "Government regains territory", "Non-state actor overtakes territory", "Air/drone strike", "Shelling/artillery/missile attack", "Attack", "Arrests", "Non-violent transfer of territory"):
                    taken = {cand.actor1.entry.actor, cand.actor1.role} if cand.actor1 else set()
                    after = [(t, m) for t, m in sentence_actors if m.entry.actor not in taken and (cand.sub_event_type in ("Attack", "Arrests") or m.role not in ("civilians", "rioters", "protesters")) and (cand.actor1 is None or m.role != cand.actor1.role or m.entry.kind == "named" or (m.country_code or doc_country) != (cand.actor1.country_code or doc_country)) and (cand.actor1_tok is None or t.i != cand.actor1_tok.i)]
                    if after:
                        cand.actor2_tok, cand.actor2 = after[0]
                candidates.append(cand)

            # "No group claimed responsibility for the blast.": the blast told above
            told_on = self._retold(candidates, info, last_event_by_type)
            if told_on is None and candidates and info.paragraph in last_event_by_para and all(c.actor1 is None and c.actor2 is None for c in candidates) and not info.own_place:
                # "The officer was injured.": no one new, nowhere new - the paragraph's event, told on
                told_on = last_event_by_para[info.paragraph]
            if told_on is not None:
                span = _sentence_span(sent)
                if span not in told_on.evidence:
                    told_on.evidence.append(span)
                candidates = []
            if not candidates:
                # A count with no event of its own belongs to the paragraph's last event ("1 fatality.").
                fat = fatalities_from_counts(counts)
                if fat and info.paragraph in last_event_by_para:
                    ev = last_event_by_para[info.paragraph]
                    if fat > ev.fatalities:
                        c0 = next(c for c in counts if c.is_fatality)
                        ev.fatalities = fat
                        ev.field_evidence["fatalities"] = Span(start=c0.start, end=c0.end, text=c0.text)
                if info.own_place and info.own_place[0].level != "country":
                    last_fine_place = info.own_place
                if info.own_date and not info.own_date[0].is_range_start and 0 <= (anchor - info.own_date[0].date).days <= BACKGROUND_DAYS:
                    last_date = info.own_date
                continue

            # where
            place = info.own_place
            place_note = ""
            if place is None:
                a1_country = next((c.actor1.country_code for c in candidates if c.actor1 is not None and c.actor1.country_code), None)
                home = next(((r, sp) for r, sp, _ok in info.places if r.level == "country" and r.place.country_code == a1_country), None)
                if home is not None:
                    place = home
            if place is None or place[0].level == "country":
                prev_same = next((infos[j].own_place for j in range(si - 1, -1, -1) if infos[j].paragraph == info.paragraph and infos[j].own_place and infos[j].own_place[0].level != "country"), None)
                next_same = next((infos[j].own_place for j in range(si + 1, len(infos)) if infos[j].paragraph == info.paragraph and infos[j].own_place and infos[j].own_place[0].level != "country"), None)
                inherited = prev_same or next_same
                if inherited is None and (info.anaphor or place is None) and last_fine_place is not None and info.anaphor:
                    inherited = last_fine_place
                if inherited is None and place is None and main_place is not None:
                    inherited = (main_place[0].__class__(place=main_place[0].place, geo_precision=max(2, main_place[0].geo_precision), mention=main_place[0].mention, level=main_place[0].level), main_place[1])
                if inherited is not None:
                    place, place_note = inherited, "inherited"
            # when
            date = info.own_date
            if date is None:
                prev_date = next((infos[j].own_date for j in range(si - 1, -1, -1) if infos[j].paragraph == info.paragraph and infos[j].own_date), None)
                date = prev_date or last_date or lead_date
            if date is None:
                date = (ResolvedDate(date=anchor, precision=2, expression="(publication date)"), None)  # type: ignore[assignment]
            rdate, date_span = date
            is_background = cumulative or rdate.is_range_start or (anchor - rdate.date).days > BACKGROUND_DAYS
            claimed = claimant(sent, candidates[0].trigger)
            fat = fatalities_from_counts(counts)
            fat_count = next((c for c in counts if c.is_fatality), None)
            quantities = [Quantity(value=c.value, unit=c.noun, evidence=Span(start=c.start, end=c.end, text=c.text)) for c in counts if not c.is_fatality]

            # one candidate per event type (or per sub-type for strategic developments) per sentence
            best: dict[tuple[str, str], Candidate] = {}
            for cand in candidates:
                etype = event_type_of(cand.sub_event_type)
                key = (etype, cand.sub_event_type if etype in DISTINCT_SUBTYPES_TYPES else "")
                held = best.get(key)
                if held is None or PRIORITY.get(cand.sub_event_type, 0) > PRIORITY.get(held.sub_event_type, 0):
                    if held is not None:
                        cand.actor1 = cand.actor1 or held.actor1
                        cand.actor2 = cand.actor2 or held.actor2
                    best[key] = cand
                else:
                    held.actor1 = held.actor1 or cand.actor1
                    held.actor2 = held.actor2 or cand.actor2
            if "Riots" in {k[0] for k in best} and ("Protests", "") in best:
                best.pop(("Protests", ""))
            if ("Explosions/Remote violence", "") in best:
                for key in [k for k, c in best.items() if c.family == "kill" and k[0] in ("Battles", "Violence against civilians")]:
                    best.pop(key)  # "killed in a blast": the blast is the event

            for cand in sorted(best.values(), key=lambda c: _EVENT_TYPE_ORDER[event_type_of(c.sub_event_type)]):
                ev = self._build_event(cand, doc, article, sent, place, place_note, rdate, date_span, claimed, fat, fat_count, quantities, doc_group, doc_country)
                if ev is None:
                    continue
                if is_background:
                    ev.background = True
                    background.append(ev)
                else:
                    events.append(ev)
                    last_event_by_para[info.paragraph] = ev
                    last_event_by_type[ev.event_type] = ev
            if info.own_place and info.own_place[0].level != "country":
                last_fine_place = info.own_place
            elif place is not None and place[0].level != "country":
                last_fine_place = place
            if info.own_date and not info.own_date[0].is_range_start and not is_background and not cumulative:
                last_date = info.own_date
        return merge_events(events), merge_events(background)

    @staticmethod
    def _retold(candidates: list[Candidate], info: SentenceInfo, last_event_by_type: dict[str, Event]) -> Event | None:
        """The earlier event a sentence only refers back to: "the blast", "this attack", with no
        one, nowhere and no day of its own."""
        if not candidates or info.own_place or info.own_date:
            return None
        found: Event | None = None
        for cand in candidates:
            trig = cand.trigger
            definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in trig.children)
            if trig.pos_ != "NOUN" or not definite or cand.actor1 is not None or cand.actor2 is not None:
                return None
            earlier = last_event_by_type.get(event_type_of(cand.sub_event_type))
            if earlier is None:
                return None
            found = found or earlier
        return found

    def _build_event(
        self, cand: Candidate, doc: Doc, article: Article, sent: SpacySpan,
        place: tuple[ResolvedPlace, Span] | None, place_note: str, rdate: ResolvedDate, date_span: Span | None,
        claimed: Span | None, fat: int | None, fat_count: Count | None, quantities: list[Quantity],
        doc_group: ActorMatch | None, doc_country: str | None,
    ) -> Event | None:
        sub = cand.sub_event_type
        etype = event_type_of(sub)
        # territory changes need a place below the country
        if sub in ("Non-violent transfer of territory", "Government regains territory", "Non-state actor overtakes territory"):
            if place is None or place[0].level == "country":
                return None
        own = next((m.country_code or m.entry.country_code for m in (cand.actor1, cand.actor2) if m is not None and (m.country_code or m.entry.country_code)), None)
        country_code = place[0].place.country_code if place else (doc_country or own or "")
        group_actor = self.actors.name(doc_group, event_country=country_code, on=rdate.date) if doc_group else None

        def name(m: ActorMatch | None) -> Actor | None:
            if m is None:
                return None
            return self.actors.name(m, event_country=country_code or None, on=rdate.date, doc_group=group_actor)

        a1, a2 = name(cand.actor1), name(cand.actor2)
        if etype in ("Battles", "Explosions/Remote violence") or sub == "Non-violent transfer of territory":
            a1 = as_military(a1, self.actors, event_country=country_code or None, on=rdate.date) if a1 else None
            a2 = as_military(a2, self.actors, event_country=country_code or None, on=rdate.date) if a2 else None
        if sub == "Looting/property destruction" and a2 is not None and a2.inter != 7:
            a2 = None
        assoc2 = name(cand.assoc2)
        role = lambda r: self.actors.name(self.actors.find(r), event_country=country_code or None, on=rdate.date)  # type: ignore[arg-type]  # noqa: E731
        # ACLED's defaults when the text names only one side
        if etype == "Protests":
            if a1 is None or a1.inter != 6:
                a2 = a2 or (a1 if a1 and a1.inter == 1 else None)
                a1 = role("protesters")
            if sub != "Peaceful protest" and (a2 is None or a2.inter != 1):
                a2 = role("police")
            if sub == "Peaceful protest":
                a2 = None
        elif etype == "Riots":
            if a1 is None or a1.inter not in (5, 6):
                a2 = a2 or a1
                a1 = role("rioters")
            if a1.inter == 6:
                a1 = role("rioters")
            if sub == "Mob violence" and a2 is None:
                a2 = role("civilians")
        elif sub == "Looting/property destruction" and a1 is None:
            a1 = role("rioters")
        elif etype == "Violence against civilians":
            if a1 is None or a1.inter == 7:
                a2 = a2 or a1
                a1 = group_actor or role("gunmen")
            if a2 is None or a2.inter != 7:
                a2 = role("civilians")
        elif etype in ("Battles", "Explosions/Remote violence"):
            if a1 is None and a2 is not None and a2.inter != 7:
                a1, a2 = a2, None  # civilians named alone are the victims, never the side that fired
            if a1 is None:
                a1 = group_actor if etype == "Battles" and group_actor else role("gunmen")
            if a2 is None and etype == "Battles":
                a2 = role("forces") if a1.inter != 1 else (group_actor or role("gunmen"))
            if a1 is not None and a2 is not None and a1.name == a2.name:
                a2 = role("forces") if a1.inter != 1 else (group_actor or role("gunmen"))
        elif sub == "Arrests":
            if a1 is None or a1.inter != 1:
                a2 = a2 or a1
                a1 = role("police")
        elif sub == "Non-violent transfer of territory":
            if a1 is None:
                a1 = a2
                a2 = None
            if a1 is not None and a2 is None and a1.inter == 8:
                a2 = role("forces")
            if a1 is not None and a2 is None and a1.inter != 1:
                a2 = role("forces")
        if a1 is None:
            return None
        if a2 is not None and a2.name == a1.name:
            a2 = None
        if sub == "Abduction/forced disappearance" and fat:
            sub = "Attack"  # ACLED: an abduction in which the victim is killed is an attack
        p = place[0] if place else None
        geo_precision = p.geo_precision if p else None
        location_place = p.place if p else None
        if p is not None and p.level == "country" and a1.inter == 1 and a1.country_code == p.place.country_code:
            geo_precision = 2  # a government acting at home, no town named: its capital
        field_evidence: dict[str, Span] = {
            "event_type": _tok_span(cand.trigger),
            "sub_event_type": _tok_span(cand.trigger),
        }
        if cand.actor1_tok is not None and cand.actor1 is not None:
            field_evidence["actor1"] = _phrase_span(cand.actor1_tok)
        if cand.actor2_tok is not None and cand.actor2 is not None:
            field_evidence["actor2"] = _phrase_span(cand.actor2_tok)
        if place is not None:
            field_evidence["location"] = place[1]
        if date_span is not None:
            field_evidence["event_date"] = date_span
        if fat_count is not None and fat:
            field_evidence["fatalities"] = Span(start=fat_count.start, end=fat_count.end, text=fat_count.text)
        if claimed is not None:
            field_evidence["claimed_by"] = claimed
        sentence = _sentence_span(sent)
        country = location_place.country if location_place else ""
        iso = location_place.iso if location_place else None
        if not location_place and country_code:
            cp = self.places.gazetteer.country(country_code)
            if cp:
                country, iso = cp.country, cp.iso
        return Event(
            event_date=rdate.date,
            time_precision=rdate.precision,
            event_type=etype,
            sub_event_type=sub,
            actor1=a1.name,
            inter1=a1.inter,
            actor2=a2.name if a2 else "",
            inter2=a2.inter if a2 else 0,
            assoc_actor_2=assoc2.name if assoc2 and (not a2 or assoc2.name != a2.name) else "",
            interaction=interaction(a1.inter, a2.inter if a2 else 0),
            country=country,
            iso=iso,
            admin1=unidecode(location_place.admin1) if location_place else "",
            admin2=unidecode(location_place.admin2) if location_place else "",
            location=unidecode(location_place.name).replace("`", "'") if location_place else "",
            latitude=location_place.latitude if location_place else None,
            longitude=location_place.longitude if location_place else None,
            geo_precision=geo_precision,
            source=article.source or "",
            source_scale=article.source_scale or "",
            notes=sentence.text,
            fatalities=fat or 0,
            evidence=[sentence],
            field_evidence=field_evidence,
            claimed_by=claimed.text if claimed else "",
            quantities=quantities,
        )


def _merge_key(ev: Event) -> tuple:
    sub = ev.sub_event_type if ev.event_type in DISTINCT_SUBTYPES_TYPES else ""
    if ev.event_type == "Protests":  # one protest per crowd, place and day, however its policing is told
        return (ev.event_type, sub, ev.actor1, ev.location or ev.country, ev.event_date)
    return (ev.event_type, sub, frozenset({ev.actor1, ev.actor2}), ev.location or ev.country, ev.event_date)


def merge_events(events: list[Event]) -> list[Event]:
    """One event per (type, actor pair, place, day); the higher sub-type and every sentence kept."""
    merged: dict[tuple, Event] = {}
    for ev in events:
        key = _merge_key(ev)
        held = merged.get(key)
        if held is None:
            merged[key] = ev
            continue
        if PRIORITY.get(ev.sub_event_type, 0) > PRIORITY.get(held.sub_event_type, 0):
            held.sub_event_type = ev.sub_event_type
            if ev.event_type == "Protests" and ev.actor2 != held.actor2:  # the intervening force comes with the sub-type
                held.actor2, held.inter2, held.interaction = ev.actor2, ev.inter2, ev.interaction
                held.field_evidence.pop("actor2", None)
                if "actor2" in ev.field_evidence:
                    held.field_evidence["actor2"] = ev.field_evidence["actor2"]
            held.field_evidence["sub_event_type"] = ev.field_evidence.get("sub_event_type", held.field_evidence.get("sub_event_type"))  # type: ignore[assignment]
            held.field_evidence["event_type"] = held.field_evidence["sub_event_type"]
            if ev.actor1 != held.actor1 and ev.actor1 == held.actor2:
                held.actor1, held.actor2 = ev.actor1, ev.actor2
                held.inter1, held.inter2 = ev.inter1, ev.inter2
                for a, b in (("actor1", "actor2"),):
                    ea, eb = held.field_evidence.get(a), held.field_evidence.get(b)
                    held.field_evidence.pop(a, None)
                    held.field_evidence.pop(b, None)
                    if eb is not None:
                        held.field_evidence[a] = eb
                    if ea is not None:
                        held.field_evidence[b] = ea
        if ev.fatalities > held.fatalities:
            held.fatalities = ev.fatalities
            if "fatalities" in ev.field_evidence:
                held.field_evidence["fatalities"] = ev.field_evidence["fatalities"]
        if held.time_precision > ev.time_precision:
            held.time_precision = ev.time_precision
        for sp in ev.evidence:
            if sp not in held.evidence:
                held.evidence.append(sp)
        for k, v in ev.field_evidence.items():
            held.field_evidence.setdefault(k, v)
        if not held.claimed_by and ev.claimed_by:
            held.claimed_by = ev.claimed_by
        held.quantities.extend(q for q in ev.quantities if q not in held.quantities)
        if not held.assoc_actor_2 and ev.assoc_actor_2:
            held.assoc_actor_2 = ev.assoc_actor_2
        if held.geo_precision and ev.geo_precision and ev.geo_precision < held.geo_precision:
            held.geo_precision = ev.geo_precision
        held.notes = " ".join(sp.text for sp in held.evidence[:4])
    return list(merged.values())
