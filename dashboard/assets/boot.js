/* Start the app when the reader first interacts with the page — not before.

   The page arrives whole (dashboard/site/prerender.py): text, links, sources and, on topic pages, the
   chart itself as an SVG drawn by the same figure builder. What the app's ~1.5 MB of script adds
   is interaction (hover, the record panel, the controls), and evaluating it costs ~0.8 s of main
   thread on a laptop and ~3 s on a mid-range phone (docs/benchmarks.md). So the page lists the
   scripts inert (type text/plain), and this file:
   - downloads them, with dcc.Graph's code chunk (data-chunks), once the page has loaded and been
     painted: on a slow network they would otherwise share the chart image's bandwidth;
   - runs them, in order, at the first sign of a reader: a pointer moving or pressing, a touch, a
     key, a wheel, a scroll, a focus;
   - runs them at once when there is no static chart to show instead (its image failed, e.g. no
     chromium on the server; or there is no first view at all).
   window.dashBoot resolves when the last script has run, and Dash's renderer starts then. */
(function () {
  "use strict";
  const READER_EVENTS = [
    "pointermove", "pointerdown", "touchstart", "keydown", "wheel", "scroll", "focusin"
  ];
  const sources = Array.prototype.map.call(
    document.querySelectorAll("script.boot-script"),
    function (element) { return element.getAttribute("src"); }
  );
  const chunks = (document.currentScript.getAttribute("data-chunks") || "").split(" ");
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

  function start() {
    if (started) { return; }
    started = true;
    READER_EVENTS.forEach(function (name) {
      window.removeEventListener(name, start, { capture: true });
    });
    // after a frame: whatever the interaction changed on screen is painted first
    window.requestAnimationFrame(function () { window.setTimeout(run, 0); });
  }

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

  function preloadAfterPaint() {  // the second frame's callback runs once the first is painted
    window.requestAnimationFrame(function () {
      window.requestAnimationFrame(function () { window.setTimeout(preload, 0); });
    });
  }

  if (document.readyState === "complete") { preloadAfterPaint(); } else {
    window.addEventListener("load", preloadAfterPaint);
  }
  READER_EVENTS.forEach(function (name) {
    window.addEventListener(name, start, { capture: true, passive: true });
  });
  const image = document.querySelector("#prerender img.first-chart");
  const waiting = document.getElementById("prerender") !== null
    && (image === null || !(image.complete && image.naturalWidth === 0));
  if (!waiting) { start(); return; }
  if (image) { image.addEventListener("error", start); }
})();
