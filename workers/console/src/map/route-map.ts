/**
 * Draws a plan on a Leaflet map: one SVG polyline per team in its colour, one numbered DOM marker per
 * stop, the team's start, and a metric scale. Leaflet's SVG renderer and DOM markers keep every route and
 * stop an element a test (or assistive technology) can find, and need no WebGL.
 * Tiles are optional: with none configured, or none reachable, the map is the plain background below.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

export interface MapStop {
  order: number;
  lat: number;
  lon: number;
  title: string;
}

export interface MapRoute {
  colour: string;
  title: string;
  start: { lat: number; lon: number; title: string } | null;
  stops: MapStop[];
}

export interface MapOptions {
  tileUrl: string;
  attribution: string;
  /** Called once when a tile fails to load, so the page can say the background is plain on purpose. */
  onTilesUnavailable: () => void;
}

export function drawRoutes(container: HTMLElement, routes: MapRoute[], options: MapOptions) {
  const map = L.map(container, { preferCanvas: false, zoomSnap: 0.25, attributionControl: true });
  if (options.tileUrl) {
    let reported = false;
    L.tileLayer(options.tileUrl, { attribution: options.attribution, maxZoom: 19 })
      .on('tileerror', () => {
        if (!reported) options.onTilesUnavailable();
        reported = true;
      })
      .addTo(map);
  }
  L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
  const bounds = L.latLngBounds([]);
  routes.forEach((route, index) => {
    const path: L.LatLngExpression[] = [];
    if (route.start) {
      path.push([route.start.lat, route.start.lon]);
      L.marker([route.start.lat, route.start.lon], {
        interactive: false,
        keyboard: false,
        title: route.start.title,
        icon: L.divIcon({
          className: 'depot-marker',
          html: `<span style="border-color:${route.colour}" aria-hidden="true">⌂</span>`,
          iconSize: [22, 22],
        }),
      }).addTo(map);
    }
    for (const stop of route.stops) {
      path.push([stop.lat, stop.lon]);
      L.marker([stop.lat, stop.lon], {
        interactive: false,
        keyboard: false,
        title: stop.title,
        icon: L.divIcon({
          className: 'stop-marker',
          html: `<span style="background:${route.colour}">${stop.order}</span>`,
          iconSize: [22, 22],
        }),
      }).addTo(map);
    }
    for (const point of path) bounds.extend(point);
    if (path.length > 1)
      L.polyline(path, {
        color: route.colour,
        weight: 4,
        opacity: 0.9,
        className: `route-line route-${index + 1}`,
        interactive: false,
      }).addTo(map);
  });
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24] });
  else map.setView([0, 0], 2);
  return { destroy: () => map.remove() };
}
