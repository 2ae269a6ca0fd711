/* Swap the server-rendered first view (dashboard/prerender.py) for the app once the app has drawn
   the page content: mark the document (base.css then shows the app) and remove the first view,
   in the same task as the drawing, so the next frame shows the app where the first view was. */
(function () {
  "use strict";
  if (!document.getElementById("prerender")) { return; }
  const observer = new MutationObserver(function () {
    const content = document.getElementById("_pages_content");
    if (!content || content.children.length === 0) { return; }
    observer.disconnect();
    document.documentElement.classList.add("app-drawn");
    const first = document.getElementById("prerender");
    if (first) { first.remove(); }
  });
  observer.observe(document.getElementById("react-entry-point"), { subtree: true, childList: true });
})();
