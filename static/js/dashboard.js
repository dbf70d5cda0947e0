/* Dashboard charts: each plan table as bars (baseline, current) against target markers,
   and the composition of the chosen population. Data comes from the page (json_script). */
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var brand = "#a3161a", baselineColor = "#c9ced6", targetColor = "#1d2733";
  var palette = ["#a3161a", "#d9822b", "#3b6ea5", "#2f7d32", "#7b4fa0", "#8a8f98", "#c2a14a"];

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#3c4753";
  Chart.defaults.animation = false;

  function percent(value) {
    return value === null || value === undefined ? "-" : value.toLocaleString("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + "%";
  }
  function wrap(label) {
    // Long indicator names on two or three lines under the bars.
    var words = label.split(" "), lines = [], line = "";
    words.forEach(function (word) {
      if ((line + " " + word).trim().length > 22) { lines.push(line.trim()); line = word; } else { line += " " + word; }
    });
    lines.push(line.trim());
    return lines;
  }

  data.tables.forEach(function (table) {
    var canvas = document.getElementById("chart-" + table.key);
    if (!canvas) { return; }
    var datasets = [
      { type: "bar", label: "Năm gốc", data: table.baseline, backgroundColor: baselineColor, borderRadius: 3, order: 2 },
      { type: "bar", label: "Hiện tại", data: table.current, backgroundColor: brand, borderRadius: 3, order: 3 },
      { type: "line", label: "Mục tiêu", data: table.target, showLine: false, order: 1,
        pointStyle: "line", pointRadius: 26, pointHoverRadius: 28, borderWidth: 4, borderColor: targetColor, backgroundColor: targetColor }
    ];
    if (table.target_max.some(function (v) { return v !== null; })) {
      datasets.push({ type: "line", label: "Mục tiêu (cận trên)", data: table.target_max, showLine: false, order: 1,
        pointStyle: "line", pointRadius: 26, borderWidth: 4, borderDash: [4, 3], borderColor: "#5b6775", backgroundColor: "#5b6775" });
    }
    new Chart(canvas, {
      data: { labels: table.labels.map(wrap), datasets: datasets },
      options: {
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, suggestedMax: 100, ticks: { callback: function (v) { return v + "%"; } } },
          x: { ticks: { autoSkip: false, maxRotation: 0, font: { size: 11 } } }
        },
        plugins: {
          legend: { position: "bottom", labels: { sort: function (a, b) { return a.datasetIndex - b.datasetIndex; } } },
          tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + percent(c.parsed.y); } } }
        }
      }
    });
  });

  var mix = data.composition || {};
  function compositionChart(id, part, kind) {
    var canvas = document.getElementById(id);
    if (!canvas || !part) { return; }
    var doughnut = kind === "doughnut";
    new Chart(canvas, {
      type: kind,
      data: { labels: part.labels, datasets: [{ label: "Số người", data: part.values, borderRadius: doughnut ? 0 : 3,
        backgroundColor: doughnut ? palette : brand }] },
      options: {
        maintainAspectRatio: false,
        indexAxis: kind === "bar" ? "y" : undefined,
        plugins: { legend: { display: doughnut, position: "bottom" } },
        scales: doughnut ? {} : { x: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }
  compositionChart("mix-age", mix.age, "bar");
  compositionChart("mix-gender", mix.gender, "doughnut");
  compositionChart("mix-ethnic", mix.ethnic, "doughnut");
  compositionChart("mix-professional", mix.professional, "bar");
})();
