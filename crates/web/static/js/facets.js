// On a phone the filters fold, so the results come first and the visitor opens the filters on
// demand; on a wide screen they stay open beside the results (site.css, «Browse lists»). Loaded
// right after the panel, so it folds before the first paint; without JavaScript it stays open.
(function () {
  if (!window.matchMedia("(max-width: 59.99em)").matches) return;
  document.querySelectorAll("details.facets[open]").forEach(function (panel) {
    panel.open = false;
  });
})();
