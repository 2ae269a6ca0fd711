/* Swap the server-rendered first view (dashboard/site/prerender.py) for the app once the app has drawn
   the page content — and, where the first view shows the static chart, the interactive chart
   too, so the chart never blinks out (or 3 s later, should it never draw): mark the document
   (base.css then shows the app) and remove the first view, in the same task as the drawing, so
   the next frame shows the app where the first view was. An element that had the keyboard focus
   (a link, a summary, a button) hands it to the same element in the app; a point of the static
   chart under the pointer (assets/first-chart.js) hands its tooltip to the interactive chart,
   which shows the same point's hover. */
(function () {
  "use strict";
  const first = document.getElementById("prerender");
  if (!first) { return; }
  const CHART_PATIENCE_MS = 3000;  // then the app is shown even if its chart has not drawn
  let waitForChart = first.querySelector("img.first-chart") !== null;
  let patience = null;

  function drawn() {
    const content = document.getElementById("_pages_content");
    if (!content || content.children.length === 0) { return false; }
    if (waitForChart && patience === null) {
      patience = window.setTimeout(function () { waitForChart = false; swap(); }, CHART_PATIENCE_MS);
    }
    return !waitForChart || document.querySelector("#explorer-graph .main-svg") !== null;
  }

  function sameElementInApp(element) {
    if (!element || !first.contains(element)) { return null; }
    const href = element.getAttribute("href");
    const twins = document.querySelectorAll("#react-entry-point " + element.tagName);
    for (let i = 0; i < twins.length; i += 1) {
      if (twins[i].getAttribute("href") === href
          && twins[i].textContent === element.textContent) { return twins[i]; }
    }
    return null;
  }

  function hoveredPoint() {
    const point = first.querySelector("a.chart-point:hover");
    return point ? point.getAttribute("data-obs") : null;
  }

  function hoverInApp(obsId) {  // Plotly's own hover of the point with this obs_id
    const graph = document.querySelector("#explorer-graph .js-plotly-plot");
    if (!obsId || !graph || !graph.data || !window.Plotly) { return; }
    graph.data.some(function (trace, curve) {
      const index = (trace.customdata || []).findIndex(function (item) {
        return (Array.isArray(item) ? item[0] : item) === obsId;
      });
      if (index < 0) { return false; }
      window.Plotly.Fx.hover(graph, [{ curveNumber: curve, pointNumber: index }]);
      return true;
    });
  }

  function swap() {
    if (!first.isConnected || !drawn()) { return; }
    observer.disconnect();
    window.clearTimeout(patience);
    const focusTarget = sameElementInApp(document.activeElement);
    const hovered = hoveredPoint();
    document.documentElement.classList.add("app-drawn");
    first.remove();
    if (focusTarget) { focusTarget.focus({ preventScroll: true }); }
    hoverInApp(hovered);
  }

  const observer = new MutationObserver(swap);
  observer.observe(document.getElementById("react-entry-point"), { subtree: true, childList: true });
})();
