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

// Quiz feedback and messages (widgets with the class course-live) are announced by screen
// readers: the widget's outer element stays in place while its content changes, so it is made
// a polite live region as soon as it appears.
(function () {
  "use strict";
  function mark(root) {
    var nodes = root.querySelectorAll ? root.querySelectorAll(".course-live:not([role])") : [];
    Array.prototype.forEach.call(nodes, function (el) {
      el.setAttribute("role", "status");
      el.setAttribute("aria-live", "polite");
      el.setAttribute("aria-atomic", "true");
    });
  }
  new MutationObserver(function () { mark(document); })
    .observe(document.documentElement, { childList: true, subtree: true });
  mark(document);
})();

/* ---- worksheet (widgets/worksheet): refuse a plan file that is too large before it is sent ----
   The size limit matches MAX_IMPORT_BYTES in widgets/worksheet/model.py (a test checks it). The
   file picker's own listener never sees a file over the limit, so nothing is sent to the kernel
   and the message in the page says why. */
(function () {
  "use strict";
  var WORKSHEET_MAX_IMPORT_BYTES = 1000000;
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input || input.type !== "file" || !input.closest) { return; }
    var sheet = input.closest(".course-worksheet");
    if (!sheet || !input.files || !input.files.length) { return; }
    var note = sheet.querySelector(".course-ws-upload-toolarge");
    if (input.files[0].size > WORKSHEET_MAX_IMPORT_BYTES) {
      event.stopImmediatePropagation();
      event.preventDefault();
      input.value = "";
      if (note) { note.hidden = false; }
    } else if (note) {
      note.hidden = true;
    }
  }, true);
})();
