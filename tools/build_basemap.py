"""Build the dashboard's offline basemap from Natural Earth (npm `world-atlas`, public domain).

Run once by a developer (`npm pack world-atlas@2`, unpack, then
`python tools/build_basemap.py package/countries-110m.json`); the output is committed under
src/sitrep/web/static/ so the dashboard never fetches map tiles.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/sitrep/web/static/world.geojson"


def decode_arcs(topo: dict) -> list[list[list[float]]]:
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append([round(x * scale[0] + translate[0], 3), round(y * scale[1] + translate[1], 3)])
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    points: list[list[float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def main(src: str) -> None:
    topo = json.loads(Path(src).read_text())
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom["type"] == "Polygon":
            coords = [ring(r, arcs) for r in geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            coords = [[ring(r, arcs) for r in poly] for poly in geom["arcs"]]
        else:
            continue
        features.append({"type": "Feature", "properties": {"name": geom.get("properties", {}).get("name", "")},
                         "geometry": {"type": geom["type"], "coordinates": coords}})
    OUT.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB, {len(features)} countries)")


if __name__ == "__main__":
    main(sys.argv[1])
