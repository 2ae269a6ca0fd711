/* The first view's static chart answers hover and click before the app has started.

   dashboard/site/prerender.py lays a hidden layer of links over the chart image, one per drawn
   point, in the order the image's SVG draws them; each holds the interactive chart's hover text
   (shown on hover or focus by assets/base.css) and links to the point's record. This file puts
   each link over its point: it reads the points' positions from the very SVG the <picture> shows
   (already in the browser's cache), again whenever the picture switches to another width. If the
   SVG's points are not the ones listed, the layer stays hidden: no answer rather than a wrong one.
   Each link is a target no larger than the room around its point (targetSizes): monthly points
   get small targets that never overlap. One tab stop for the layer; the arrow keys move between
   the points. */
(function () {
  "use strict";
  const image = document.querySelector("#prerender img.first-chart");
  const layer = document.querySelector("#prerender .chart-points");
  if (!image || !layer || !window.fetch || !window.DOMParser) { return; }
  const links = Array.prototype.slice.call(layer.querySelectorAll("a.chart-point"));
  const NUMBER = /-?\d+(?:\.\d+)?(?:e-?\d+)?/g;
  const STEPS = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  const TARGET_PX = 24;  // a point's target where nothing crowds it (WCAG 2.5.8's minimum)
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

  /* Each point's target: a square of TARGET_PX, or smaller where points crowd — no larger
     than the distance to its nearest neighbour (the larger of the two axes' distances), so no
     two targets overlap: each pair of squares is at most touching. In the SVG's own pixels, set
     as percentages of the layer, so they scale with the picture and never overlap at any width.
     Points that crowd closer than a pointer can tell apart are still reached one by one with
     the arrow keys. */
  function targetSizes(spots) {
    return spots.map(function (spot, i) {
      let size = TARGET_PX;
      spots.forEach(function (other, j) {
        if (j === i) { return; }
        size = Math.min(size, Math.max(Math.abs(spot[0] - other[0]), Math.abs(spot[1] - other[1])));
      });
      return size;
    });
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
    const sizes = targetSizes(spots);
    spots.forEach(function (spot, i) {
      const link = links[i];
      link.style.left = (100 * spot[0] / width) + "%";
      link.style.top = (100 * spot[1] / height) + "%";
      link.style.width = (100 * sizes[i] / width) + "%";
      link.style.height = (100 * sizes[i] / height) + "%";
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
    const step = STEPS[event.key];
    const at = links.indexOf(document.activeElement);
    if (!step || at < 0) { return; }
    event.preventDefault();
    const next = links[(at + step + links.length) % links.length];
    links[at].tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });
  // the chart's box (one tab stop before the points) hands the arrow keys to the points, as the
  // app's chart does (assets/chart-keys.js)
  const box = layer.closest(".graph-box");
  if (box) {
    box.addEventListener("keydown", function (event) {
      if (event.target !== box || layer.hidden || !STEPS[event.key]) { return; }
      event.preventDefault();
      const current = links.find(function (link) { return link.tabIndex === 0; }) || links[0];
      current.focus();
    });
  }
  image.addEventListener("load", read);
  read();
})();
