/* The plan editor (templates/reports/plan_editor.html, reports/plan_editor.py).

   The plan is kept as one object in the plan-file format of docs/data-contract.md section 2; the form is
   drawn from it and every change goes back into it, then into the JSON field that is posted. Lists come
   from the catalogs the page carries (#plan-editor-data); nothing is written with innerHTML. The preview
   posts the draft to the server, which checks it and counts it without keeping it. */
(function () {
  "use strict";
  var source = document.getElementById("plan-editor-data");
  if (!source) { return; }
  var config = JSON.parse(source.textContent);
  var C = config.catalogs;
  var form = document.getElementById("plan-form");
  var jsonArea = document.getElementById("plan-json");
  var tablesBox = document.getElementById("plan-tables");
  var jsonMessage = document.getElementById("plan-json-message");
  var plan = config.plan;
  var jsonDirty = false;  // the JSON field was typed in after the last change made in the form
  var touched = false;    // something was changed since the page was loaded
  var submitting = false;
  var rowsOpen = new WeakMap();  // a row object -> whether its "conditions" part is open

  // --- catalogs ------------------------------------------------------------------------------------------

  function index(list, key) {
    var map = {};
    (list || []).forEach(function (item) { map[item[key || "code"]] = item; });
    return map;
  }
  var indicators = index(C.indicators), qualifications = index(C.qualifications);
  var ethnicGroups = (C.ethnic_groups || []).map(function (g) { return { code: g.name, name: g.name }; });
  var titleOptions = (C.titles || []).map(function (t) { return { code: t.code, name: t.name, group: t.group }; });
  var kindLabels = {};
  (C.indicator_kinds || []).forEach(function (k) { kindLabels[k.code] = k.name; });
  var PARAM_LABELS = { age_under: "Dưới bao nhiêu tuổi (age_under)" };

  // --- small DOM helpers (textContent only) ------------------------------------------------------------------

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (name) {
      var value = props[name];
      if (value === undefined || value === null || value === false) { return; }
      if (name === "text") { node.textContent = value; }
      else if (name === "class") { node.className = value; }
      else if (name === "key") { node.dataset.key = value; }
      else if (name.indexOf("on") === 0) { node.addEventListener(name.slice(2), value); }
      else if (name in node && name !== "list") { node[name] = value; }
      else { node.setAttribute(name, value === true ? "" : value); }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) { return; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  var uid = 0;
  function nextId() { uid += 1; return "pe-" + uid; }

  function field(labelText, control, help, extraClass) {
    if (!control.id) { control.id = nextId(); }
    return el("div", { class: "field" + (extraClass ? " " + extraClass : "") }, [
      el("label", { htmlFor: control.id, text: labelText }), control,
      help ? el("span", { class: "help", text: help }) : null
    ]);
  }

  function selectBox(options, value, onChange, props) {
    var select = el("select", props || {});
    var found = false;
    options.forEach(function (item) {
      if (item.group !== undefined && item.options) {
        var group = el("optgroup", { label: item.group });
        item.options.forEach(function (sub) {
          var option = el("option", { value: sub.code, text: sub.name });
          if (String(sub.code) === String(value)) { option.selected = true; found = true; }
          group.appendChild(option);
        });
        select.appendChild(group);
        return;
      }
      var option = el("option", { value: item.code, text: item.name });
      if (String(item.code) === String(value)) { option.selected = true; found = true; }
      select.appendChild(option);
    });
    if (!found && value !== undefined && value !== null && value !== "") {
      // A value the lists do not have (typed in the JSON): shown as it is, the check will name it.
      var unknown = el("option", { value: String(value), text: String(value) + " (không có trong danh mục)" });
      unknown.selected = true;
      select.insertBefore(unknown, select.firstChild);
    }
    select.addEventListener("change", function () { onChange(select.value); });
    return select;
  }

  function textInput(value, onInput, props) {
    var input = el("input", Object.assign({ type: "text" }, props || {}));
    input.value = value === undefined || value === null ? "" : String(value);
    input.addEventListener("input", function () { onInput(input.value); });
    return input;
  }

  function button(text, onClick, props) {
    return el("button", Object.assign({ type: "button", class: "secondary small", text: text, onclick: function (event) {
      event.preventDefault();
      onClick();
    } }, props || {}));
  }

  // A number typed the Vietnamese way ("12,5") as a JSON number; what is not a number stays as typed, so
  // that the check says what is wrong with it; empty is null.
  function numberOf(text) {
    var value = String(text).trim();
    if (value === "") { return null; }
    var plain = value.replace(",", ".");
    return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : value;
  }
  function integerOf(text) {
    var value = String(text).trim();
    if (value === "") { return null; }
    return /^\d+$/.test(value) ? parseInt(value, 10) : value;
  }
  // Dates: the file writes YYYY-MM-DD, people type and read dd/mm/yyyy (as every form of the application).
  function dateShown(value) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value || ""));
    return match ? match[3] + "/" + match[2] + "/" + match[1] : (value || "");
  }
  function dateOf(text) {
    var value = String(text).trim();
    var match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
    if (!match) { return value; }
    return match[3] + "-" + ("0" + match[2]).slice(-2) + "-" + ("0" + match[1]).slice(-2);
  }
  function dateInput(value, onInput, props) {
    return textInput(dateShown(value), function (text) { onInput(dateOf(text)); },
      Object.assign({ placeholder: "dd/mm/yyyy", inputMode: "numeric", size: 11, maxLength: 10 }, props || {}));
  }
  function shown(value) {
    return value === undefined || value === null ? "" : String(value).replace(".", ",");
  }

  // A list of codes as removable chips, with a list to add one more.
  function chips(values, options, onChange, props) {
    values = Array.isArray(values) ? values : [];
    var names = index(options);
    var box = el("div", { class: "chips" });
    values.forEach(function (code, position) {
      var known = names[code];
      var label = known ? known.name : code + " (không có trong danh mục)";
      box.appendChild(el("span", { class: "chip" + (known ? "" : " chip-unknown") }, [
        el("span", { text: label }),
        el("button", { type: "button", class: "chip-remove", text: "×", "aria-label": "Bỏ " + label, onclick: function () {
          var next = values.slice();
          next.splice(position, 1);
          onChange(next);
        } })
      ]));
    });
    var rest = options.filter(function (item) { return values.indexOf(item.code) === -1; });
    var groups = [], byGroup = {};
    rest.forEach(function (item) {
      if (item.group) {
        if (!byGroup[item.group]) { byGroup[item.group] = { group: item.group, options: [] }; groups.push(byGroup[item.group]); }
        byGroup[item.group].options.push(item);
      } else { groups.push(item); }
    });
    var adder = selectBox([{ code: "", name: (props && props.placeholder) || "+ thêm…" }].concat(groups), "", function (code) {
      if (code) { onChange(values.concat([code])); }
    }, { class: "chip-add", key: props && props.key, "aria-label": (props && props.label) || "Thêm" });
    box.appendChild(adder);
    return box;
  }

  // --- changes -------------------------------------------------------------------------------------------

  var previewTimer = null;
  function changed(structural) {
    touched = true;
    jsonDirty = false;
    if (structural) { render(); }
    writeJson();
    schedulePreview();
  }
  function writeJson() {
    jsonArea.value = JSON.stringify(plan, null, 2);
    if (jsonMessage) { jsonMessage.textContent = ""; }
  }

  function setOrDelete(object, key, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) {
      delete object[key];
    } else {
      object[key] = value;
    }
  }

  // --- rows: their places, parents and depths --------------------------------------------------------------

  function depthOf(rows, position) {
    var depth = 0, seen = {}, parent = rows[position].parent;
    while (typeof parent === "number" && parent >= 1 && parent <= rows.length && !seen[parent]) {
      seen[parent] = true;
      depth += 1;
      parent = rows[parent - 1].parent;
    }
    return Math.min(depth, 4);
  }

  // Reorder a table's rows by `order` (new list of old 0-based places), keeping each "Trong đó" on its row.
  function reorder(table, order) {
    var newPlace = {};
    order.forEach(function (old, now) { newPlace[old + 1] = now + 1; });
    var rows = order.map(function (old) { return table.rows[old]; });
    rows.forEach(function (row, now) {
      if (typeof row.parent !== "number") { return; }
      var parent = newPlace[row.parent];
      if (!parent || parent >= now + 1) { delete row.parent; } else { row.parent = parent; }
    });
    table.rows = rows;
  }
  function places(count) {
    var list = [];
    for (var i = 0; i < count; i += 1) { list.push(i); }
    return list;
  }
  function moveRow(table, position, step) {
    var target = position + step;
    if (target < 0 || target >= table.rows.length) { return; }
    var order = places(table.rows.length);
    order[position] = target;
    order[target] = position;
    reorder(table, order);
    changed(true);
  }
  function removeRow(table, position) {
    var order = places(table.rows.length).filter(function (i) { return i !== position; });
    reorder(table, order);
    changed(true);
  }
  function copyRow(table, position) {
    var copy = JSON.parse(JSON.stringify(table.rows[position]));
    copy.label = (copy.label || "") + " (bản sao)";
    table.rows.forEach(function (row) {
      if (typeof row.parent === "number" && row.parent > position + 1) { row.parent += 1; }
    });
    table.rows.splice(position + 1, 0, copy);
    changed(true);
  }

  // --- populations: a code, or holders of positions, or persons in planning ----------------------------------

  function populationMode(value) {
    if (value === undefined || value === null) { return "none"; }
    if (typeof value === "string") { return "code"; }
    if (value && typeof value === "object" && value.planned_for !== undefined) { return "planned"; }
    if (value && typeof value === "object") { return "positions"; }
    return "code";
  }

  function populationEditor(value, set, options) {
    var key = options.key;
    var mode = populationMode(value);
    var modes = [];
    if (options.noneLabel) { modes.push({ code: "none", name: options.noneLabel }); }
    modes.push({ code: "code", name: "Một đối tượng trong danh mục" });
    if (options.objects !== false) {
      modes.push({ code: "positions", name: "Người giữ các chức vụ…" });
      modes.push({ code: "planned", name: "Người trong quy hoạch các chức vụ…" });
    }
    var box = el("div", { class: "population-editor" + (mode === "positions" || mode === "planned" ? " expanded" : "") });
    var modeSelect = selectBox(modes, mode, function (next) {
      if (next === "none") { set(null); }
      else if (next === "code") { set(C.populations.length ? C.populations[0].code : ""); }
      else if (next === "positions") { set({ positions: [] }); }
      else { set({ planned_for: [], terms: [] }); }
    }, { key: key + ".mode", "aria-label": options.label + ": cách chọn" });
    box.appendChild(field(options.label, modeSelect, options.help));
    if (mode === "code") {
      var list = C.populations.map(function (p) {
        return { code: p.code, name: p.name + " (" + p.code + ")" };
      });
      box.appendChild(field("Đối tượng", selectBox(list, value, function (code) { set(code); }, { key: key + ".code" })));
    } else if (mode === "positions" || mode === "planned") {
      var object = value;
      var update = function () { set(object); };
      if (mode === "positions") {
        box.appendChild(field("Chức vụ", chips(object.positions, titleOptions, function (next) {
          object.positions = next; update();
        }, { key: key + ".positions", label: "Thêm chức vụ", placeholder: "+ thêm chức vụ…" }),
        "Người giữ một trong các chức vụ này vào ngày số liệu, tại tổ chức trong phạm vi báo cáo."));
        var at = object.at || {};
        var setAt = function (name, next) {
          setOrDelete(at, name, next);
          if (Object.keys(at).length) { object.at = at; } else { delete object.at; }
          update();
        };
        box.appendChild(el("div", { class: "inline-fields" }, [
          field("Tại loại tổ chức", chips(at.kind, C.organization_kinds, function (next) { setAt("kind", next); },
            { key: key + ".at.kind", label: "Thêm loại tổ chức" })),
          field("Hình thức", chips(at.form, C.organization_forms, function (next) { setAt("form", next); },
            { key: key + ".at.form", label: "Thêm hình thức tổ chức" })),
          field("Nhóm", chips(at.group, C.organization_groups, function (next) { setAt("group", next); },
            { key: key + ".at.group", label: "Thêm nhóm tổ chức" }))
        ]));
      } else {
        box.appendChild(field("Quy hoạch chức vụ", chips(object.planned_for, titleOptions, function (next) {
          object.planned_for = next; update();
        }, { key: key + ".planned_for", label: "Thêm chức vụ quy hoạch", placeholder: "+ thêm chức vụ…" })));
        var termInput = el("input", { type: "text", placeholder: "2025-2030", size: 10, "aria-label": "Nhiệm kỳ" });
        var terms = Array.isArray(object.terms) ? object.terms : [];
        var termChips = el("div", { class: "chips" });
        terms.forEach(function (term, position) {
          termChips.appendChild(el("span", { class: "chip" }, [el("span", { text: term }),
            el("button", { type: "button", class: "chip-remove", text: "×", "aria-label": "Bỏ nhiệm kỳ " + term, onclick: function () {
              terms.splice(position, 1); object.terms = terms; update();
            } })]));
        });
        termChips.appendChild(termInput);
        termChips.appendChild(button("Thêm nhiệm kỳ", function () {
          var term = termInput.value.trim();
          if (term && terms.indexOf(term) === -1) { terms.push(term); object.terms = terms; update(); }
        }, { key: key + ".terms.add" }));
        box.appendChild(field("Nhiệm kỳ", termChips, "Dạng 2025-2030.", "terms"));
      }
      var kinds = [{ code: "", name: "— không tính theo đơn vị —" }].concat(C.unit_kinds);
      box.appendChild(field("Loại đơn vị (unit_kind)", selectBox(kinds, object.unit_kind || "", function (code) {
        setOrDelete(object, "unit_kind", code); update();
      }, { key: key + ".unit_kind" }), "Cần cho dòng tính theo đơn vị và điều kiện “cùng đơn vị”, “quê quán”."));
    }
    return box;
  }

  // --- conditions (where) --------------------------------------------------------------------------------------

  var CONDITION_KINDS = [
    { code: "all", name: "Nhóm: thỏa tất cả (VÀ)" },
    { code: "any", name: "Nhóm: thỏa một trong (HOẶC)" },
    { code: "qual", name: "Trình độ" },
    { code: "gender", name: "Giới tính" },
    { code: "age", name: "Tuổi" },
    { code: "ethnicity", name: "Dân tộc" },
    { code: "party_member", name: "Đảng viên" },
    { code: "holds", name: "Giữ chức vụ" },
    { code: "event", name: "Sự kiện công tác" },
    { code: "hometown", name: "Quê quán" },
    { code: "indicator", name: "Chỉ tiêu (tính theo người)" }
  ];
  var LEAF_KINDS = ["qual", "gender", "age", "ethnicity", "party_member", "holds", "event", "hometown", "indicator"];
  var personIndicators = (C.indicators || []).filter(function (i) { return i.kind === "NGUOI"; });
  var rankedTypes = (C.qualifications || []).filter(function (q) { return q.ranked && q.levels.length; });

  function kindOf(node) {
    if (!node || typeof node !== "object" || Array.isArray(node)) { return "unknown"; }
    if (Array.isArray(node.all)) { return "all"; }
    if (Array.isArray(node.any)) { return "any"; }
    for (var i = 0; i < LEAF_KINDS.length; i += 1) {
      if (Object.prototype.hasOwnProperty.call(node, LEAF_KINDS[i])) { return LEAF_KINDS[i]; }
    }
    return "unknown";
  }
  function isNot(node) {
    return node && typeof node === "object" && !Array.isArray(node) && Object.keys(node).length === 1 && "not" in node;
  }

  function newCondition(kind, old) {
    if (kind === "all" || kind === "any") {
      var oldKind = kindOf(old);
      if (oldKind === "all" || oldKind === "any") { var group = {}; group[kind] = old[oldKind]; return group; }
      var fresh = {};
      fresh[kind] = oldKind !== "unknown" ? [old] : [{ gender: "NU" }];
      return fresh;
    }
    if (kind === "qual") {
      var type = rankedTypes[0] || C.qualifications[0];
      if (!type) { return { qual: { type: "", none: true } }; }
      return type.levels.length ? { qual: { type: type.code, gte: type.levels[0].code } } : { qual: { type: type.code, none: true } };
    }
    if (kind === "gender") { return { gender: "NU" }; }
    if (kind === "age") { return { age: { lt: 35 } }; }
    if (kind === "ethnicity") { return { ethnicity: { ne: "Kinh" } }; }
    if (kind === "party_member") { return { party_member: true }; }
    if (kind === "holds") { return { holds: { positions: [], at: "scope" } }; }
    if (kind === "event") { return { event: { kind: [] } }; }
    if (kind === "hometown") { return { hometown: { outside: "same_unit" } }; }
    return { indicator: personIndicators.length ? personIndicators[0].code : "" };
  }

  var QUAL_COMPARISONS = [
    { code: "eq", name: "đúng bậc" },
    { code: "in", name: "thuộc một trong các bậc" },
    { code: "gte", name: "từ bậc … trở lên" },
    { code: "lt", name: "có, nhưng dưới bậc" },
    { code: "none", name: "không có trình độ loại này" }
  ];

  function qualBody(qual, update, key) {
    qual = qual && typeof qual === "object" && !Array.isArray(qual) ? qual : {};
    var type = qualifications[qual.type];
    var comparison = ["eq", "in", "gte", "lt", "none"].filter(function (c) { return c in qual; })[0] || "none";
    var levels = type ? type.levels : [];
    var ranked = !!(type && type.ranked && levels.length);
    var comparisons = ranked ? QUAL_COMPARISONS : QUAL_COMPARISONS.filter(function (c) { return c.code === "none"; });
    var parts = [
      field("Loại trình độ", selectBox(C.qualifications.map(function (q) { return { code: q.code, name: q.name }; }), qual.type,
        function (code) {
          var next = qualifications[code];
          // The levels offered are those of the chosen scale: a level of another scale is never kept.
          var fresh = { type: code };
          if (next && next.ranked && next.levels.length && comparison !== "none") {
            fresh[comparison] = comparison === "in" ? [next.levels[0].code] : next.levels[0].code;
          } else { fresh.none = true; }
          update(fresh, true);
        }, { key: key + ".type" })),
      field("So sánh", selectBox(comparisons, comparison, function (code) {
        var fresh = { type: qual.type };
        var current = qual[comparison];
        var first = Array.isArray(current) ? current[0] : current;
        if (code === "none") { fresh.none = true; }
        else if (code === "in") { fresh.in = first && typeof first === "string" ? [first] : [levels[0].code]; }
        else { fresh[code] = typeof first === "string" ? first : levels[0].code; }
        update(fresh, true);
      }, { key: key + ".comparison" }))
    ];
    var levelOptions = levels.map(function (l) { return { code: l.code, name: l.name }; });
    if (comparison === "in") {
      parts.push(field("Các bậc", chips(qual.in, levelOptions, function (next) {
        qual.in = next; update(qual, true);
      }, { key: key + ".in", label: "Thêm bậc" })));
    } else if (comparison !== "none") {
      parts.push(field("Bậc", selectBox(levelOptions, qual[comparison], function (code) {
        qual[comparison] = code; update(qual, false);
      }, { key: key + ".level" })));
    }
    return parts;
  }

  function conditionBody(kind, value, update, key) {
    // `value` is the part under the condition's key; update(newValue, structural).
    if (kind === "qual") { return qualBody(value, update, key); }
    if (kind === "gender") {
      return [field("Giới tính", selectBox([{ code: "NU", name: "Nữ" }, { code: "NAM", name: "Nam" }], value,
        function (code) { update(code, false); }, { key: key + ".gender" }))];
    }
    if (kind === "age") {
      var age = value && typeof value === "object" ? value : {};
      var bound = function (name) {
        return textInput(age[name], function (text) { setOrDelete(age, name, integerOf(text)); update(age, false); },
          { inputMode: "numeric", size: 4, key: key + ".age." + name });
      };
      return [field("Từ (tuổi)", bound("gte"), "để trống: không giới hạn"), field("Dưới (tuổi)", bound("lt"), "để trống: không giới hạn")];
    }
    if (kind === "ethnicity") {
      var ethnicity = value && typeof value === "object" ? value : {};
      var comparison = ["eq", "ne", "in"].filter(function (c) { return c in ethnicity; })[0] || "eq";
      var parts = [field("So sánh", selectBox([
        { code: "eq", name: "là dân tộc" }, { code: "ne", name: "không là dân tộc" }, { code: "in", name: "thuộc một trong" }
      ], comparison, function (code) {
        var current = ethnicity[comparison];
        var first = Array.isArray(current) ? current[0] : current;
        var fresh = {};
        fresh[code] = code === "in" ? [first || "Kinh"] : (first || "Kinh");
        update(fresh, true);
      }, { key: key + ".comparison" }))];
      if (comparison === "in") {
        parts.push(field("Các dân tộc", chips(ethnicity.in, ethnicGroups, function (next) {
          ethnicity.in = next; update(ethnicity, true);
        }, { key: key + ".in", label: "Thêm dân tộc" })));
      } else {
        parts.push(field("Dân tộc", selectBox(ethnicGroups, ethnicity[comparison], function (name) {
          ethnicity[comparison] = name; update(ethnicity, false);
        }, { key: key + ".name" })));
      }
      return parts;
    }
    if (kind === "party_member") {
      return [field("Đảng viên", selectBox([{ code: "true", name: "đã vào Đảng" }, { code: "false", name: "chưa vào Đảng" }],
        String(value), function (code) { update(code === "true", false); }, { key: key + ".party" }))];
    }
    if (kind === "holds") {
      var holds = value && typeof value === "object" ? value : {};
      return [
        field("Chức vụ", chips(holds.positions, titleOptions, function (next) { holds.positions = next; update(holds, true); },
          { key: key + ".positions", label: "Thêm chức vụ", placeholder: "+ thêm chức vụ…" })),
        field("Ở đâu", selectBox([
          { code: "scope", name: "ở bất kỳ tổ chức nào trong phạm vi báo cáo" },
          { code: "same_unit", name: "tại cùng đơn vị (xã, cơ quan) với chức vụ của người đó" }
        ], holds.at, function (code) { holds.at = code; update(holds, false); }, { key: key + ".at" }))
      ];
    }
    if (kind === "event") {
      var event = value && typeof value === "object" ? value : {};
      var kinds = Array.isArray(event.kind) ? event.kind : [];
      var result = [field("Loại sự kiện", chips(kinds, C.event_kinds, function (next) {
        event.kind = next;
        if (next.indexOf(C.training_event_kind) === -1) { delete event.program; }
        update(event, true);
      }, { key: key + ".kind", label: "Thêm loại sự kiện" }))];
      if (kinds.indexOf(C.training_event_kind) !== -1 || event.program) {
        result.push(field("Chương trình (cử đi học)", chips(event.program, C.programmes, function (next) {
          setOrDelete(event, "program", next); update(event, true);
        }, { key: key + ".program", label: "Thêm chương trình" }), "để trống: mọi chương trình"));
      }
      result.push(field("Từ ngày", dateInput(event.from, function (text) { setOrDelete(event, "from", text); update(event, false); },
        { key: key + ".from" }), "để trống: mọi lúc đến ngày số liệu"));
      return result;
    }
    if (kind === "hometown") {
      var side = value && value.inside !== undefined ? "inside" : "outside";
      return [field("Quê quán", selectBox([
        { code: "inside", name: "trong đơn vị của chức vụ (người địa phương)" },
        { code: "outside", name: "ngoài đơn vị của chức vụ (không là người địa phương)" }
      ], side, function (code) { var fresh = {}; fresh[code] = "same_unit"; update(fresh, false); }, { key: key + ".side" }))];
    }
    return [];
  }

  function indicatorCondition(node, set, key) {
    var options = personIndicators.map(function (i) { return { code: i.code, name: i.name + " (" + i.code + ")" }; });
    var parts = [field("Chỉ tiêu", selectBox(options, node.indicator, function (code) {
      set({ indicator: code }, true);
    }, { key: key + ".indicator" }))];
    var known = indicators[node.indicator];
    if (known) {
      Object.keys(known.params || {}).forEach(function (name) {
        var params = node.params && typeof node.params === "object" ? node.params : {};
        parts.push(field(PARAM_LABELS[name] || name, textInput(params[name], function (text) {
          setOrDelete(params, name, integerOf(text));
          if (Object.keys(params).length) { node.params = params; } else { delete node.params; }
          set(node, false);
        }, { inputMode: "numeric", size: 4, placeholder: String(known.params[name]), key: key + ".params." + name })));
      });
    }
    return parts;
  }

  // One condition: `set(value, structural)` replaces it where it stands, `remove()` takes it away.
  function conditionEditor(node, set, remove, key, depth) {
    var negated = isNot(node);
    var inner = negated ? node.not : node;
    var kind = kindOf(inner);
    var setInner = function (value, structural) { set(negated ? { not: value } : value, structural); };
    var box = el("div", { class: "condition condition-" + kind + (negated ? " negated" : "") });
    var head = el("div", { class: "condition-head" });
    var kinds = CONDITION_KINDS.slice();
    head.appendChild(selectBox(kinds, kind === "unknown" ? "" : kind, function (next) {
      setInner(newCondition(next, inner), true);
    }, { key: key + ".kind", "aria-label": "Loại điều kiện" }));
    var notBox = el("input", { type: "checkbox", key: key + ".not", id: nextId() });
    notBox.checked = negated;
    notBox.addEventListener("change", function () { set(notBox.checked ? { not: inner } : inner, true); });
    head.appendChild(el("label", { class: "checkbox negate" }, [notBox, " KHÔNG (phủ định)"]));
    head.appendChild(button("Xóa", remove, { class: "secondary small danger", key: key + ".remove", "aria-label": "Xóa điều kiện này" }));
    box.appendChild(head);
    if (kind === "all" || kind === "any") {
      var list = inner[kind];
      var children = el("div", { class: "condition-children" });
      list.forEach(function (child, position) {
        children.appendChild(conditionEditor(child, function (value, structural) {
          list[position] = value; changed(structural);
        }, function () {
          list.splice(position, 1);
          if (!list.length) { remove(); } else { changed(true); }
        }, key + "." + kind + position, depth + 1));
      });
      box.appendChild(children);
      box.appendChild(el("div", { class: "condition-actions" }, [
        button("+ Điều kiện", function () { list.push({ gender: "NU" }); changed(true); }, { key: key + ".add" }),
        depth < 3 ? button("+ Nhóm", function () { list.push({ any: [{ gender: "NU" }] }); changed(true); }, { key: key + ".addgroup" }) : null
      ]));
      return box;
    }
    var body = el("div", { class: "condition-body" });
    var parts;
    if (kind === "indicator") {
      parts = indicatorCondition(inner, function (value, structural) { setInner(value, structural); }, key);
    } else if (kind === "unknown") {
      parts = [el("p", { class: "field-error", text: "Điều kiện không nhận ra: " + JSON.stringify(inner) + ". Hãy chọn loại điều kiện." })];
    } else {
      parts = conditionBody(kind, inner[kind], function (value, structural) {
        var fresh = {};
        fresh[kind] = value;
        setInner(fresh, structural);
      }, key);
    }
    parts.forEach(function (part) { body.appendChild(part); });
    box.appendChild(body);
    return box;
  }

  function whereEditor(row, key) {
    var box = el("div", { class: "where" });
    box.appendChild(el("h4", { text: "Điều kiện (where)" }));
    if (row.where === undefined || row.where === null) {
      box.appendChild(el("p", { class: "muted small", text: "Không có điều kiện: dòng đếm theo chỉ tiêu." }));
      box.appendChild(button("+ Thêm điều kiện", function () { row.where = { gender: "NU" }; changed(true); }, { key: key + ".where.add" }));
      return box;
    }
    box.appendChild(conditionEditor(row.where, function (value, structural) {
      row.where = value; changed(structural);
    }, function () { delete row.where; changed(true); }, key + ".where", 0));
    var kind = kindOf(row.where);
    if (kind !== "all" && kind !== "any") {
      box.appendChild(button("+ Thêm điều kiện (cùng thỏa)", function () {
        row.where = { all: [row.where, { gender: "NU" }] }; changed(true);
      }, { key: key + ".where.and" }));
    }
    return box;
  }

  // --- targets ----------------------------------------------------------------------------------------------

  var TARGET_KINDS = [
    { code: "value", name: "đạt từ (%)" },
    { code: "min", name: "ít nhất (%)" },
    { code: "max", name: "không quá (%)" },
    { code: "range", name: "trong khoảng (%)" }
  ];
  function targetKind(target) {
    if (target.value !== undefined && target.value !== null) { return "value"; }
    var hasMin = target.min !== undefined && target.min !== null, hasMax = target.max !== undefined && target.max !== null;
    if (hasMin && hasMax) { return "range"; }
    return hasMax ? "max" : "min";
  }

  function targetsEditor(row, key) {
    var targets = Array.isArray(row.targets) ? row.targets : [];
    var box = el("div", { class: "targets" }, [el("span", { class: "targets-label", text: "Mục tiêu theo năm" })]);
    var list = el("div", { class: "target-list" });
    targets.forEach(function (target, position) {
      if (!target || typeof target !== "object") { return; }
      var tkey = key + ".target" + position;
      var kind = targetKind(target);
      var item = el("div", { class: "target" });
      item.appendChild(textInput(target.year, function (text) { setOrDelete(target, "year", integerOf(text)); changed(false); },
        { inputMode: "numeric", size: 5, placeholder: "năm", "aria-label": "Năm mục tiêu", key: tkey + ".year" }));
      item.appendChild(selectBox(TARGET_KINDS, kind, function (next) {
        var first = [target.value, target.min, target.max].filter(function (v) { return v !== undefined && v !== null; })[0];
        delete target.value; delete target.min; delete target.max;
        if (next === "range") { target.min = first === undefined ? 0 : first; target.max = 100; }
        else { target[next] = first === undefined ? 0 : first; }
        changed(true);
      }, { "aria-label": "Loại mục tiêu", key: tkey + ".kind" }));
      var names = kind === "range" ? ["min", "max"] : [kind];
      names.forEach(function (name, i) {
        if (i === 1) { item.appendChild(el("span", { text: "đến" })); }
        item.appendChild(textInput(shown(target[name]), function (text) { setOrDelete(target, name, numberOf(text)); changed(false); },
          { inputMode: "decimal", size: 6, "aria-label": name === "max" && kind === "range" ? "Đến (%)" : "Mức (%)", key: tkey + "." + name }));
      });
      item.appendChild(el("button", { type: "button", class: "chip-remove", text: "×", "aria-label": "Bỏ mục tiêu này", onclick: function () {
        targets.splice(position, 1);
        setOrDelete(row, "targets", targets);
        changed(true);
      } }));
      list.appendChild(item);
    });
    box.appendChild(list);
    box.appendChild(button("+ Mục tiêu", function () {
      var last = targets.length ? targets[targets.length - 1].year : null;
      var year = typeof last === "number" ? last + 5 : new Date().getFullYear();
      targets.push({ year: year, value: 0 });
      row.targets = targets;
      changed(true);
    }, { key: key + ".target.add" }));
    return box;
  }

  // --- a row --------------------------------------------------------------------------------------------------

  function hasConditions(row) {
    return ["where", "population", "multiple_of"].some(function (k) { return row[k] !== undefined && row[k] !== null; })
      || row.unit === true || (Array.isArray(row.compare) && row.compare.length > 0);
  }

  function conditionSummary(row) {
    var parts = [];
    if (row.where !== undefined && row.where !== null) { parts.push("có điều kiện"); }
    if (row.population !== undefined && row.population !== null) { parts.push("đối tượng riêng"); }
    if (row.unit === true) { parts.push("tính theo đơn vị"); }
    if (row.multiple_of !== undefined && row.multiple_of !== null) { parts.push("gấp … lần"); }
    if (Array.isArray(row.compare) && row.compare.indexOf("delta_points") !== -1) { parts.push("chênh lệch điểm %"); }
    return parts.length ? parts.join(" · ") : "không có";
  }

  function indicatorOptions() {
    var groups = {}, order = [];
    (C.indicators || []).forEach(function (i) {
      if (!groups[i.kind]) { groups[i.kind] = { group: kindLabels[i.kind] || i.kind, options: [] }; order.push(groups[i.kind]); }
      groups[i.kind].options.push({ code: i.code, name: i.name + " (" + i.code + ")" });
    });
    return [{ code: "", name: "— không dùng chỉ tiêu: đếm theo điều kiện —" }].concat(order);
  }

  function rowEditor(table, row, position) {
    var key = "t" + tables().indexOf(table) + ".r" + position;
    if (!row || typeof row !== "object") {
      return el("li", { class: "plan-row" }, [el("p", { class: "field-error", text: "Dòng " + (position + 1) + " không phải một đối tượng JSON." }),
        button("Xóa dòng", function () { removeRow(table, position); })]);
    }
    var depth = depthOf(table.rows, position);
    var item = el("li", { class: "plan-row", "data-depth": String(depth) });
    var head = el("div", { class: "row-head" });
    head.appendChild(el("span", { class: "row-number", text: "Dòng " + (position + 1) }));
    var label = textInput(row.label, function (text) { row.label = text; changed(false); },
      { class: "row-label", maxLength: 300, placeholder: "Nội dung dòng, ví dụ: Trình độ chuyên môn Đại học trở lên",
        "aria-label": "Nội dung dòng " + (position + 1), key: key + ".label" });
    head.appendChild(label);
    head.appendChild(el("span", { class: "row-actions" }, [
      button("↑", function () { moveRow(table, position, -1); }, { title: "Đưa lên", "aria-label": "Đưa dòng " + (position + 1) + " lên", disabled: position === 0, key: key + ".up" }),
      button("↓", function () { moveRow(table, position, 1); }, { title: "Đưa xuống", "aria-label": "Đưa dòng " + (position + 1) + " xuống", disabled: position === table.rows.length - 1, key: key + ".down" }),
      button("Nhân bản", function () { copyRow(table, position); }, { key: key + ".copy" }),
      button("Xóa", function () { removeRow(table, position); }, { class: "secondary small danger", "aria-label": "Xóa dòng " + (position + 1), key: key + ".remove" })
    ]));
    item.appendChild(head);

    var grid = el("div", { class: "row-grid" });
    grid.appendChild(field("Chỉ tiêu", selectBox(indicatorOptions(), row.indicator || "", function (code) {
      setOrDelete(row, "indicator", code);
      delete row.params;  // the parameters are the previous indicator's
      changed(true);
    }, { key: key + ".indicator" }), null, "wide"));
    var known = indicators[row.indicator];
    if (known) {
      Object.keys(known.params || {}).forEach(function (name) {
        var params = row.params && typeof row.params === "object" ? row.params : {};
        grid.appendChild(field(PARAM_LABELS[name] || name, textInput(params[name], function (text) {
          setOrDelete(params, name, integerOf(text));
          setOrDelete(row, "params", Object.keys(params).length ? params : null);
          changed(false);
        }, { inputMode: "numeric", size: 4, placeholder: String(known.params[name]), key: key + ".params." + name }),
        "để trống: " + known.params[name]));
      });
    }
    var parents = [{ code: "", name: "— dòng chính —" }];
    for (var i = 0; i < position; i += 1) {
      var above = table.rows[i] || {};
      parents.push({ code: String(i + 1), name: "Trong đó của dòng " + (i + 1) + ": " + (above.label || "(chưa có nội dung)") });
    }
    grid.appendChild(field("Thuộc dòng (“trong đó”)", selectBox(parents, row.parent === undefined || row.parent === null ? "" : row.parent, function (code) {
      setOrDelete(row, "parent", code ? parseInt(code, 10) : null);
      changed(true);
    }, { key: key + ".parent" })));
    item.appendChild(grid);
    item.appendChild(targetsEditor(row, key));

    var open = rowsOpen.has(row) ? rowsOpen.get(row) : hasConditions(row);
    var details = el("details", { class: "row-conditions", open: open });
    details.addEventListener("toggle", function () { rowsOpen.set(row, details.open); });
    details.appendChild(el("summary", {}, [
      "Điều kiện, đối tượng riêng, cách tính: ", el("span", { class: "muted", text: conditionSummary(row) })
    ]));
    details.appendChild(whereEditor(row, key));
    var options = el("div", { class: "row-options" });
    options.appendChild(populationEditor(row.population, function (value) {
      setOrDelete(row, "population", value); changed(true);
    }, { key: key + ".population", label: "Đối tượng của dòng (mẫu số)", noneLabel: "Đối tượng của biểu" }));
    options.appendChild(populationEditor(row.multiple_of, function (value) {
      setOrDelete(row, "multiple_of", value); changed(true);
    }, { key: key + ".multiple_of", label: "Gấp bao nhiêu lần đối tượng", noneLabel: "Không tính",
      help: "Số người của đối tượng dòng chia cho số người của đối tượng này, cùng ngày." }));
    var unit = el("input", { type: "checkbox", key: key + ".unit", id: nextId() });
    unit.checked = row.unit === true;
    unit.addEventListener("change", function () { setOrDelete(row, "unit", unit.checked ? true : null); changed(true); });
    var compare = el("input", { type: "checkbox", key: key + ".compare", id: nextId() });
    compare.checked = Array.isArray(row.compare) && row.compare.indexOf("delta_points") !== -1;
    compare.addEventListener("change", function () { setOrDelete(row, "compare", compare.checked ? ["delta_points"] : null); changed(true); });
    options.appendChild(el("div", { class: "row-switches" }, [
      el("label", { class: "checkbox" }, [unit, " Tính theo đơn vị: đếm số xã, cơ quan có người của đối tượng thỏa điều kiện"]),
      el("label", { class: "checkbox" }, [compare, " Tính chênh lệch (điểm phần trăm) so với năm gốc"])
    ]));
    details.appendChild(options);
    item.appendChild(details);
    return item;
  }

  // --- a table ----------------------------------------------------------------------------------------------------

  function tables() { return Array.isArray(plan.tables) ? plan.tables : []; }

  function tableEditor(table, position) {
    var key = "t" + position;
    var all = tables();
    if (!table || typeof table !== "object") {
      return el("section", { class: "panel plan-table" }, [el("p", { class: "field-error", text: "Biểu thứ " + (position + 1) + " không phải một đối tượng JSON." })]);
    }
    if (table.rows !== undefined && !Array.isArray(table.rows)) {
      return el("section", { class: "panel plan-table" }, [el("p", { class: "field-error", text: "Biểu thứ " + (position + 1) + ": “rows” phải là một danh sách dòng; hãy sửa JSON rồi bấm “Áp dụng JSON”." })]);
    }
    if (!table.rows) { table.rows = []; }
    var section = el("section", { class: "panel plan-table", "aria-label": "Biểu thứ " + (position + 1) });
    section.appendChild(el("div", { class: "panel-head" }, [
      el("h2", { text: "Biểu thứ " + (position + 1) + (table.number ? ": " + table.number : "") }),
      el("span", { class: "row-actions" }, [
        button("↑", function () { all.splice(position - 1, 0, all.splice(position, 1)[0]); changed(true); },
          { "aria-label": "Đưa biểu lên", disabled: position === 0, key: key + ".up" }),
        button("↓", function () { all.splice(position + 1, 0, all.splice(position, 1)[0]); changed(true); },
          { "aria-label": "Đưa biểu xuống", disabled: position === all.length - 1, key: key + ".down" }),
        button("Xóa biểu", function () {
          if (table.rows.length && !window.confirm("Xóa biểu “" + (table.number || position + 1) + "” cùng " + table.rows.length + " dòng?")) { return; }
          all.splice(position, 1); changed(true);
        }, { class: "secondary small danger", key: key + ".remove" })
      ])
    ]));
    var grid = el("div", { class: "form-grid" });
    grid.appendChild(field("Số biểu", textInput(table.number, function (text) { table.number = text; changed(false); },
      { maxLength: 20, placeholder: "Biểu 01", key: key + ".number" })));
    grid.appendChild(field("Tên biểu", textInput(table.title, function (text) { table.title = text; changed(false); },
      { maxLength: 300, placeholder: "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ", key: key + ".title" }), null, "wide"));
    if (C.table_population_objects || (table.population && typeof table.population === "object")) {
      grid.appendChild(populationEditor(table.population, function (value) { table.population = value; changed(true); },
        { key: key + ".population", label: "Đối tượng của biểu", help: "Mẫu số của các dòng." }));
    } else {
      var list = [{ code: "", name: "— chọn đối tượng —" }].concat(C.populations.map(function (p) {
        return { code: p.code, name: p.name + " (" + p.code + ")" };
      }));
      grid.appendChild(field("Đối tượng của biểu", selectBox(list, table.population || "", function (code) {
        table.population = code; changed(false);
      }, { key: key + ".population" }), "Mẫu số của các dòng: người giữ chức vụ của đối tượng vào ngày số liệu."));
    }
    section.appendChild(grid);
    var rows = el("ol", { class: "plan-rows" });
    table.rows.forEach(function (row, i) { rows.appendChild(rowEditor(table, row, i)); });
    section.appendChild(rows);
    if (!table.rows.length) { section.appendChild(el("p", { class: "muted", text: "Biểu chưa có dòng nào." })); }
    section.appendChild(button("+ Thêm dòng", function () {
      table.rows.push({ label: "" });
      changed(true);
      var labels = tablesBox.querySelectorAll('[data-key="' + key + ".r" + (table.rows.length - 1) + '.label"]');
      if (labels.length) { labels[0].focus(); }
    }, { class: "secondary", key: key + ".addrow" }));
    return section;
  }

  // --- drawing the whole editor, keeping the focus where it was -------------------------------------------------

  function render() {
    var active = document.activeElement;
    var focusKey = active && active.dataset ? active.dataset.key : null;
    tablesBox.textContent = "";
    if (!plan || typeof plan !== "object" || Array.isArray(plan)) {
      tablesBox.appendChild(el("p", { class: "error", text: "Nội dung JSON bên dưới chưa đọc được thành kế hoạch; hãy sửa rồi bấm “Áp dụng JSON”." }));
      return;
    }
    if (plan.tables !== undefined && !Array.isArray(plan.tables)) {
      tablesBox.appendChild(el("p", { class: "error", text: "“tables” trong JSON phải là một danh sách biểu; hãy sửa JSON rồi bấm “Áp dụng JSON”." }));
      return;
    }
    tables().forEach(function (table, i) { tablesBox.appendChild(tableEditor(table, i)); });
    if (!tables().length) { tablesBox.appendChild(el("p", { class: "empty", text: "Kế hoạch chưa có biểu nào. Bấm “Thêm biểu”." })); }
    if (focusKey) {
      var again = tablesBox.querySelector('[data-key="' + focusKey.replace(/"/g, "") + '"]');
      if (again) { again.focus(); }
    }
  }

  // --- the header fields ------------------------------------------------------------------------------------------

  function typedCode(text) {
    var value = String(text).replace(/\s+/g, " ").trim();
    var open = value.lastIndexOf("(");
    if (value.charAt(value.length - 1) === ")" && open !== -1) { return value.slice(open + 1, -1).trim(); }
    return value;
  }
  function headerShown(name) {
    var value = plan && typeof plan === "object" && typeof plan[name] === "string" ? plan[name] : "";
    return name === "issued_on" ? dateShown(value) : value;
  }
  function bindHeader() {
    document.querySelectorAll("[data-plan-key]").forEach(function (input) {
      var name = input.dataset.planKey;
      if (name !== "organization") { input.value = headerShown(name); }
      var read = function () {
        if (!plan || typeof plan !== "object") { return; }
        plan[name] = name === "organization" ? typedCode(input.value) : name === "issued_on" ? dateOf(input.value) : input.value;
        changed(false);
      };
      input.addEventListener("input", read);
      input.addEventListener("change", read);
    });
  }

  // --- the JSON field, a file, saving ----------------------------------------------------------------------------

  function applyJson(text) {
    var parsed;
    try { parsed = JSON.parse(text); } catch (error) {
      jsonMessage.textContent = "Chưa áp dụng được: nội dung không phải JSON hợp lệ (" + error.message + ").";
      return false;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      jsonMessage.textContent = "Chưa áp dụng được: tệp kế hoạch phải là một đối tượng JSON (bắt đầu bằng “{”).";
      return false;
    }
    plan = parsed;
    document.querySelectorAll("[data-plan-key]").forEach(function (input) {
      var name = input.dataset.planKey;
      if (name !== "organization") { input.value = headerShown(name); }
      else if (typeof plan.organization === "string" && typedCode(input.value) !== plan.organization) {
        input.value = plan.organization;
      }
    });
    changed(true);
    jsonMessage.textContent = "Đã áp dụng JSON vào trình soạn.";
    return true;
  }

  jsonArea.addEventListener("input", function () { jsonDirty = true; touched = true; });
  document.addEventListener("click", function (event) {
    var action = event.target.closest("[data-action]");
    if (!action) { return; }
    if (action.dataset.action === "apply-json") { event.preventDefault(); applyJson(jsonArea.value); }
    if (action.dataset.action === "add-table") {
      event.preventDefault();
      if (!plan || typeof plan !== "object") { return; }
      var count = tables().length + 1;
      plan.tables = tables();
      plan.tables.push({ number: "Biểu " + (count < 10 ? "0" : "") + count, title: "", population: "", rows: [] });
      changed(true);
    }
    if (action.dataset.action === "preview") { event.preventDefault(); runPreview(); }
  });
  var upload = document.getElementById("plan-upload");
  if (upload) {
    upload.addEventListener("change", function () {
      var file = upload.files && upload.files[0];
      if (!file) { return; }
      var reader = new FileReader();
      reader.onload = function () {
        jsonArea.value = String(reader.result).replace(/^\uFEFF/, "");
        jsonDirty = true;
        touched = true;
        applyJson(jsonArea.value);
      };
      reader.readAsText(file, "utf-8");
    });
  }
  form.addEventListener("submit", function () {
    // What is posted is the JSON field: the editor's plan, or what was typed there after the last change.
    if (!jsonDirty && plan) { writeJson(); }
    submitting = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (touched && !submitting) { event.preventDefault(); event.returnValue = ""; }
  });

  // --- the preview ------------------------------------------------------------------------------------------------

  var previewResult = document.getElementById("preview-result");
  var previewStatus = document.getElementById("preview-status");
  var countedBox = document.getElementById("preview-counted");
  var autoBox = document.getElementById("preview-auto");
  var requests = {};  // one request in flight per kind ("preview", "counted"): a newer one replaces it
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function draft() {
    if (!jsonDirty) { return plan; }
    try { return JSON.parse(jsonArea.value); } catch (error) { return null; }
  }
  function previewParams() {
    return {
      org: document.getElementById("preview-org").value,
      as_of: document.getElementById("preview-date").value,
      rating_years: document.getElementById("preview-years").value
    };
  }
  function schedulePreview() {
    clearTimeout(previewTimer);
    if (!autoBox || !autoBox.checked) { return; }
    previewTimer = setTimeout(runPreview, 1200);
  }
  function post(slot, url, body) {
    if (requests[slot]) { requests[slot].abort(); }
    var controller = new AbortController();
    requests[slot] = controller;
    return fetch(url, {
      method: "POST", credentials: "same-origin", signal: controller.signal,
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return { problems: ["Máy chủ không trả lời được (mã " + response.status + ")."] }; })
        .then(function (data) { return { ok: response.ok, data: data }; });
    });
  }
  function showProblems(box, problems, heading) {
    box.textContent = "";
    var panel = el("div", { class: "error", role: "alert" }, [el("strong", { text: heading })]);
    var list = el("ul", { class: "problems" });
    (problems || []).forEach(function (problem) { list.appendChild(el("li", { text: problem })); });
    panel.appendChild(list);
    box.appendChild(panel);
  }

  function runPreview() {
    clearTimeout(previewTimer);
    var body = previewParams();
    body.plan = draft();
    if (!body.plan) {
      showProblems(previewResult, ["Nội dung JSON chưa hợp lệ."], "Chưa xem trước được:");
      return;
    }
    previewStatus.textContent = "Đang kiểm tra và tính số liệu…";
    post("preview", config.urls.preview, body).then(function (answer) {
      previewStatus.textContent = "";
      countedBox.textContent = "";
      if (!answer.ok) {
        showProblems(previewResult, answer.data.problems, "Kế hoạch còn " + (answer.data.problems || []).length + " lỗi (chưa lưu được):");
        return;
      }
      drawPreview(answer.data, body);
    }).catch(function (error) {
      if (error.name !== "AbortError") { previewStatus.textContent = "Không kết nối được máy chủ để xem trước."; }
    });
  }

  function figureButton(text, title, onClick) {
    return el("button", { type: "button", class: "figure-link", text: text, title: title, onclick: onClick });
  }

  function drawPreview(data, body) {
    previewResult.textContent = "";
    previewResult.appendChild(el("p", { class: "muted small", text: "Kế hoạch hợp lệ. Số liệu của " + data.organization_name
      + " và các tổ chức trực thuộc tại ngày " + data.as_of + (data.rating_years.length ? "; năm đánh giá " + data.rating_years.join("-") : "")
      + (data.target_year ? "; mục tiêu năm " + data.target_year : "") + ". Bấm một số để xem ai được tính." }));
    data.tables.forEach(function (table) {
      var section = el("section", { class: "preview-table" }, [
        el("h3", { text: table.number + ": " + table.title }),
        el("p", { class: "muted small", text: "Đối tượng: " + table.population_name })
      ]);
      var grid = el("table", { class: "data compact" });
      grid.appendChild(el("thead", {}, [el("tr", {}, [
        el("th", { scope: "col", text: "Nội dung" }),
        el("th", { scope: "col", class: "num", text: "Số lượng" }), el("th", { scope: "col", class: "num", text: "%" }),
        el("th", { scope: "col", class: "num", text: "Mục tiêu, đánh giá" })
      ])]));
      var rows = el("tbody");
      table.rows.forEach(function (row) {
        var ask = function (part) {
          return function () { runCounted(body, table.table, row.row, part); };
        };
        var label = el("td", { class: "label depth-" + row.depth, text: (row.number ? row.number + ". " : "")
          + (row.depth ? "– " : "") + row.label + (row.multiple !== undefined ? " (gấp " + row.multiple + " lần)" : "") });
        rows.appendChild(el("tr", { class: row.row === "tong-so" ? "total" : "" }, [
          label,
          el("td", { class: "num" }, [figureButton(row.count, "Ai được tính (tử số)", ask("tu-so")), " / ",
            figureButton(row.total, "Mẫu số", ask("mau-so"))]),
          el("td", { class: "num", text: row.percent }),
          el("td", { class: "num" }, [row.target, row.status ? el("span", { class: "status status-" + row.status, text: row.status_label }) : null])
        ]));
      });
      grid.appendChild(rows);
      section.appendChild(el("div", { class: "table-wrap" }, [grid]));
      previewResult.appendChild(section);
    });
  }

  function personLine(person) {
    var text = person.name + " (" + person.code + (person.birth_date ? ", " + person.birth_date : "") + ")";
    return el("a", { href: person.url, target: "_blank", rel: "noopener", text: text });
  }

  function runCounted(body, table, row, part) {
    var ask = Object.assign({}, body, { table: table, row: String(row), part: part });
    countedBox.textContent = "";
    previewStatus.textContent = "Đang lập danh sách…";
    post("counted", config.urls.counted, ask).then(function (answer) {
      previewStatus.textContent = "";
      if (!answer.ok) { showProblems(countedBox, answer.data.problems, "Không lập được danh sách:"); return; }
      var data = answer.data;
      var unit = data.kind === "DON_VI", noun = unit ? "đơn vị" : (data.kind === "LUOT_DANH_GIA" ? "lượt" : "người");
      countedBox.appendChild(el("h3", { text: data.label + " — " + (data.part === "tu-so" ? "được tính (tử số)" : "mẫu số")
        + ": " + data.size + " " + noun }));
      if (data.shown < data.size) {
        countedBox.appendChild(el("p", { class: "muted small", text: "Hiện " + data.shown + " " + noun + " đầu tiên." }));
      }
      var list = el("ol", { class: "counted-list" });
      if (unit) {
        data.units.forEach(function (item) {
          var persons = el("ul");
          item.persons.forEach(function (person) { persons.appendChild(el("li", {}, [personLine(person)])); });
          list.appendChild(el("li", {}, [el("strong", { text: item.name + " (" + item.code + ")" }), persons]));
        });
      } else {
        data.persons.forEach(function (person) {
          var positions = person.positions.join("; ");
          list.appendChild(el("li", {}, [personLine(person),
            person.rating ? " — " + person.year + ": " + person.rating : "",
            positions ? el("span", { class: "muted small positions", text: " " + positions }) : null]));
        });
      }
      if (!data.size) { countedBox.appendChild(el("p", { class: "muted", text: "Không có ai." })); }
      countedBox.appendChild(list);
      countedBox.scrollIntoView({ block: "nearest" });
    }).catch(function (error) {
      if (error.name !== "AbortError") { previewStatus.textContent = "Không kết nối được máy chủ."; }
    });
  }

  ["preview-org", "preview-date", "preview-years"].forEach(function (id) {
    var input = document.getElementById(id);
    if (input) { input.addEventListener("change", schedulePreview); }
  });

  // --- start ---------------------------------------------------------------------------------------------------------

  bindHeader();
  render();
  if (plan && typeof plan === "object") {
    if (tables().some(function (t) { return t && Array.isArray(t.rows) && t.rows.length; }) && autoBox && autoBox.checked) {
      runPreview();
    }
  }
})();
