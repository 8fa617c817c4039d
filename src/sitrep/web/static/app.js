// sitrep dashboard: map, timeline, table, event evidence, control. Plain DOM; text goes in via textContent only.
"use strict";

const COLORS = {
  "Battles": "#b3261e", "Explosions/Remote violence": "#e8710a", "Violence against civilians": "#7b1fa2",
  "Protests": "#1a73e8", "Riots": "#188038", "Strategic developments": "#5f6368",
};
const PAGE = 50;
const state = { offset: 0, total: 0, filters: {} };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function getJSON(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

function query(extra) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...state.filters, ...extra })) if (v !== "" && v !== undefined) params.set(k, v);
  return params.toString();
}

// ---------------------------------------------------------------- map
let map, markers;
async function initMap() {
  map = L.map("map", { worldCopyJump: true, attributionControl: true }).setView([20, 20], 2);
  map.attributionControl.addAttribution("Natural Earth");
  const world = await getJSON("/static/world.geojson");
  L.geoJSON(world, { style: { color: "#8a9aa8", weight: 0.6, fillColor: "#eef1ec", fillOpacity: 1 }, interactive: false }).addTo(map);
  markers = L.layerGroup().addTo(map);
}

function drawMap(events) {
  markers.clearLayers();
  const points = [];
  for (const ev of events) {
    if (ev.latitude === null || ev.longitude === null) continue;
    const popup = el("div", {}, el("strong", {}, ev.sub_event_type), el("br"), `${ev.event_date} · ${ev.location || ev.country}`, el("br"),
      el("a", { href: `#/events/${ev.id}` }, "evidence ›"));
    L.circleMarker([ev.latitude, ev.longitude], {
      radius: 5 + Math.min(10, Math.sqrt(ev.fatalities || 0)), color: "#fff", weight: 1,
      fillColor: COLORS[ev.event_type] || "#333", fillOpacity: 0.9, className: "event-marker",
    }).bindPopup(popup).addTo(markers);
    points.push([ev.latitude, ev.longitude]);
  }
  if (points.length) map.fitBounds(points, { maxZoom: 7, padding: [30, 30] });
}

// ---------------------------------------------------------------- timeline
function drawTimeline(events) {
  const box = document.getElementById("timeline");
  box.replaceChildren();
  if (!events.length) { box.append(el("p", { class: "muted" }, "No events.")); return; }
  const counts = new Map();
  for (const ev of events) counts.set(ev.event_date, (counts.get(ev.event_date) || 0) + 1);
  const days = [...counts.keys()].sort();
  const first = new Date(days[0]), last = new Date(days[days.length - 1]);
  const span = Math.max(1, Math.round((last - first) / 86400000) + 1);
  const max = Math.max(...counts.values());
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", "0 0 400 200");
  svg.setAttribute("preserveAspectRatio", "none");
  const width = 380 / span;
  for (const [day, n] of counts) {
    const x = 10 + Math.round((new Date(day) - first) / 86400000) * width;
    const h = (n / max) * 160;
    const bar = document.createElementNS(NS, "rect");
    bar.setAttribute("class", "bar");
    bar.setAttribute("x", x.toFixed(2)); bar.setAttribute("y", (175 - h).toFixed(2));
    bar.setAttribute("width", Math.max(1, width - 1).toFixed(2)); bar.setAttribute("height", h.toFixed(2));
    const title = document.createElementNS(NS, "title");
    title.textContent = `${day}: ${n} event${n > 1 ? "s" : ""}`;
    bar.append(title);
    svg.append(bar);
  }
  for (const [x, label, anchor] of [[10, days[0], "start"], [390, days[days.length - 1], "end"]]) {
    const text = document.createElementNS(NS, "text");
    text.setAttribute("x", x); text.setAttribute("y", 192); text.setAttribute("text-anchor", anchor);
    text.textContent = label;
    svg.append(text);
  }
  box.append(svg);
}

// ---------------------------------------------------------------- table
function drawTable(events) {
  const body = document.querySelector("#events tbody");
  body.replaceChildren(...events.map((ev) => el("tr", { "data-id": ev.id, onclick: () => { location.hash = `#/events/${ev.id}`; } },
    el("td", {}, ev.event_date), el("td", {}, el("span", { class: "dot" }), ev.event_type), el("td", {}, ev.sub_event_type),
    el("td", {}, ev.actor1), el("td", {}, ev.actor2), el("td", {}, [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ")),
    el("td", {}, ev.fatalities), el("td", {}, ev.n_reports))));
  for (const [i, ev] of events.entries()) body.rows[i].querySelector(".dot").style.background = COLORS[ev.event_type] || "#333";
  document.getElementById("page").textContent = state.total
    ? `${state.offset + 1}–${state.offset + events.length} of ${state.total}` : "no events match";
  document.getElementById("prev").disabled = state.offset === 0;
  document.getElementById("next").disabled = state.offset + PAGE >= state.total;
}

async function loadOverview() {
  const page = await getJSON(`/events?${query({ limit: PAGE, offset: state.offset })}`);
  state.total = page.total;
  drawTable(page.items);
  // The map and the timeline show every matching event (up to 1000), not one page.
  const all = page.total <= PAGE && state.offset === 0 ? page : await getJSON(`/events?${query({ limit: 1000, offset: 0 })}`);
  drawMap(all.items);
  drawTimeline(all.items);
}

// ---------------------------------------------------------------- event page
const FIELDS = [["event_date", "Date"], ["time_precision", "Time precision"], ["event_type", "Event type"],
  ["sub_event_type", "Sub-event type"], ["actor1", "Actor 1"], ["assoc_actor_1", "Associated with actor 1"],
  ["actor2", "Actor 2"], ["assoc_actor_2", "Associated with actor 2"], ["interaction", "Interaction"],
  ["location", "Location"], ["admin2", "Admin 2"], ["admin1", "Admin 1"], ["country", "Country"],
  ["geo_precision", "Geo precision"], ["fatalities", "Fatalities"], ["source", "Sources"], ["notes", "Notes"]];

function highlighted(text, spans) {
  // Non-overlapping pieces: event sentences as <mark>, field spans inside them as <mark class="field">.
  const bounds = new Set([0, text.length]);
  for (const sp of spans) { bounds.add(Math.max(0, sp.start)); bounds.add(Math.min(text.length, sp.end)); }
  const cuts = [...bounds].sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  for (let i = 0; i < cuts.length - 1; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const piece = text.slice(a, b);
    const covering = spans.filter((sp) => sp.start <= a && sp.end >= b);
    if (!covering.length) { out.append(document.createTextNode(piece)); continue; }
    const fields = covering.filter((sp) => sp.field !== "event").map((sp) => sp.field);
    const mark = el("mark", { class: fields.length ? "field evidence" : "evidence" }, piece);
    if (fields.length) mark.title = fields.join(", ");
    out.append(mark);
  }
  return out;
}

async function showEvent(id) {
  const box = document.getElementById("event");
  box.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  let ev;
  try { ev = await getJSON(`/events/${id}`); } catch (err) { box.replaceChildren(el("p", {}, `No event ${id}.`)); return; }
  const list = el("dl");
  for (const [key, label] of FIELDS) {
    if (ev[key] === "" || ev[key] === null || ev[key] === 0 && key !== "fatalities") continue;
    list.append(el("dt", {}, label), el("dd", { "data-field": key }, ev[key]));
  }
  box.replaceChildren(el("p", {}, el("a", { href: "#/" }, "‹ all events")),
    el("h2", {}, `${ev.sub_event_type} — ${ev.location || ev.country}, ${ev.event_date}`), list,
    el("h3", {}, `${ev.reports.length} report${ev.reports.length > 1 ? "s" : ""}`));
  for (const rep of ev.reports) {
    const article = await getJSON(`/articles/${rep.article_id}`);
    const head = el("div", {}, el("strong", {}, article.title || `Article ${rep.article_id}`), " ",
      el("span", { class: "muted" }, [rep.source, rep.published].filter(Boolean).join(" · ")));
    if (rep.url && /^https?:\/\//.test(rep.url)) head.append(" ", el("a", { href: rep.url, rel: "noopener noreferrer", target: "_blank" }, "source ›"));
    const figures = el("p", { class: "said" }, `This report: ${rep.fatalities} fatalities`, rep.claimed_by ? ` · according to ${rep.claimed_by}` : "");
    box.append(el("article", { class: "report", "data-article": rep.article_id }, head, figures,
      el("div", { class: "text" }, highlighted(article.text, rep.evidence))));
  }
  const first = box.querySelector("mark");
  if (first) first.scrollIntoView({ block: "center" });
}

// ---------------------------------------------------------------- control
async function showControl(asOf) {
  const rows = await getJSON(`/control${asOf ? `?as_of=${encodeURIComponent(asOf)}` : ""}`);
  document.querySelector("#control-table tbody").replaceChildren(...rows.map((c) => el("tr", {},
    el("td", {}, c.country), el("td", {}, c.admin1), el("td", {}, c.admin2), el("td", {}, c.controller),
    el("td", {}, c.since), el("td", {}, c.previous), el("td", {}, c.sub_event_type),
    el("td", {}, c.event_id ? el("a", { href: `#/events/${c.event_id}` }, `#${c.event_id}`) : ""))));
}

// ---------------------------------------------------------------- routing
async function route() {
  const hash = location.hash || "#/";
  const eventMatch = hash.match(/^#\/events\/(\d+)$/);
  for (const id of ["overview", "event", "control"]) document.getElementById(id).hidden = true;
  if (eventMatch) {
    document.getElementById("event").hidden = false;
    await showEvent(eventMatch[1]);
  } else if (hash.startsWith("#/control")) {
    document.getElementById("control").hidden = false;
    await showControl(document.querySelector("#control-form [name=as_of]").value);
  } else {
    document.getElementById("overview").hidden = false;
    map.invalidateSize();
    await loadOverview();
  }
  document.body.dataset.ready = hash;
}

async function main() {
  await initMap();
  const stats = await getJSON("/stats");
  document.getElementById("stats").textContent = `${stats.events} events from ${stats.articles} articles`;
  const form = document.getElementById("filters");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    state.filters = Object.fromEntries(new FormData(form).entries());
    state.offset = 0;
    loadOverview().then(() => { document.body.dataset.ready = `filtered:${query({})}`; });
  });
  form.addEventListener("reset", () => { state.filters = {}; state.offset = 0; setTimeout(loadOverview, 0); });
  document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadOverview(); });
  document.getElementById("next").addEventListener("click", () => { state.offset += PAGE; loadOverview(); });
  document.getElementById("control-form").addEventListener("submit", (e) => {
    e.preventDefault();
    showControl(new FormData(e.target).get("as_of")).then(() => { document.body.dataset.ready = "control-filtered"; });
  });
  window.addEventListener("hashchange", route);
  await route();
}

main().catch((err) => { document.getElementById("stats").textContent = `error: ${err.message}`; });
