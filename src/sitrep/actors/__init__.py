"""Actors: noun phrases ("Afghan forces", "Taliban insurgents", "locals") -> ACLED actor names and inter codes.

The dictionary is a CSV data file (``sitrep/data/actors.csv``); users extend it with their
own files in the same layout (``--actors FILE``), later files taking precedence.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from unidecode import unidecode

from sitrep.errors import DataError
from sitrep.geo.gazetteer import country_table
from sitrep.models import Actor

ROLE_NAMES = {
    "protesters": ("Protesters ({country})", 6),
    "rioters": ("Rioters ({country})", 5),
    "civilians": ("Civilians ({country})", 7),
    "unidentified": ("Unidentified Armed Group ({country})", 3),
}
_STATE_ROLES = {"military": "Military Forces of {country}", "police": "Police Forces of {country}", "government": "Government of {country}"}
_WITH_THE = {"US", "GB", "PH", "CD", "CG", "CF", "NL", "AE", "GM", "BS", "KM", "MV", "CZ", "DO", "SC", "MH", "SB"}
_KIND_PRIORITY = {"named": 3, "template": 2, "role": 1}
_TOKEN_STRIP = "\"'“”‘’,;:()[]{}!?"


@dataclass(frozen=True)
class ActorEntry:
    kind: str  # named | template | role
    actor: str  # ACLED name, template, or role name
    inter: int
    country_code: str | None


@dataclass(frozen=True)
class ActorMatch:
    """What a phrase names, before context decides the final ACLED name."""

    entry: ActorEntry
    alias: str
    country_code: str | None  # whose forces/government, when the phrase says ("Afghan", "U.S.")
    start_token: int = 0

    @property
    def role(self) -> str:
        return "named" if self.entry.kind == "named" else (self.entry.actor if self.entry.kind == "role" else _template_role(self.entry.actor))

    @property
    def is_state(self) -> bool:
        return self.role in _STATE_ROLES or (self.entry.kind == "named" and self.entry.inter == 1)

    @property
    def is_armed_non_state(self) -> bool:
        return self.role in ("insurgents", "unidentified") or (self.entry.kind == "named" and self.entry.inter in (2, 3, 4))


def _template_role(template: str) -> str:
    if template.startswith("Military Forces"):
        return "military"
    if template.startswith("Police Forces"):
        return "police"
    if template.startswith("Government"):
        return "government"
    return "named"


def country_phrase(code: str) -> str:
    name = country_table()[code].name if code in country_table() else code
    return f"the {name}" if code in _WITH_THE else name


@lru_cache(maxsize=1)
def _operations() -> dict[tuple[str, str], tuple[str, int]]:
    text = resources.files("sitrep.data").joinpath("operations.csv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return {(r["forces_of"], r["event_country"]): (r["actor"], int(r["inter"])) for r in csv.DictReader(io.StringIO("\n".join(lines)))}


@lru_cache(maxsize=1)
def _periods() -> dict[str, list[tuple[dt.date, dt.date | None, str]]]:
    out: dict[str, list[tuple[dt.date, dt.date | None, str]]] = {}
    with resources.files("sitrep.data").joinpath("state_periods.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            end = dt.date.fromisoformat(row["end"]) if row["end"] else None
            out.setdefault(row["iso2"], []).append((dt.date.fromisoformat(row["start"]), end, row["label"]))
    return out


def state_period(code: str, on: dt.date | None) -> str | None:
    """ACLED's regime period label for a country's state forces on a date ("2004-2021")."""
    periods = _periods().get(code, [])
    if not periods:
        return None
    if on is None:
        return periods[-1][2]
    for start, end, label in periods:
        if start <= on and (end is None or on < end):
            return label
    return None


_PERIOD_LABEL = re.compile(r"\s*\(\d{4}-(\d{4})?\)")


def strip_period(actor: str) -> str:
    """"Military Forces of Afghanistan (2004-2021)" -> "Military Forces of Afghanistan"."""
    return _PERIOD_LABEL.sub("", actor).strip()


def normalize_phrase(text: str) -> list[str]:
    text = unidecode(text).lower().replace("'s ", " ").replace("’s ", " ")
    text = re.sub(r"'s$", "", text)
    return [t.strip(_TOKEN_STRIP) for t in text.split() if t.strip(_TOKEN_STRIP)]


class ActorDictionary:
    def __init__(self, entries: list[tuple[str, ActorEntry]]):
        self._by_alias: dict[tuple[str, ...], ActorEntry] = {}
        self._alias_country: dict[tuple[str, ...], str | None] = {}
        self._bare: set[tuple[str, ...]] = set()
        self._max_len = 1
        for alias, entry in entries:
            self._add(alias, entry)

    def _add(self, alias: str, entry: ActorEntry, country: str | None = None) -> None:
        key = tuple(normalize_phrase(alias))
        if not key:
            return
        existing = self._by_alias.get(key)
        if existing is not None and _KIND_PRIORITY[existing.kind] > _KIND_PRIORITY[entry.kind]:
            return
        self._by_alias[key] = entry
        self._alias_country[key] = country or entry.country_code
        self._max_len = max(self._max_len, len(key))

    @classmethod
    def load(cls, extra: list[Path] | tuple[Path, ...] = ()) -> ActorDictionary:
        texts = [resources.files("sitrep.data").joinpath("actors.csv").read_text(encoding="utf-8")]
        for path in extra:
            try:
                texts.append(Path(path).read_text(encoding="utf-8"))
            except OSError as exc:
                raise DataError(f"{path}: cannot read actor dictionary ({exc.strerror})") from exc
        dictionary = cls([])
        countries = country_table()
        for source, text in zip(["built-in", *map(str, extra)], texts):
            lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
            reader = csv.DictReader(io.StringIO("\n".join(lines)))
            for lineno, row in enumerate(reader, 2):
                try:
                    entry = ActorEntry(row["kind"].strip(), row["actor"].strip(), int(row["inter"]), (row.get("country") or "").strip() or None)
                    aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
                except (KeyError, ValueError, AttributeError) as exc:
                    raise DataError(f"{source}: line {lineno}: expected columns kind,actor,inter,country,aliases") from exc
                if entry.kind not in _KIND_PRIORITY:
                    raise DataError(f"{source}: line {lineno}: kind must be named, template or role, not {entry.kind!r}")
                if entry.kind == "named":
                    for alias in [entry.actor, *aliases]:
                        dictionary._add(alias, entry)
                elif entry.kind == "role":
                    for alias in aliases:
                        dictionary._add(alias, entry)
                else:
                    for code, info in countries.items():
                        for alias in aliases:
                            if "{demonym}" in alias:
                                for dem in info.demonyms:
                                    dictionary._add(alias.replace("{demonym}", dem), entry, code)
                            elif "{country}" in alias:
                                for cname in {info.name, *info.aliases}:
                                    dictionary._add(alias.replace("{country}", cname), entry, code)
                                    if alias == "{country}":
                                        dictionary._bare.add(tuple(normalize_phrase(cname)))
                            else:
                                dictionary._add(alias, entry)
        return dictionary

    def find(self, phrase: str) -> ActorMatch | None:
        """The most specific actor a phrase names: longest alias, then named > template > role."""
        matches = self.find_all(phrase)
        return matches[0] if matches else None

    def find_all(self, phrase: str) -> list[ActorMatch]:
        tokens = normalize_phrase(phrase)
        while tokens and tokens[0] in ("the", "a", "an"):
            tokens = tokens[1:]
        found: list[tuple[int, int, int, ActorMatch]] = []
        for n in range(min(self._max_len, len(tokens)), 0, -1):
            for i in range(len(tokens) - n + 1):
                key = tuple(tokens[i : i + n])
                entry = self._by_alias.get(key)
                if entry is not None and key in self._bare and n != len(tokens):
                    continue  # "Voice of America" is not the US government
                if entry is not None:
                    found.append((n, _KIND_PRIORITY[entry.kind], -i, ActorMatch(entry, " ".join(key), self._alias_country.get(key), i)))
        found.sort(key=lambda f: (f[0], f[1], f[2]), reverse=True)
        return [f[3] for f in found]

    def name(
        self,
        match: ActorMatch,
        *,
        event_country: str | None,
        on: dt.date | None = None,
        doc_group: Actor | None = None,
    ) -> Actor:
        """The ACLED name for a match in the context of an event's country and date."""
        entry = match.entry
        if entry.kind == "named":
            if event_country and entry.inter == 1 and entry.country_code and entry.country_code != event_country:
                return Actor(name=entry.actor, inter=8, country_code=entry.country_code)
            return Actor(name=entry.actor, inter=entry.inter, country_code=entry.country_code)
        role = match.role
        if entry.kind == "template" and role == "named":  # "Islamic State ({country})"
            code = event_country or match.country_code or ""
            return Actor(name=entry.actor.format(country=country_phrase(code)), inter=entry.inter, country_code=code)
        if role == "insurgents":
            if doc_group is not None:
                return doc_group
            role = "unidentified"
        code = match.country_code or event_country or ""
        if role in _STATE_ROLES:
            if not code:
                return Actor(name={"military": "Military Forces", "police": "Police Forces", "government": "Government"}[role], inter=1, country_code=None)
            base = _STATE_ROLES[role].format(country=country_phrase(code))
            if event_country and code != event_country:
                operation = _operations().get((code, event_country))
                if operation and role == "military":
                    return Actor(name=operation[0], inter=operation[1], country_code=code)
                return Actor(name=base, inter=8, country_code=code)
            period = state_period(code, on)
            return Actor(name=f"{base} ({period})" if period else base, inter=1, country_code=code)
        template, inter = ROLE_NAMES[role]
        code = event_country or code
        if not code:  # no idea where: ACLED's name without the country
            return Actor(name=template.split(" (")[0], inter=inter, country_code=None)
        return Actor(name=template.format(country=country_table()[code].name if code in country_table() else code), inter=inter, country_code=code)


@lru_cache(maxsize=4)
def default_dictionary(extra: tuple[Path, ...] = ()) -> ActorDictionary:
    return ActorDictionary.load(extra)


def as_military(actor: Actor, dictionary: ActorDictionary, *, event_country: str | None, on: dt.date | None) -> Actor:
    """A country named as the side in fighting or a handover means its forces, not its government."""
    if not actor.name.startswith("Government of") or not actor.country_code:
        return actor
    match = dictionary.find(f"{country_table()[actor.country_code].demonyms[0]} forces") if country_table()[actor.country_code].demonyms else None
    return dictionary.name(match, event_country=event_country, on=on) if match else actor


def interaction(inter1: int, inter2: int) -> int:
    """ACLED interaction code: the two inter codes, lower first; a sole actor is X0."""
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


__all__ = ["ActorDictionary", "ActorEntry", "ActorMatch", "default_dictionary", "interaction", "state_period"]
