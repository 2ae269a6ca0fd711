/* Draws the chart of an /embed/<chart_id> page from the figure JSON in the page: the same figure
   the dashboard and the PNG export are built from, made responsive to the iframe's width. A
   click on a point shows the sentence it comes from, with the link that opens the original page
   scrolled to it. */
(function () {
  "use strict";
  var figures = {
    light: JSON.parse(document.getElementById("figure").textContent),
    dark: JSON.parse(document.getElementById("figure-dark").textContent),
  };
  var theme = document.documentElement.getAttribute("data-theme");
  var darkScheme = window.matchMedia("(prefers-color-scheme: dark)");
  function current() {  // theme=auto follows the reader's colour scheme, as it changes too
    var wanted = theme === "auto" ? (darkScheme.matches ? "dark" : "light") : theme;
    var figure = figures[wanted] || figures.light || figures.dark;
    figure.layout.width = undefined;
    figure.layout.autosize = true;
    return figure;
  }
  var figure = current();
  var quotes = JSON.parse(document.getElementById("quotes").textContent);
  var panel = document.getElementById("quote");
  var chart = document.getElementById("chart");
  window.Plotly.newPlot(chart, figure.data, figure.layout, {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
  }).then(function () {
    if (theme === "auto") {
      darkScheme.addEventListener("change", function () {
        var next = current();
        window.Plotly.react(chart, next.data, next.layout);
      });
    }
    // a click shows the point's sentence and the link that opens the original page at it
    chart.on("plotly_click", function (event) {
      var point = event.points && event.points[0];
      var found = point && point.customdata && quotes[point.customdata[0]];
      if (!found) { return; }
      panel.textContent = "";
      if (found.quote) { panel.appendChild(document.createElement("q")).textContent = found.quote; }
      panel.appendChild(document.createTextNode(" " + found.where + ". "));
      if (found.link) {
        var link = panel.appendChild(document.createElement("a"));
        link.href = found.link;
        link.target = "_blank";
        link.rel = "noopener";
        link.textContent = "Open the quote in the original \u2197";
      }
    });
  });
})();
