/* Swap the server-rendered first view (dashboard/site/prerender.py) for the app once the app has drawn
   the page content — and, where the first view shows the static chart, the interactive chart
   too, so the chart never blinks out (or 3 s later, should it never draw): mark the document
   (base.css then shows the app) and remove the first view, in the same task as the drawing, so
   the next frame shows the app where the first view was. An element that had the keyboard focus
   (a link, a summary, a button, the chart's box, a scrolling table) hands it to the same element
   in the app; a static chart point that had it hands it to the interactive chart, on the same
   point (assets/chart-keys.js); a point of the static chart under the pointer
   (assets/first-chart.js) hands its tooltip to the interactive chart, which shows the same
   point's hover. */
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

  const FOCUSABLE = "a[href], button, summary, input, select, textarea, [tabindex]";

  function focusKey(element) {  // what an element is, the same in the first view and the app
    const text = element.matches("a, button, summary") ? element.textContent.trim() : "";
    return [
      element.tagName,
      element.getAttribute("href") || "",
      element.getAttribute("class") || "",
      element.getAttribute("aria-label") || "",
      text,
    ].join("|");
  }

  /* The app's element that is the first view's ``element``: the same kind of element with the
     same link, class, label and text — the n-th such in the app for the n-th in the first view
     (the header's and the footer's "Sources" link are two). */
  function sameElementInApp(element) {
    if (!element || !first.contains(element) || element.matches("a.chart-point")) { return null; }
    const key = focusKey(element);
    const same = function (root) {
      return Array.prototype.filter.call(root.querySelectorAll(FOCUSABLE), function (candidate) {
        return focusKey(candidate) === key;
      });
    };
    const app = document.getElementById("react-entry-point");
    const twins = same(app);
    return twins[same(first).indexOf(element)] || twins[0] || null;
  }

  function focusedPoint() {  // a static chart point with the keyboard focus: its obs_id
    const element = document.activeElement;
    return element && first.contains(element) && element.matches("a.chart-point")
      ? element.getAttribute("data-obs") : null;
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
    const hadFocus = first.contains(document.activeElement);
    const focusTarget = sameElementInApp(document.activeElement);
    const point = focusedPoint();
    const hovered = hoveredPoint();
    document.documentElement.classList.add("app-drawn");
    first.remove();
    if (focusTarget) { focusTarget.focus({ preventScroll: true }); }
    if (point && window.explorerChart) {  // assets/chart-keys.js: the chart, at the same point
      window.explorerChart.focusPoint(point);
    } else {
      hoverInApp(hovered);
    }
    if (hadFocus && !document.getElementById("react-entry-point").contains(document.activeElement)) {
      const main = document.getElementById("main");  // never dropped to the page's start
      if (main) { main.focus({ preventScroll: true }); }
    }
  }

  const observer = new MutationObserver(swap);
  observer.observe(document.getElementById("react-entry-point"), { subtree: true, childList: true });
})();
