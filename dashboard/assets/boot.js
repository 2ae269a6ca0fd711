/* Start the app as soon as the browser is idle after the first view is painted, or at the
   reader's first interaction, whichever comes first.

   The page arrives whole (dashboard/site/prerender.py): text, links, sources and, on topic pages, the
   chart itself as an SVG drawn by the same figure builder, whose points already answer hover and
   click (assets/first-chart.js). What the app's ~1.5 MB of script adds is the rest of the
   interaction (the controls, the interactive chart), and evaluating it costs ~0.8 s of main
   thread on a laptop and ~3 s on a mid-range phone (docs/benchmarks.md). So the page lists the
   scripts inert (type text/plain), and this file:
   - downloads them, with dcc.Graph's code chunk (data-chunks), once the page has loaded and been
     painted: on a slow network they would otherwise share the chart image's bandwidth;
   - runs them, in order, at the browser's first idle moment after that (requestIdleCallback, at
     most IDLE_TIMEOUT_MS later when the browser is never idle) — or earlier, at the first sign of
     a reader: a pointer moving or pressing, a touch, a key, a wheel, a scroll, a focus;
   - runs them at once when there is no static chart to show instead (its image failed, e.g. no
     chromium on the server; or there is no first view at all).
   The <html> element's data-app-start says what started the app ("idle", the event's name, or
   "no-static-chart"). window.dashBoot resolves when the last script has run, and Dash's renderer
   starts then.

   The page's own requests to the app (its layout, dependencies and callbacks) name the release
   the page came from (data-release, header X-Site-Version): a server that has moved to a newer
   dataset answers them from the page's own, so its controls never mix two datasets
   (dashboard/serving/releases.py). */
(function () {
  "use strict";
  const READER_EVENTS = [
    "pointermove", "pointerdown", "touchstart", "keydown", "wheel", "scroll", "focusin"
  ];
  const IDLE_TIMEOUT_MS = 2000;
  const sources = Array.prototype.map.call(
    document.querySelectorAll("script.boot-script"),
    function (element) { return element.getAttribute("src"); }
  );
  const chunks = (document.currentScript.getAttribute("data-chunks") || "").split(" ");
  const release = document.currentScript.getAttribute("data-release");
  const APP_REQUEST = /\/_dash-(layout|dependencies|update-component)(\?|$)/;
  if (release && window.fetch) {
    const fetchAnswer = window.fetch.bind(window);
    window.fetch = function (input, init) {
      const url = typeof input === "string" ? input : (input && input.url) || "";
      if (!APP_REQUEST.test(url)) { return fetchAnswer(input, init); }
      const options = Object.assign({}, init);
      const headers = new Headers(options.headers || (typeof input === "string" ? {} : input.headers));
      headers.set("X-Site-Version", release);
      options.headers = headers;
      return fetchAnswer(input, options);
    };
  }
  let started = false;
  let booted;
  window.dashBoot = new Promise(function (resolve) { booted = resolve; });

  function run() {
    let last = null;
    sources.forEach(function (src) {
      const script = document.createElement("script");
      script.src = src;
      script.async = false;
      document.body.appendChild(script);
      last = script;
    });
    if (last) { last.addEventListener("load", booted); } else { booted(); }
  }

  function start(reason) {
    if (started) { return; }
    started = true;
    document.documentElement.setAttribute("data-app-start", reason);
    READER_EVENTS.forEach(function (name) {
      window.removeEventListener(name, onReader, { capture: true });
    });
    // after a frame: whatever the interaction changed on screen (a tooltip) is painted first
    window.requestAnimationFrame(function () { window.setTimeout(run, 0); });
  }

  function onReader(event) { start(event.type); }

  function preload() {
    sources.concat(chunks).forEach(function (src) {
      if (!src) { return; }
      const link = document.createElement("link");
      link.rel = "preload";
      link.as = "script";
      link.href = src;
      link.setAttribute("fetchpriority", "low");
      document.head.appendChild(link);
    });
  }

  function whenIdle() {
    if (window.requestIdleCallback) {
      window.requestIdleCallback(function () { start("idle"); }, { timeout: IDLE_TIMEOUT_MS });
    } else {
      window.setTimeout(function () { start("idle"); }, 100);
    }
  }

  function afterPaint() {  // the second frame's callback runs once the first is painted
    window.requestAnimationFrame(function () {
      window.requestAnimationFrame(function () {
        window.setTimeout(function () {
          if (!started) { preload(); whenIdle(); }
        }, 0);
      });
    });
  }

  READER_EVENTS.forEach(function (name) {
    window.addEventListener(name, onReader, { capture: true, passive: true });
  });
  const image = document.querySelector("#prerender img.first-chart");
  const waiting = document.getElementById("prerender") !== null
    && (image === null || !(image.complete && image.naturalWidth === 0));
  if (!waiting) { start("no-static-chart"); return; }
  if (image) { image.addEventListener("error", function () { start("no-static-chart"); }); }
  if (document.readyState === "complete") { afterPaint(); } else {
    window.addEventListener("load", afterPaint);
  }
})();
