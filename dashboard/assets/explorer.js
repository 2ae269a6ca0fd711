/* Explorer changes that need no new data run here, in the browser (see dashboard/site/explorer.py). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  explorer: {
    /* Linear or log vertical axis, keeping everything else of the figure. */
    setScale: function (scale, figure) {
      if (!figure) { return window.dash_clientside.no_update; }
      const layout = Object.assign({}, figure.layout);
      const meta = layout.meta || {};
      layout.yaxis = Object.assign({}, layout.yaxis, {
        type: scale === "log" ? "log" : "linear",
        rangemode: scale === "log" ? "normal" : (meta.linear_rangemode || "normal"),
        autorange: true,
      });
      delete layout.yaxis.range;
      return Object.assign({}, figure, { layout: layout });
    },
    /* Show or hide the event markers and their dotted lines. */
    setEvents: function (value, figure) {
      if (!figure) { return window.dash_clientside.no_update; }
      const on = Array.isArray(value) && value.length > 0;
      const data = figure.data.map(function (trace) {
        return trace.name === "events" ? Object.assign({}, trace, { visible: on }) : trace;
      });
      const shapes = (figure.layout.shapes || []).map(function (shape) {
        return Object.assign({}, shape, { visible: on });
      });
      const layout = Object.assign({}, figure.layout, { shapes: shapes });
      return Object.assign({}, figure, { data: data, layout: layout });
    },
    /* Chart or table. */
    setView: function (view) {
      return [
        { display: view === "table" ? "none" : "block" },
        { display: view === "table" ? "block" : "none" },
      ];
    },
    /* Rewrite the query string in place (no reload, no re-render): the same rules as
       dashboard.charts.state.state_query, so a copied link reopens exactly this view. */
    syncUrl: function (series, from, to, transform, base, scale, events, view, asOf, chart) {
      const params = new URLSearchParams();
      params.set("chart", chart);
      params.set("series", (series || []).join(","));
      if (from) { params.set("from", from); }
      if (to) { params.set("to", to); }
      if (transform && transform !== "level") { params.set("transform", transform); }
      if (transform === "index" && base) { params.set("base", base); }
      if (scale && scale !== "linear") { params.set("scale", scale); }
      if (!(Array.isArray(events) && events.length)) { params.set("events", "off"); }
      if (view && view !== "chart") { params.set("view", view); }
      if (asOf) { params.set("as_of", asOf); }
      const search = "?" + params.toString().replace(/%2C/g, ",");
      if (search !== window.location.search) {
        window.history.replaceState(window.history.state, "", window.location.pathname + search);
      }
      return search;
    },
    /* Image, link and embed snippets for the view on screen (rules of dashboard/site/share.py). */
    shareLinks: function (search, description, chart) {
      const page = new URLSearchParams(search || window.location.search);
      const params = new URLSearchParams();
      ["series", "from", "to", "transform", "base", "events", "as_of"].forEach(function (key) {
        if (page.has(key)) { params.set(key, page.get(key)); }
      });
      if (page.get("scale") === "log") { params.set("axis", "log"); }
      const query = params.toString().replace(/%2C/g, ",");
      const origin = window.location.origin;
      const image = origin + "/charts/" + chart + ".png?" + query + "&preset=article";
      const embed = origin + "/embed/" + chart + "?" + query;
      const alt = String(Array.isArray(description) ? description.join(" ") : description || "");
      const escape = function (text) {
        return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
      };
      return [
        "/charts/" + chart + ".png?" + query + "&preset=social",
        "/charts/" + chart + ".svg?" + query + "&preset=social",
        image,
        '<img src="' + escape(image) + '" width="800" height="500" alt="' + escape(alt) + '">',
        '<iframe src="' + escape(embed) + '" width="100%" height="640" style="border:0" title="' +
          escape(alt.slice(0, 120)) + '" loading="lazy"></iframe>',
      ];
    },
    /* Copy the image link; say so on the button (and say when the browser refuses). */
    copyLink: function (clicks, link) {
      if (!navigator.clipboard) { return "Copy failed: " + link; }
      navigator.clipboard.writeText(link);
      return "Image link copied";
    },
  },
});
