"""The words that name kinds of places: one list for the resolver and for the extractor.

"Badghis province", "the town of Kunduz", "Kushki Kuhna district, Herat", "(Matale district,
Central)": these words say what a name is, and are not part of the name itself.
"""

from __future__ import annotations

import re

# First-level administrative units: a name with one of these is a province, not a town.
ADMIN1_UNITS = ("province", "governorate", "state", "region", "oblast", "prefecture", "department", "wilayah", "division")
# Units below the province and settlements.
LOCAL_UNITS = ("district", "sub-district", "subdistrict", "county", "municipality", "lga", "commune", "raion", "rayon", "locality", "city", "town", "village", "area")
# Sites named after the place they are in or near.
SITES = ("neighbourhood", "neighborhood", "suburb", "camp", "refugee camp", "air base", "airbase", "airfield", "airport", "base",
         "military base", "prison", "border crossing", "market", "square", "port", "valley")
UNITS = ADMIN1_UNITS + LOCAL_UNITS


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation, longest first so "refugee camp" wins over "camp"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


__all__ = ["ADMIN1_UNITS", "LOCAL_UNITS", "SITES", "UNITS", "alternation"]
