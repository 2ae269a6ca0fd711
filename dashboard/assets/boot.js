/* Run the app's scripts after the first frame, so the browser paints the server-rendered first
   view (dashboard/prerender.py) before it evaluates 1.5 MB of JavaScript. The page lists the
   scripts inert (type text/plain) and preloads them from its head, so they download while it is
   parsed; here they run in their order; window.dashBoot resolves when the last has run, and
   Dash's renderer starts then. */
(function () {
  "use strict";
  const sources = Array.prototype.map.call(
    document.querySelectorAll("script.boot-script"),
    function (element) { return element.getAttribute("src"); }
  );
  window.dashBoot = new Promise(function (resolve) {
    function run() {
      let last = null;
      sources.forEach(function (src) {
        const script = document.createElement("script");
        script.src = src;
        script.async = false;
        document.body.appendChild(script);
        last = script;
      });
      if (last) { last.addEventListener("load", resolve); } else { resolve(); }
    }
    window.requestAnimationFrame(function () { window.setTimeout(run, 0); });
  });
})();
