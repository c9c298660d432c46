// The maps of the portal: /map (all places, clustered) and the small maps of record pages.
//
// Progressive enhancement: the page already lists every place as a link; this script only adds
// the map. Its data comes from the <script type="application/json"> block that the map element
// names in data-map (the Content-Security-Policy forbids inline code, not inline data). Leaflet and
// Leaflet.markercluster are classic scripts loaded with `defer` before this module, so `L` is set.
// Tiles come from the layers in the data (the portal's own /tiles/… or the operator's tile host);
// with none, markers stand on a plain background and no other host is ever asked for anything.
// With two layers (today's map and a historic one, e.g. 1941) a switch lets the visitor choose.

const KHIMKI = [55.889, 37.445];

function readData(element) {
  const block = document.getElementById(element.dataset.map);
  try {
    return block ? JSON.parse(block.textContent) : null;
  } catch {
    return null;
  }
}

// Popup content built as DOM nodes, never as HTML text: names come from the catalogue.
function popup(point, labels) {
  const box = document.createElement("div");
  const link = document.createElement("a");
  link.href = point.href;
  link.textContent = point.name;
  link.title = labels.open;
  box.append(link);
  if (point.note) {
    const note = document.createElement("span");
    note.className = "note";
    note.textContent = point.note;
    box.append(note);
  }
  return box;
}

function clusterIcon(cluster, labels) {
  const n = cluster.getChildCount();
  const size = n < 10 ? "small" : n < 100 ? "medium" : "large";
  const icon = L.divIcon({
    html: `<div><span>${n}</span></div>`,
    className: `marker-cluster marker-cluster-${size}`,
    iconSize: L.point(44, 44),
  });
  // The cluster is a keyboard-focusable marker; give it a name a screen reader can say.
  const createIcon = icon.createIcon.bind(icon);
  icon.createIcon = (old) => {
    const el = createIcon(old);
    el.setAttribute("aria-label", `${labels.cluster} ${n}`);
    el.setAttribute("role", "button");
    return el;
  };
  return icon;
}

// The base layers: the first is shown; with more than one, a switch (radio buttons, reachable
// by keyboard) names each. Tiles beyond a file's last zoom are enlarged, those below its first
// zoom shrunk (a 1941 sheet often starts a zoom or two later than today's map), and none are
// asked for outside its bounds.
function addLayers(map, element, layers, labels) {
  if (layers.length === 0) return;
  map.attributionControl.setPrefix(false);
  const tiles = layers.map((l) =>
    L.tileLayer(l.url, {
      attribution: l.attribution || "",
      maxZoom: 18,
      maxNativeZoom: l.maxNativeZoom,
      // Only within known bounds: zoomed far out, a file without them would be asked for
      // every tile of its first zoom in view.
      minNativeZoom: l.bounds ? l.minZoom : undefined,
      bounds: l.bounds ? L.latLngBounds(l.bounds) : undefined,
    }),
  );
  tiles[0].addTo(map);
  if (tiles.length < 2) return;
  // Added one by one: an object of choices would put a label like «1941» first.
  const control = L.control.layers(null, null, { collapsed: false }).addTo(map);
  layers.forEach((l, i) => control.addBaseLayer(tiles[i], l.label));
  const box = control.getContainer();
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", labels.layers || "");
  // The frame's background shows where a layer has no tiles: keep it in the layer's colours.
  map.on("baselayerchange", (e) => {
    element.classList.toggle("layer-historic", e.layer !== tiles[0]);
  });
}

function draw(element) {
  const data = readData(element);
  if (!data || !window.L || !Array.isArray(data.points)) return;
  const labels = data.labels || {};
  const frame = element.closest(".map-frame");
  frame.hidden = false;
  const section = frame.closest(".small-map");
  if (section) section.hidden = false;

  const layers = Array.isArray(data.layers) ? data.layers : [];
  const map = L.map(element, {
    zoomControl: false,
    attributionControl: layers.length > 0,
    keyboard: true,
    // Clustering needs the zoom range, which otherwise comes from a tile layer there may not be.
    minZoom: 3,
    maxZoom: 18,
  });
  L.control
    .zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut })
    .addTo(map);
  addLayers(map, element, layers, labels);

  const useClusters = data.cluster && typeof L.markerClusterGroup === "function";
  const layer = useClusters
    ? L.markerClusterGroup({
        showCoverageOnHover: false,
        iconCreateFunction: (c) => clusterIcon(c, labels),
      })
    : L.featureGroup();
  // On the exhibition hall's touch screens a pin is a finger's width (44 px and more).
  const kiosk = document.documentElement.classList.contains("kiosk");
  const icon = kiosk
    ? new L.Icon.Default({ iconSize: [44, 72], iconAnchor: [22, 72], popupAnchor: [1, -60], shadowSize: [72, 72] })
    : undefined;
  for (const p of data.points) {
    const marker = L.marker([p.lat, p.lon], {
      title: p.name,
      alt: p.name,
      keyboard: true,
      ...(icon ? { icon } : {}),
    });
    marker.bindPopup(() => popup(p, labels));
    layer.addLayer(marker);
  }
  map.addLayer(layer);

  if (data.points.length === 0) {
    map.setView(KHIMKI, 12);
  } else if (data.points.length === 1) {
    map.setView([data.points[0].lat, data.points[0].lon], 14);
  } else {
    // A marker's pin rises 41 px above its point: more room at the top, or the northernmost
    // place's pin is cut off by the frame.
    map.fitBounds(layer.getBounds(), {
      paddingTopLeft: [24, 48],
      paddingBottomRight: [24, 16],
      maxZoom: 15,
    });
  }
  // A lesson's «find on the map» task: a tap marks the pupil's answer (kept by lesson.js in
  // this browser, never sent).
  const pick = element.closest("[data-pick]");
  if (pick) {
    let mark = null;
    const put = (latlng) => {
      if (mark) mark.setLatLng(latlng);
      else mark = L.marker(latlng, { keyboard: false, ...(icon ? { icon } : {}) }).addTo(map);
    };
    const [lat, lon] = (pick.dataset.picked || "").split(",").map(Number);
    if (Number.isFinite(lat) && Number.isFinite(lon) && pick.dataset.picked) put([lat, lon]);
    map.on("click", (e) => {
      put(e.latlng);
      pick.dataset.picked = `${e.latlng.lat.toFixed(5)},${e.latlng.lng.toFixed(5)}`;
      pick.dispatchEvent(new CustomEvent("pick", { bubbles: true }));
    });
  }
  // When a popup opens from the keyboard, move focus to its link so Enter follows it.
  map.on("popupopen", (e) => {
    const link = e.popup.getElement()?.querySelector("a[href]:not(.leaflet-popup-close-button)");
    if (link) link.focus({ preventScroll: true });
  });
}

for (const element of document.querySelectorAll(".map-canvas[data-map]")) {
  draw(element);
}
