"""The dashboard: static files (HTML, JS, CSS, a Natural Earth basemap, Leaflet) served by the API app.

Nothing is fetched from the internet: the basemap geometry ships in ``static/world.geojson``
and the page draws it with Leaflet, without a tile server. All article text reaches the page
through ``textContent``, never as markup.
"""
