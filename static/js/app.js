/* Small behaviours shared by every page. */
document.documentElement.classList.add("js");
(function () {
  "use strict";
  // The menu button of narrow screens opens and closes the menu; Escape closes it and gives focus back.
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".menu-toggle");
    if (!toggle) { return; }
    var menu = document.getElementById(toggle.getAttribute("aria-controls"));
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("open", open);
  });
  document.addEventListener("keydown", function (event) {
    var toggle = document.querySelector('.menu-toggle[aria-expanded="true"]');
    if (event.key !== "Escape" || !toggle) { return; }
    toggle.setAttribute("aria-expanded", "false");
    document.getElementById(toggle.getAttribute("aria-controls")).classList.remove("open");
    toggle.focus();
  });
  // Filter forms send only the fields that are filled, so addresses stay short and shareable.
  function isEmpty(value) { return value === "" || value === null; }
  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.formData;
    if (!form || event.detail.verb !== "get") { return; }
    var empty = [];
    form.forEach(function (value, key) { if (isEmpty(value)) { empty.push(key); } });
    empty.forEach(function (key) { form.delete(key); });
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form.filters, form.toolbar") || form.method.toLowerCase() !== "get") { return; }
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && isEmpty(field.value)) { field.disabled = true; }
    });
  });
  // Back to the page from the browser cache: fields disabled on submit are usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form.filters [disabled], form.toolbar [disabled]").forEach(function (field) { field.disabled = false; });
  });
  // File pickers show the chosen file's name in Vietnamese (the browser's own text may not be).
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches(".file-picker input[type=file]")) { return; }
    var picker = input.closest(".file-picker"), name = picker.querySelector(".file-name");
    var file = input.files && input.files[0];
    name.textContent = file ? file.name : name.dataset.empty;
    picker.classList.toggle("chosen", !!file);
  });
  // After a failed save, move focus to the error summary so screen readers announce it.
  var summary = document.getElementById("form-errors");
  if (summary) { summary.focus(); }
})();

/* Organization tree: a unit's children are fetched under its row on first opening, then toggled;
   closing a unit hides everything below it. */
(function () {
  "use strict";
  function setOpen(toggle, open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.textContent = toggle.textContent.replace(open ? "▸" : "▾", open ? "▾" : "▸");
  }
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("a.cells-toggle");
    if (!toggle || typeof htmx === "undefined") { return; }
    event.preventDefault();
    var unit = toggle.dataset.unit, row = toggle.closest("tr");
    var opening = toggle.getAttribute("aria-expanded") !== "true";
    setOpen(toggle, opening);
    if (!opening) {
      document.querySelectorAll("tr.under-" + unit).forEach(function (r) {
        r.hidden = true;
        var inner = r.querySelector("a.cells-toggle");
        if (inner) { setOpen(inner, false); }
      });
      return;
    }
    var children = document.querySelectorAll('tr[data-parent="' + unit + '"]');
    if (children.length) {
      children.forEach(function (r) { r.hidden = false; });
    } else {
      htmx.ajax("GET", toggle.dataset.cellsUrl, { target: row, swap: "afterend" });
    }
  });
})();
