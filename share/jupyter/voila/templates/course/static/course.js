// Keep the learner code and theme when following a link to another course page.
(function () {
  "use strict";
  var CARRIED = ["code", "theme", "workshop"];
  document.addEventListener("click", function (event) {
    var a = event.target.closest ? event.target.closest("a[href]") : null;
    if (!a) { return; }
    var href = a.getAttribute("href");
    if (!href || /^[a-z]+:/i.test(href) || href.charAt(0) === "#" || href.indexOf(".ipynb") < 0) { return; }
    var here = new URLSearchParams(window.location.search);
    var url = new URL(href, window.location.href);
    var changed = false;
    CARRIED.forEach(function (key) {
      if (here.has(key) && !url.searchParams.has(key)) {
        url.searchParams.set(key, here.get(key));
        changed = true;
      }
    });
    if (changed) { a.setAttribute("href", url.pathname + url.search + url.hash); }
  }, true);
})();
