"""Toponym resolution: place mentions of one document -> gazetteer places with ACLED geo precision.

Works on plain data (:class:`PlaceMention`), not on spaCy objects, so it can be tested and
reused alone. The caller says what the text says around a mention: "X, the capital of Y
province" (``capital_of``), "X (Marib)" or "X, Chihuahua" (``qualifier``), "near X" (``near``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from sitrep.geo.gazetteer import Candidate, Gazetteer, country_table
from sitrep.geo.names import name_key, skeleton
from sitrep.geo.vocabulary import ADMIN1_UNITS, SITES, UNITS, alternation
from sitrep.models import Place

_SUFFIX_RE = re.compile(rf"\s+({alternation(UNITS + SITES + ('region of',))})s?$", re.I)
_PREFIX_RE = re.compile(rf"^(the\s+)?({alternation(UNITS + ('capital',))})\s+of\s+", re.I)


@dataclass(frozen=True)
class PlaceMention:
    text: str
    start: int = 0
    end: int = 0
    capital_of: str | None = None
    qualifier: str | None = None
    near: bool = False


@dataclass(frozen=True)
class ResolvedPlace:
    place: Place
    geo_precision: int
    mention: str
    level: str  # place | admin1 | country


@dataclass
class GeoContext:
    """What the document says about where it is: countries by salience, admin1 units mentioned."""

    countries: list[str] = field(default_factory=list)
    admin1: list[tuple[str, str]] = field(default_factory=list)  # (country_code, admin1)


def _split_kind(mention: str) -> tuple[str, str | None]:
    text = mention.strip().strip(",.;:")
    text = re.sub(r"^(the|a)\s+", "", text, flags=re.I)
    kind = None
    if m := _PREFIX_RE.match(text):
        kind = m[2].lower()
        text = text[m.end():]
    if m := _SUFFIX_RE.search(text):
        kind = m[1].lower()
        text = text[: m.start()]
    text = re.sub(r"['\u2019]s$", "", text)
    return text.strip(), kind


_ORG_TAIL = frozenset({"fire", "station", "office", "department", "district", "road", "street", "high", "school", "patrol", "police", "sheriff", "sheriff's", "county", "house", "hospital", "university", "college", "airport", "center", "centre", "court", "council", "state", "city", "church", "park", "bridge", "river", "lake", "mall", "market", "club", "team", "community", "public", "library", "jail", "prison", "base"})
# Continents, oceans and world regions: real places, but never an event location.
NOT_LOCATIONS = frozenset({
    "africa", "asia", "europe", "america", "americas", "north america", "south america", "latin america", "central america",
    "middle east", "the middle east", "near east", "far east", "sahel", "the sahel", "west africa", "east africa", "horn of africa",
    "central asia", "south asia", "southeast asia", "east asia", "pacific", "atlantic", "indian ocean", "mediterranean",
    "black sea", "red sea", "caribbean", "balkans", "the west", "scandinavia", "arctic", "antarctica", "oceania", "world", "earth",
    "gulf", "the gulf", "persian gulf", "arabian peninsula", "sub-saharan africa", "north africa", "southern africa", "eurasia",
})
_TRIMMABLE_TAIL = _ORG_TAIL | {"parish", "county", "township"}
_LEAD_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "downtown", "greater", "upper", "lower", "rural", "suburban"})


_UNIT_WORDS_RE = re.compile(rf"\b({alternation(UNITS)})\b\.?", re.I)


def _qualifier_parts(qualifier: str) -> list[str]:
    parts = [_UNIT_WORDS_RE.sub("", p).strip(" .") for p in qualifier.split(",")]
    return [p for p in parts if p]


def _shorter_forms(name: str) -> list[str]:
    """Fallback spellings of an unresolved mention, most specific first."""
    tokens = name.replace("’", "'").split()
    out: list[str] = []
    if tokens and tokens[0] in _LEAD_WORDS and len(tokens) > 1:  # "south Fargo", not "North Sinai"
        out.append(" ".join(tokens[1:]))
    trimmed = list(tokens)
    while len(trimmed) > 1 and trimmed[-1].lower().rstrip(".") in _TRIMMABLE_TAIL:
        trimmed = trimmed[:-1]
        out.append(" ".join(trimmed))
    if "-" in name and " " not in name.strip():
        out.extend(part for part in name.split("-") if len(part) > 2 and part[:1].isupper())
    if len(tokens) > 1 and tokens[0].lower() == "the":
        out.append(" ".join(tokens[1:]))
    return [o for o in out if o and o != name]


class PlaceResolver:
    """Resolves all place mentions of one document together, so they can inform each other."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._countries = country_table()
        self._country_by_key: dict[str, str] = {}
        for code, info in self._countries.items():
            for name in (info.name, *info.aliases, *info.demonyms):
                self._country_by_key.setdefault(name_key(name), code)

    # -- countries ---------------------------------------------------------------------
    def country_code(self, text: str) -> str | None:
        """ISO2 for a country name, alias or demonym ("Afghan", "U.S."), else None."""
        return self._country_by_key.get(name_key(text))

    def context_for(self, mentions: list[str], demonyms: list[str] = ()) -> GeoContext:  # type: ignore[assignment]
        """Rank the document's countries: explicit country names, demonyms, then where its places are."""
        votes: Counter[str] = Counter()
        admin1: Counter[tuple[str, str]] = Counter()
        for text in [*mentions, *demonyms]:
            code = self.country_code(text)
            if code:
                votes[code] += 2
        for text in mentions:
            if self.country_code(text):
                continue
            base, kind = _split_kind(text)
            cands = self.gazetteer.lookup(base)
            units = [c for c in cands if c.place.level == "admin1"]
            if units and (kind in ADMIN1_UNITS or not [c for c in cands if c.place.level == "place" and c.place.population > max(u.place.population for u in units) / 20]):
                unit = max(units, key=lambda c: c.place.population)
                admin1[(unit.place.country_code, unit.place.admin1 or unit.place.name)] += 1
            if cands:
                top = max(cands, key=lambda c: c.place.population)
                if top.place.population >= 100_000 or len({c.place.country_code for c in cands}) == 1:
                    votes[top.place.country_code] += 1
        for (code, _unit), n in admin1.items():
            votes[code] += n
        return GeoContext(countries=[c for c, _ in votes.most_common()], admin1=[u for u, _ in admin1.most_common()])

    def names_town_in(self, name: str, country_code: str) -> bool:
        """Is ``name`` exactly the name of a town in that country (not of a unit or the country)?"""
        base, kind = _split_kind(name)
        return kind is None and any(c.place.level == "place" and c.place.country_code == country_code for c in self.gazetteer.lookup(base))

    # -- scoring ----------------------------------------------------------------------
    def _score(self, cand: Candidate, ctx: GeoContext, kind: str | None, qualifier: str | None) -> float:
        p = cand.place
        score = math.log10(p.population + 10)
        if p.country_code in ctx.countries:
            score += (6.0, 3.0, 1.5, 1.0)[min(ctx.countries.index(p.country_code), 3)]
        if (p.country_code, p.admin1) in ctx.admin1 and p.level != "admin1":
            score += 4
        if cand.primary:
            score += 1
        if qualifier:
            q = name_key(qualifier)
            if q and (name_key(p.admin1) == q or name_key(p.admin2) == q or skeleton(p.admin1) == skeleton(qualifier)):
                score += 8
            elif q and (self.country_code(qualifier) == p.country_code):
                score += 4
        if kind in ADMIN1_UNITS:
            score += 5 if p.level == "admin1" else -3
        elif p.level == "admin1":
            score -= 4  # "Kabul" alone is the city, not the province
        if p.level == "country":
            score += 3
        return score

    def _best(self, base: str, ctx: GeoContext, kind: str | None, qualifier: str | None, *, _depth: int = 0) -> Candidate | None:
        cands = list(self.gazetteer.lookup(base))
        if not cands:
            cands = [c for c in self.gazetteer.lookup(base, True) if c.place.country_code in ctx.countries[:2]]
        if not cands and _depth < 3:
            # "Rapides Parish Fire District", "south Fargo", "Fargo-Moorhead", "Mogadishu-Hodan"
            for shorter in _shorter_forms(base):
                found = self._best(shorter, ctx, kind, qualifier, _depth=_depth + 1)
                if found is not None:
                    return found
        if not cands:
            return None
        best = max(cands, key=lambda c: self._score(c, ctx, kind, qualifier))
        units = [c for c in cands if c.place.level == "admin1"]
        if units and best.place.level == "place" and not qualifier:
            unit = max(units, key=lambda c: self._score(c, ctx, "province", qualifier))
            if (best.place.population * 50 < unit.place.population and best.place.country_code == unit.place.country_code) or (
                best.place.population < 1000 and unit.place.country_code in ctx.countries[:1]
            ):
                return unit  # "Nebraska" is the state, not a hamlet that shares its name
        return best

    def _agrees(self, place: Place, qualifier: str) -> bool:
        """Does "(Matale district, Central)" fit this place? Any part naming its unit or country will do."""
        for part in _qualifier_parts(qualifier):
            q = name_key(part)
            sk = skeleton(part)
            if self.country_code(part) == place.country_code:
                return True
            for name in (place.admin1, place.admin2, place.name):
                key = name_key(name)
                if key and (key == q or (sk and skeleton(name) == sk) or (len(q) > 3 and (q in key or key in q))):
                    return True
        return False

    def _from_qualifier(self, qualifier: str, ctx: GeoContext, mention: PlaceMention) -> ResolvedPlace | None:
        """The place to use when the name itself is unknown: the most specific part of "(Hyderabad, Sindh)"."""
        parts = _qualifier_parts(qualifier)
        for i, part in enumerate(parts):
            rest = ", ".join(parts[i + 1 :]) or None
            cand = self._best(part, ctx, "province" if i == len(parts) - 1 else None, rest)
            if cand is None or (rest and not self._agrees(cand.place, rest)):
                continue
            resolved = self._as_resolved(cand, mention)
            return ResolvedPlace(place=resolved.place, geo_precision=max(2, resolved.geo_precision), mention=mention.text, level=resolved.level)
        return None

    def _as_resolved(self, cand: Candidate, mention: PlaceMention) -> ResolvedPlace:
        p = cand.place
        if p.level == "admin1":
            seat = self.gazetteer.admin1_seat(p) or p
            return ResolvedPlace(place=seat.model_copy(update={"admin1": p.admin1 or p.name}), geo_precision=3, mention=mention.text, level="admin1")
        if p.level == "country":
            capital = self.gazetteer.capital(p.country_code) or p
            return ResolvedPlace(place=capital, geo_precision=3, mention=mention.text, level="country")
        return ResolvedPlace(place=p, geo_precision=2 if mention.near else 1, mention=mention.text, level="place")

    def _seat_like(self, mention: str, admin1: Place) -> Place | None:
        """The place in ``admin1`` a mention names, when it is called its capital ("Fort Nau")."""
        members = self.gazetteer.named_places_in(admin1.country_code, admin1.admin1 or admin1.name)
        if not members:
            return None
        tokens = {skeleton(t) or name_key(t) for t in name_key(mention).split()}
        best, best_score = None, 0.0
        for place, names in members[:400]:
            score = 0.0
            for name in names:
                ptoks = {skeleton(t) or name_key(t) for t in name.split()}
                score = max(score, fuzz.token_set_ratio(name_key(mention), name) + (30 if tokens & ptoks else 0))
            if score > best_score:
                best, best_score = place, score
        if best is not None and best_score >= 60:
            return best
        return self.gazetteer.admin1_seat(admin1)

    # -- the document -----------------------------------------------------------------
    def resolve_all(self, mentions: list[PlaceMention], ctx: GeoContext) -> list[ResolvedPlace | None]:
        aliases: dict[str, ResolvedPlace] = {}
        out: list[ResolvedPlace | None] = [None] * len(mentions)
        # 1. "X, the capital of Y province": X is Y's seat, whatever X is called.
        for i, m in enumerate(mentions):
            if not m.capital_of:
                continue
            base, _kind = _split_kind(m.capital_of)
            code = self.country_code(base)
            if code:
                capital = self.gazetteer.capital(code)
                if capital:
                    out[i] = ResolvedPlace(place=capital, geo_precision=1, mention=m.text, level="place")
            else:
                unit = self._best(base, ctx, "province", None)
                if unit and unit.place.level == "admin1":
                    seat = self._seat_like(m.text, unit.place)
                    if seat:
                        out[i] = ResolvedPlace(place=seat, geo_precision=2 if m.near else 1, mention=m.text, level="place")
            if out[i] is not None:
                aliases[name_key(_split_kind(m.text)[0])] = out[i]  # type: ignore[assignment]
        # 2. everything else, with the document's own aliases first ("Fort Naud" ~ "Fort Nau").
        for i, m in enumerate(mentions):
            if out[i] is not None:
                continue
            base, kind = _split_kind(m.text)
            key = name_key(base)
            if key in NOT_LOCATIONS:
                continue
            if not key or (base.isupper() and len(base) <= 5 and not self.country_code(base)):
                continue  # "OPS", "SMM": acronyms, not towns
            alias = aliases.get(key) or next(
                (r for k, r in aliases.items() if len(key) > 4 and fuzz.ratio(k, key) >= 88), None
            )
            if alias is not None:
                out[i] = ResolvedPlace(place=alias.place, geo_precision=2 if m.near else alias.geo_precision, mention=m.text, level=alias.level)
                continue
            cand = self._best(base, ctx, kind, m.qualifier)
            if m.qualifier and (cand is None or (cand.place.level == "place" and not self._agrees(cand.place, m.qualifier))):
                # "Karak (Dar'a)": a Karak elsewhere is the wrong Karak; the qualifier still places it
                fallback = self._from_qualifier(m.qualifier, ctx, m)
                if fallback is not None or cand is None:
                    out[i] = fallback
                    continue
            if cand is None:
                continue
            resolved = self._as_resolved(cand, m)
            out[i] = resolved
            aliases.setdefault(key, resolved)
        return out
