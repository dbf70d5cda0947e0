/* Small behaviours shared by every page. */
(function () {
  "use strict";
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
  // After a failed save, move focus to the error summary so screen readers announce it.
  var summary = document.getElementById("form-errors");
  if (summary) { summary.focus(); }
})();
