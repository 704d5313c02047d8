/* Participant pages: progressive enhancement only; every page works without this file.
   - moves focus to the error summary (or the question whether to leave a page empty), so
     that keyboard and screen reader users hear it;
   - warns before leaving a page with unsaved changes;
   - ignores a second click on a button while the first request is on its way;
   - counts the characters left in text fields. */
(function () {
  "use strict";

  var summary = document.getElementById("error-summary") || document.getElementById("confirm-empty");
  if (summary) { summary.focus(); }

  var dirty = false;
  var sending = false;
  var form = document.querySelector("form.p-form");
  if (form) {
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty && !sending) {
        event.preventDefault();
        event.returnValue = form.getAttribute("data-unsaved") || "";
      }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("form[method=post]"), function (f) {
    f.addEventListener("submit", function (event) {
      if (sending) { event.preventDefault(); }
      sending = true;
    });
  });
  window.addEventListener("pageshow", function () { sending = false; });

  Array.prototype.forEach.call(document.querySelectorAll("[data-maxlength]"), function (field) {
    var max = parseInt(field.getAttribute("data-maxlength"), 10);
    var count = document.getElementById(field.id + "-count");
    if (!count || !max) { return; }
    var left = count.getAttribute("data-left");
    var over = count.getAttribute("data-over");
    var timer = null;
    count.setAttribute("aria-live", "polite");
    function update() {
      var length = field.value.replace(/\r\n/g, "\n").trim().length;
      var rest = max - length;
      count.textContent = (rest >= 0 ? left : over).replace("{n}", String(Math.abs(rest)));
      count.classList.toggle("q__count--over", rest < 0);
    }
    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 400);
    });
    update();
  });
}());
