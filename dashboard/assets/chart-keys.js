/* The interactive chart from the keyboard, as the first view's static chart is: the chart's box
   (#graph-container, one tab stop, labelled) takes the arrow keys to move from point to point —
   each shown with the chart's own hover, and read out from a polite status — and Enter or Space
   to open the point's record, as a click does. The points come in the order the first view's
   layer lists them (dashboard/site/prerender.py, chart_points: bars, then markers, each in trace
   and point order), so a reader whose focus was on a static point when the app took over
   (assets/first-view.js) carries on from the same point: window.explorerChart.focusPoint. */
(function () {
  "use strict";
  const BOX = "graph-container";
  const STATUS = "chart-point-status";
  const STEPS = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  let at = -1;

  function chart() { return document.querySelector("#explorer-graph .js-plotly-plot"); }

  function points(graph) {
    const bars = [];
    const markers = [];
    ((graph && graph.data) || []).forEach(function (trace, curve) {
      const shown = trace.visible === undefined || trace.visible === true;
      if (!trace.customdata || (trace.yaxis || "y") !== "y" || !shown) { return; }
      const xs = trace.x || [];
      const ys = trace.y || [];
      const texts = trace.hovertext || [];
      const found = trace.type === "bar" ? bars : markers;
      Array.prototype.forEach.call(trace.customdata, function (item, index) {
        if (xs[index] === null || xs[index] === undefined || ys[index] === null || ys[index] === undefined) { return; }
        found.push({
          curve: curve,
          point: index,
          obs: Array.isArray(item) ? item[0] : item,
          text: Array.isArray(texts) ? String(texts[index] || "") : "",
        });
      });
    });
    return bars.concat(markers);
  }

  function words(markup) {  // the hover's text as a screen reader should hear it
    const holder = document.createElement("div");
    holder.innerHTML = markup.replace(/<br\s*\/?>/gi, ". ");
    return holder.textContent || "";
  }

  function show(index) {
    const graph = chart();
    const list = points(graph);
    if (!list.length || !window.Plotly) { return; }
    at = ((index % list.length) + list.length) % list.length;
    const point = list[at];
    window.Plotly.Fx.hover(graph, [{ curveNumber: point.curve, pointNumber: point.point }]);
    const status = document.getElementById(STATUS);
    if (status) { status.textContent = words(point.text); }
  }

  function open() {
    const graph = chart();
    const point = points(graph)[at];
    if (!point || typeof graph.emit !== "function") { return; }
    graph.emit("plotly_click", { points: [{ curveNumber: point.curve, pointNumber: point.point }] });
  }

  document.addEventListener("keydown", function (event) {
    if (!event.target || event.target.id !== BOX) { return; }
    const count = points(chart()).length;
    if (STEPS[event.key]) {
      event.preventDefault();
      show(at < 0 ? (STEPS[event.key] > 0 ? 0 : count - 1) : at + STEPS[event.key]);
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      show(event.key === "Home" ? 0 : count - 1);
    } else if ((event.key === "Enter" || event.key === " ") && at >= 0) {
      event.preventDefault();
      open();
    }
  });
  document.addEventListener("focusout", function (event) {
    if (event.target && event.target.id === BOX && chart() && window.Plotly) {
      window.Plotly.Fx.unhover(chart());
    }
  });

  window.explorerChart = {
    /* Focus the chart with the point ``obs`` shown, as if the reader had moved to it. */
    focusPoint: function (obs) {
      const box = document.getElementById(BOX);
      if (!box) { return false; }
      box.focus({ preventScroll: true });
      const index = points(chart()).findIndex(function (point) { return point.obs === obs; });
      show(index >= 0 ? index : 0);
      return true;
    },
  };
})();
