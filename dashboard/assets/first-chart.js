/* The first view's static chart answers hover and click before the app has started.

   dashboard/site/prerender.py lays a hidden layer of links over the chart image, one per drawn
   point, in the order the image's SVG draws them; each holds the interactive chart's hover text
   (shown on hover or focus by assets/base.css) and links to the point's record. This file puts
   each link over its point: it reads the points' positions from the very SVG the <picture> shows
   (already in the browser's cache), again whenever the picture switches to another width. If the
   SVG's points are not the ones listed, the layer stays hidden: no answer rather than a wrong one.
   One tab stop for the layer; the arrow keys move between the points. */
(function () {
  "use strict";
  const image = document.querySelector("#prerender img.first-chart");
  const layer = document.querySelector("#prerender .chart-points");
  if (!image || !layer || !window.fetch || !window.DOMParser) { return; }
  const links = Array.prototype.slice.call(layer.querySelectorAll("a.chart-point"));
  const NUMBER = /-?\d+(?:\.\d+)?(?:e-?\d+)?/g;
  let shown = null;

  function translation(element) {
    const found = /translate\(\s*(-?[\d.e]+)[ ,]+(-?[\d.e]+)/.exec(element.getAttribute("transform") || "");
    return found ? [parseFloat(found[1]), parseFloat(found[2])] : [0, 0];
  }

  function centre(point) {  // a marker sits at its translation; a bar is the box its path draws
    if (point.tagName.toLowerCase() !== "g") { return translation(point); }
    const path = point.querySelector("path");
    const numbers = ((path && path.getAttribute("d")) || "").match(NUMBER) || [];
    if (numbers.length < 4) { return [NaN, NaN]; }
    const [x0, y0, y1, x1] = numbers.slice(0, 4).map(parseFloat);  // M x0,y0 V y1 H x1 V y0 Z
    return [(x0 + x1) / 2, (y0 + y1) / 2];
  }

  function place(svgText, source) {
    if (source !== (image.currentSrc || image.src)) { return; }  // another width is loading
    const svg = new DOMParser().parseFromString(svgText, "image/svg+xml").documentElement;
    const plot = svg.querySelector(".overplot > .xy");
    const width = parseFloat(svg.getAttribute("width"));
    const height = parseFloat(svg.getAttribute("height"));
    const points = plot
      ? Array.prototype.slice.call(plot.querySelectorAll(".barlayer .point"))
        .concat(Array.prototype.slice.call(plot.querySelectorAll(".scatterlayer .point.plotly-customdata")))
      : [];
    layer.hidden = true;
    if (points.length !== links.length || !(width > 0 && height > 0)) { return; }
    const origin = translation(plot);
    const spots = points.map(function (point) {
      const at = centre(point);
      return [origin[0] + at[0], origin[1] + at[1]];
    });
    if (spots.some(function (spot) { return !isFinite(spot[0]) || !isFinite(spot[1]); })) { return; }
    spots.forEach(function (spot, i) {
      const link = links[i];
      link.style.left = (100 * spot[0] / width) + "%";
      link.style.top = (100 * spot[1] / height) + "%";
      link.classList.toggle("tip-start", spot[0] > width * 0.55);
      link.classList.toggle("tip-below", spot[1] < height * 0.4);
    });
    // the image is drawn at most at its own size, from the top left (base.css: object-fit)
    layer.style.width = "min(100%, " + width + "px)";
    layer.style.aspectRatio = width + " / " + height;
    layer.hidden = false;
  }

  function read() {
    const source = image.currentSrc || image.src;
    if (!source || source === shown || !(image.complete && image.naturalWidth > 0)) { return; }
    shown = source;
    fetch(source, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (text) { place(text, source); })
      .catch(function () { shown = null; layer.hidden = true; });
  }

  layer.addEventListener("keydown", function (event) {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    const at = links.indexOf(document.activeElement);
    if (!step || at < 0) { return; }
    event.preventDefault();
    const next = links[(at + step + links.length) % links.length];
    links[at].tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });
  image.addEventListener("load", read);
  read();
})();
