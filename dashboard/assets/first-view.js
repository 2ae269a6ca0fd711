/* Swap the server-rendered first view (dashboard/prerender.py) for the app once the app has drawn
   the page content — and, where the first view shows the static chart, the interactive chart
   too, so the chart never blinks out: mark the document (base.css then shows the app) and remove
   the first view, in the same task as the drawing, so the next frame shows the app where the
   first view was. A link that had the keyboard focus hands it to the same link in the app. */
(function () {
  "use strict";
  const first = document.getElementById("prerender");
  if (!first) { return; }
  const waitForChart = first.querySelector("img.first-chart") !== null;

  function drawn() {
    const content = document.getElementById("_pages_content");
    if (!content || content.children.length === 0) { return false; }
    return !waitForChart || document.querySelector("#explorer-graph .main-svg") !== null;
  }

  function sameLinkInApp(element) {
    if (!element || element.tagName !== "A" || !first.contains(element)) { return null; }
    const href = element.getAttribute("href");
    const links = document.querySelectorAll("#react-entry-point a[href]");
    for (let i = 0; i < links.length; i += 1) {
      if (links[i].getAttribute("href") === href
          && links[i].textContent === element.textContent) { return links[i]; }
    }
    return null;
  }

  const observer = new MutationObserver(function () {
    if (!drawn()) { return; }
    observer.disconnect();
    const focusTarget = sameLinkInApp(document.activeElement);
    document.documentElement.classList.add("app-drawn");
    first.remove();
    if (focusTarget) { focusTarget.focus({ preventScroll: true }); }
  });
  observer.observe(document.getElementById("react-entry-point"), { subtree: true, childList: true });
})();
