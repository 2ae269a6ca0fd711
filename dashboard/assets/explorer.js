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
      // marks drawn for the axis type (a bound's arrow, a cluster's ring) carry both versions
      const key = scale === "log" ? "y_log" : "y_linear";
      const data = figure.data.map(function (trace) {
        const both = trace.meta && trace.meta[key];
        return both ? Object.assign({}, trace, { y: both }) : trace;
      });
      return Object.assign({}, figure, { data: data, layout: layout });
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
    /* The ticked series of every group as the one list the server and the URL read, in the
       order the list shows them (dashboard/site/series_picker.py). */
    collectSeries: function (groupValues, store) {
      const ticked = new Set([].concat.apply([], (groupValues || []).map(function (v) { return v || []; })));
      const ordered = [];
      ((store && store.groups) || []).forEach(function (group) {
        group.options.forEach(function (option) {
          if (ticked.has(option.value)) { ordered.push(option.value); }
        });
      });
      return ordered;
    },
    /* Narrow the series list to those matching every word typed (title, id, topic, indicator);
       ticked series stay shown, groups left empty are hidden, topics with a match open, and
       the status says how many match. */
    filterSeries: function (text, groupValues, store) {
      const groups = (store && store.groups) || [];
      const words = String(text || "").toLowerCase().split(/\s+/).filter(Boolean);
      const ticked = new Set([].concat.apply([], (groupValues || []).map(function (v) { return v || []; })));
      const shown = {};
      let matching = 0;
      let total = 0;
      groups.forEach(function (group) {
        shown[group.key] = group.options.filter(function (option, i) {
          total += 1;
          const match = words.every(function (word) { return group.words[i].indexOf(word) >= 0; });
          if (match) { matching += 1; }
          return match || ticked.has(option.value);
        });
      });
      const ctx = window.dash_clientside.callback_context;
      const keyOf = function (item) { return item.id.group; };
      const options = ctx.outputs_list[0].map(function (item) { return shown[keyOf(item)] || []; });
      const groupHidden = ctx.outputs_list[1].map(function (item) {
        return (shown[keyOf(item)] || []).length === 0;
      });
      const topicHidden = ctx.outputs_list[2].map(function (item) {
        return !groups.some(function (group) {
          return group.topic === keyOf(item) && shown[group.key].length > 0;
        });
      });
      // a folded topic opens where the filter finds a series, or, with no filter, where a
      // series of it is ticked
      const topicOpen = ctx.outputs_list[3].map(function (item, i) {
        if (topicHidden[i]) { return false; }
        return groups.some(function (group) {
          return group.topic === keyOf(item) && group.options.some(function (option) {
            return ticked.has(option.value);
          });
        }) || words.length > 0;
      });
      const status = words.length === 0
        ? total + " series in " + new Set(groups.map(function (g) { return g.topic; })).size + " topics."
        : matching + " of " + total + " series match “" + words.join(" ") + "”"
          + (ticked.size ? "; ticked series stay shown." : ".");
      return [options, groupHidden, topicHidden, topicOpen, status];
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
      // the record open in the panel stays open, and in the URL
      const record = new URLSearchParams(window.location.search).get("obs");
      if (record) { params.set("obs", record); }
      const search = "?" + params.toString().replace(/%2C/g, ",").replace(/%2F/g, "/").replace(/%3A/g, ":");
      if (search !== window.location.search) {
        window.history.replaceState(window.history.state, "", window.location.pathname + search);
      }
      return search;
    },
    /* A point clicked on the chart, or an input of a derived point, opens its record
       (dashboard/site/explorer.py, open_record): its id goes in the URL's obs, so a copied
       link reopens the record too. */
    recordUrl: function (clickData, linkClicks) {
      const ctx = window.dash_clientside.callback_context;
      const trigger = ctx.triggered_id;
      let obs = null;
      if (trigger && typeof trigger === "object") {
        if (!ctx.triggered.length || !ctx.triggered[0].value) { return window.dash_clientside.no_update; }
        obs = trigger.obs;
      } else {
        const point = clickData && clickData.points && clickData.points[0];
        const custom = point && point.customdata;
        obs = Array.isArray(custom) ? custom[0] : custom;
      }
      if (typeof obs !== "string" || !obs) { return window.dash_clientside.no_update; }
      const params = new URLSearchParams(window.location.search);
      params.set("obs", obs);
      const search = "?" + params.toString().replace(/%2C/g, ",").replace(/%2F/g, "/").replace(/%3A/g, ":");
      if (search !== window.location.search) {
        window.history.replaceState(window.history.state, "", window.location.pathname + search);
      }
      return obs;
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
