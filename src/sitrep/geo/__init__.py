"""Places: a GeoNames gazetteer and a resolver that turns place mentions into ACLED locations."""

from sitrep.geo.gazetteer import Gazetteer, GazetteerBuilder, default_gazetteer_path, haversine_km, import_geonames
from sitrep.geo.resolve import GeoContext, PlaceResolver, ResolvedPlace

__all__ = [
    "GeoContext",
    "Gazetteer",
    "GazetteerBuilder",
    "PlaceResolver",
    "ResolvedPlace",
    "default_gazetteer_path",
    "haversine_km",
    "import_geonames",
]
