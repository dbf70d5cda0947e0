/* The organization field (cadre.forms.OrganizationCodeField): a text input whose matches are listed as one
   types, from the scoped search /to-chuc/tim/ (only the user's subtree). A combobox: arrows move through
   the list, Enter or a click chooses, Escape closes. The field keeps "Name (CODE)"; the server reads the
   code. Without this script one types the code. With `data-append-to` (the id of a textarea of
   organizations, one per line), a choice is added to that list as a line and the field is emptied. */
(function () {
  "use strict";
  var counter = 0;

  function setUp(input) {
    var listId = "organization-results-" + (++counter);
    var box = document.createElement("span");
    box.className = "organization-search-box";
    input.parentNode.insertBefore(box, input);
    box.appendChild(input);
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "organization-results";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Gợi ý");
    list.hidden = true;
    box.appendChild(list);
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    box.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var timer = null, request = null, active = -1, options = [];

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
        option.classList.toggle("active", i === index);
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      if (index < 0 || index >= options.length) { return; }
      var label = options[index].dataset.label;
      var target = input.dataset.appendTo && document.getElementById(input.dataset.appendTo);
      if (target) {
        // A list of organizations (cadre.forms.OrganizationCodesField): the choice becomes a line of it.
        var lines = target.value.split("\n").map(function (line) { return line.trim(); })
          .filter(function (line) { return line; });
        if (lines.indexOf(label) < 0) { lines.push(label); }
        target.value = lines.join("\n");
        input.value = "";
        status.textContent = "Đã thêm " + label;
        close();
        target.dispatchEvent(new Event("change", { bubbles: true }));
        return;
      }
      input.value = label;
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function show(results) {
      list.textContent = "";
      options = results.map(function (result, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.label = result.label;
        var name = document.createElement("span");
        name.className = "organization-name";
        name.textContent = result.label;
        option.appendChild(name);
        if (result.detail) {
          var detail = document.createElement("span");
          detail.className = "organization-detail";
          detail.textContent = result.detail;
          option.appendChild(detail);
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();  // keep the focus in the field
          choose(i);
        });
        list.appendChild(option);
        return option;
      });
      if (!options.length) {
        var none = document.createElement("li");
        none.className = "organization-none";
        none.textContent = "Không có tổ chức nào khớp trong phạm vi của bạn.";
        list.appendChild(none);
      }
      status.textContent = options.length ? options.length + " tổ chức tìm thấy" : "Không tìm thấy tổ chức";
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    }

    function search() {
      var text = input.value.trim();
      if (text.length < 2) { close(); return; }
      var url = new URL(input.dataset.searchUrl, window.location.href);
      url.searchParams.set("q", text);
      var dateField = input.dataset.dateField && document.getElementById(input.dataset.dateField);
      if (dateField && dateField.value.trim()) { url.searchParams.set("ngay", dateField.value.trim()); }
      if (input.dataset.kind) { url.searchParams.set("loai", input.dataset.kind); }
      if (input.dataset.issuers) { url.searchParams.set("cap_uy", "1"); }
      if (request) { request.abort(); }
      request = new AbortController();
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin", signal: request.signal })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (body) { if (document.activeElement === input) { show(body.results || []); } })
        .catch(function () { /* aborted by a newer search, or offline: the typed code still works */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && options.length > 0;
      if (event.key === "ArrowDown") {
        if (!open) { search(); return; }
        event.preventDefault();
        highlight(active + 1 < options.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();  // choosing is not submitting
        choose(active);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  function setUpAll(root) {
    (root || document).querySelectorAll("input.organization-search[data-search-url]").forEach(function (input) {
      if (!input.dataset.searchReady) { input.dataset.searchReady = "1"; setUp(input); }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUpAll(); });
  } else {
    setUpAll();
  }
  document.addEventListener("htmx:afterSwap", function (event) { setUpAll(event.target); });
})();
