// The item page: the scan in OpenSeadragon (static/vendor/openseadragon, loaded by a deferred
// <script> before this module), with Russian tooltips and keyboard zoom. Without it the page
// keeps its plain <img> and the link to the full file.
//
// DOM contract (templates/public/item.html): #zoom with data-zoom-sources (JSON list of IIIF
// info.json or image URLs), data-zoom-prefix (the viewer's button images), data-zoom-tooltips (JSON); #zoom-help;
// #zoom-fallback gets .zoom-ready once the viewer has opened the image.

const box = document.getElementById("zoom");
if (box && window.OpenSeadragon) {
  start(box, window.OpenSeadragon);
}

function start(box, OSD) {
  const sources = JSON.parse(box.dataset.zoomSources || "[]");
  if (!sources.length) return;
  const tooltips = JSON.parse(box.dataset.zoomTooltips || "{}");
  for (const [name, text] of Object.entries(tooltips)) {
    OSD.setString("Tooltips." + name, text);
  }
  // OpenSeadragon would add an inline <style> (refused by our CSP) that hides the focus ring
  // on touch screens. A marker named `style` in a foreign namespace satisfies its check without
  // being a style sheet, so the browser has nothing to refuse.
  if (!document.querySelector("style[data-openseadragon-mobile-css]")) {
    const marker = document.createElementNS("urn:letopis:marker", "style");
    marker.setAttribute("data-openseadragon-mobile-css", "true");
    document.head.append(marker);
  }
  const help = document.getElementById("zoom-help");
  const fallback = document.getElementById("zoom-fallback");
  box.hidden = false;
  const viewer = OSD({
    element: box,
    prefixUrl: box.dataset.zoomPrefix,
    // The 2D canvas works everywhere, kiosks without a GPU included.
    drawer: "canvas",
    // The portal's IIIF image service (`info.json`): tiles at each scale. Anything else is
    // opened whole.
    tileSources: sources.map((url) => (url.endsWith("/info.json") ? url : { type: "image", url })),
    sequenceMode: sources.length > 1,
    showNavigator: true,
    autoHideControls: false,
    navigatorPosition: "BOTTOM_RIGHT",
    showRotationControl: true,
    showFullPageControl: true,
    crossOriginPolicy: false,
    visibilityRatio: 0.8,
    constrainDuringPan: true,
    gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: true },
  });
  viewer.addHandler("open", () => {
    if (fallback) fallback.classList.add("zoom-ready");
    if (help) help.hidden = false;
    const canvas = box.querySelector(".openseadragon-canvas");
    if (canvas) {
      canvas.tabIndex = 0;
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", box.getAttribute("aria-label") || "");
      canvas.setAttribute("aria-describedby", "zoom-help");
    }
  });
  viewer.addHandler("open-failed", () => {
    viewer.destroy();
    box.hidden = true;
    if (help) help.hidden = true;
    if (fallback) fallback.classList.remove("zoom-ready");
  });
}
