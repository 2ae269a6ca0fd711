/* Draws the chart of an /embed/<chart_id> page from the figure JSON in the page: the same figure
   the dashboard and the PNG export are built from, made responsive to the iframe's width. */
(function () {
  "use strict";
  var figure = JSON.parse(document.getElementById("figure").textContent);
  figure.layout.width = undefined;
  figure.layout.autosize = true;
  window.Plotly.newPlot("chart", figure.data, figure.layout, {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
  });
})();
