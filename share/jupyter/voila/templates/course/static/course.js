// Keep the learner code, theme and language when following a link to another course page.
(function () {
  "use strict";
  var CARRIED = ["code", "theme", "workshop", "lang"];
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

// Moving on after an action in a widget (a kernel cannot move the browser): a link with the
// class course-goto is followed as soon as it appears. Only a course page of this folder with
// a plain query is followed, never another site.
(function () {
  "use strict";
  var SAFE = /^[A-Za-z0-9_.-]+\.ipynb(\?[A-Za-z0-9=&%._-]*)?$/;
  function follow(root) {
    var links = root.querySelectorAll ? root.querySelectorAll("a.course-goto[data-href]:not([data-followed])") : [];
    Array.prototype.forEach.call(links, function (a) {
      a.setAttribute("data-followed", "1");
      var href = a.getAttribute("data-href");
      if (SAFE.test(href)) { window.location.assign(href); }
    });
  }
  new MutationObserver(function () { follow(document); })
    .observe(document.documentElement, { childList: true, subtree: true });
})();

// In a row of a text box and its button (class course-enter-form), Enter presses the button.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.isComposing) { return; }
    var input = event.target;
    if (!input || input.tagName !== "INPUT") { return; }
    var form = input.closest(".course-enter-form");
    if (!form) { return; }
    var button = form.querySelector("button:not([disabled])");
    if (!button) { return; }
    // the box sends its value first (its widget listens to "change"), then the button is pressed
    input.dispatchEvent(new Event("change", { bubbles: true }));
    setTimeout(function () { button.click(); }, 50);
  }, true);
})();

/* ---- worksheet (widgets/worksheet): refuse a plan file that is too large before it is sent ----
   The size limit matches MAX_IMPORT_BYTES in widgets/worksheet/model.py (a test checks it). The
   file picker of ipywidgets is an <input type="file"> kept outside the page, opened by its
   button; when that button belongs to the worksheet, a check is added to the input that runs
   before the widget's own listener: a file over the limit is never read nor sent to the kernel,
   and the message in the page says why. */
(function () {
  "use strict";
  var WORKSHEET_MAX_IMPORT_BYTES = 1000000;
  var sheet = null;  // the worksheet whose upload button was pressed last
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest(".course-ws-upload") : null;
    sheet = button ? button.closest(".course-worksheet") : null;
  }, true);
  function guard(input, owner) {
    input.addEventListener("change", function (event) {
      var note = owner.querySelector(".course-ws-upload-toolarge");
      var file = input.files && input.files[0];
      if (file && file.size > WORKSHEET_MAX_IMPORT_BYTES) {
        event.stopImmediatePropagation();
        input.value = "";
        if (note) { note.hidden = false; }
      } else if (note) {
        note.hidden = true;
      }
    }, true);
  }
  var click = HTMLInputElement.prototype.click;
  HTMLInputElement.prototype.click = function () {
    if (this.type === "file" && sheet && !this.courseWorksheetGuard) {
      this.courseWorksheetGuard = true;
      guard(this, sheet);
    }
    return click.apply(this, arguments);
  };
})();

// A table wider than the screen scrolls sideways in its own box: it can then be focused and
// scrolled with the arrow keys too (WCAG 2.1.1), and is named by its caption for screen readers.
(function () {
  "use strict";
  var pending = false;
  function mark() {
    pending = false;
    var tables = document.querySelectorAll("#rendered_cells table");
    Array.prototype.forEach.call(tables, function (t) {
      var wide = t.scrollWidth > t.clientWidth + 1;
      if (wide && !t.hasAttribute("tabindex")) {
        t.setAttribute("tabindex", "0");
        var caption = t.querySelector("caption");
        if (caption && !t.hasAttribute("aria-label")) { t.setAttribute("aria-label", caption.textContent); }
      } else if (!wide && t.getAttribute("tabindex") === "0") {
        t.removeAttribute("tabindex");
      }
    });
  }
  function later() { if (!pending) { pending = true; window.requestAnimationFrame(mark); } }
  new MutationObserver(later).observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("resize", later);
  later();
})();
