// Analysis charts (Apache ECharts, served by the app). Each chart is a table -- columns and rows -- passed with
// json_script; the same table is what the CSV/XLSX links download. PNG buttons save the drawn chart.
(function () {
  var source = document.getElementById("analysis-charts-data");
  if (!source || typeof echarts === "undefined") { return; }
  var charts = JSON.parse(source.textContent);
  var lang = document.documentElement.lang || "zh-hans";
  var number = new Intl.NumberFormat(lang.indexOf("zh") === 0 ? "zh-CN" : "en", { maximumFractionDigits: 2 });
  var palette = ["#1f5f4a", "#c9a227", "#4a6fa5", "#b5651d", "#86b89b", "#9c6b98", "#7a8b99", "#3f8f6b"];
  var drawn = {};
  function fmt(v) { return v === null || v === undefined ? "—" : number.format(v); }
  function column(c, i) { return c.rows.map(function (r) { return r[i]; }); }
  function axisTip(c) {
    return { trigger: "axis", valueFormatter: function (v) { return fmt(v) + " " + c.unit; } };
  }
  function valueAxis(c) { return { type: "value", name: c.unit, axisLabel: { formatter: function (v) { return number.format(v); } } }; }
  var builders = {
    pie: function (c) {
      return { tooltip: { trigger: "item", formatter: function (p) { return p.name + "<br>" + fmt(p.value) + " " + c.unit + " (" + p.percent + "%)"; } },
        series: [{ type: "pie", radius: ["40%", "68%"], label: { formatter: "{b}\n{d}%" },
          data: c.rows.map(function (r) { return { name: r[0], value: r[1] }; }) }] };
    },
    bar: function (c) {
      return { tooltip: axisTip(c), grid: { left: 70, right: 20, top: 30, bottom: 60 },
        xAxis: { type: "category", data: column(c, 0), axisLabel: { rotate: c.rows.length > 6 ? 30 : 0, width: 90, overflow: "truncate" } },
        yAxis: valueAxis(c), series: [{ type: "bar", name: c.columns[1], data: column(c, 1), barMaxWidth: 32 }] };
    },
    hbar: function (c) {
      var rows = c.rows.slice().reverse();  // largest on top
      return { tooltip: axisTip(c), grid: { left: 160, right: 30, top: 20, bottom: 40 },
        yAxis: { type: "category", data: rows.map(function (r) { return r[0]; }), axisLabel: { width: 150, overflow: "truncate" } },
        xAxis: valueAxis(c), series: [{ type: "bar", name: c.columns[1], data: rows.map(function (r) { return r[1]; }), barMaxWidth: 24 }] };
    },
    trend: function (c) {
      return { tooltip: axisTip(c), legend: { top: 0 }, grid: { left: 80, right: 20, top: 40, bottom: 40 },
        xAxis: { type: "category", data: column(c, 0) }, yAxis: valueAxis(c),
        series: [{ type: "bar", name: c.columns[1], data: column(c, 1), barMaxWidth: 40 },
                 { type: "line", name: c.columns[2], data: column(c, 2), lineStyle: { type: "dashed" }, symbol: "none" }] };
    },
    lines: function (c) {
      return { tooltip: { trigger: "axis", valueFormatter: fmt }, legend: { top: 0, type: "scroll" },
        grid: { left: 70, right: 20, top: 50, bottom: 40 }, xAxis: { type: "category", data: column(c, 0) },
        yAxis: { type: "value" }, series: c.columns.slice(1).map(function (name, i) {
          return { type: "line", name: name, data: column(c, i + 1), connectNulls: false };
        }) };
    },
    sankey: function (c) {
      var names = {};
      c.rows.forEach(function (r) { names[r[0]] = true; names[r[1]] = true; });
      return { tooltip: { trigger: "item", formatter: function (p) {
          return (p.data.source ? p.data.source + " → " + p.data.target : p.name) + "<br>" + fmt(p.value) + " " + c.unit; } },
        series: [{ type: "sankey", left: 10, right: 150, nodeGap: 10, emphasis: { focus: "adjacency" },
          data: Object.keys(names).map(function (n) { return { name: n }; }),
          links: c.rows.map(function (r) { return { source: r[0], target: r[1], value: r[2] }; }),
          label: { width: 140, overflow: "truncate" }, lineStyle: { color: "gradient", opacity: 0.4 } }] };
    },
    forecast: function (c) {
      var lower = column(c, 3), upper = column(c, 4);
      var series = [
        { type: "line", name: c.columns[3], data: lower, stack: "band", lineStyle: { opacity: 0 }, symbol: "none", color: "#c7d3cd" },
        { type: "line", name: c.columns[4], stack: "band", symbol: "none", lineStyle: { opacity: 0 }, color: "#c7d3cd",
          areaStyle: { color: "#c7d3cd", opacity: 0.6 },
          data: upper.map(function (u, i) { return u === null || lower[i] === null ? null : u - lower[i]; }),
          tooltip: { valueFormatter: function () { return ""; } } },
        { type: "line", name: c.columns[1], data: column(c, 1), color: "#1f5f4a", lineStyle: { width: 3 } },
        { type: "line", name: c.columns[2], data: column(c, 2), color: "#4a6fa5", lineStyle: { type: "dashed" } }
      ];
      c.columns.slice(5).forEach(function (name, i) {
        series.push({ type: "line", name: name, data: column(c, i + 5), color: palette[(i + 1) % palette.length], symbol: "none" });
      });
      return { tooltip: axisTip(c), legend: { top: 0, type: "scroll", data: [c.columns[1], c.columns[2]].concat(c.columns.slice(5)) },
        grid: { left: 90, right: 20, top: 40, bottom: 40 }, xAxis: { type: "category", data: column(c, 0) },
        yAxis: valueAxis(c), series: series };
    }
  };
  charts.forEach(function (c) {
    var el = document.getElementById("analysis-chart-" + c.key);
    if (!el || !builders[c.kind]) { return; }
    var chart = echarts.init(el);
    chart.setOption(Object.assign({ animation: false, color: palette }, builders[c.kind](c)));
    el.setAttribute("data-series", String(chart.getOption().series.length));
    el.setAttribute("data-points", String(c.rows.length));
    drawn[c.key] = chart;
    window.addEventListener("resize", function () { chart.resize(); });
  });
  document.querySelectorAll("[data-png]").forEach(function (button) {
    button.addEventListener("click", function () {
      var chart = drawn[button.getAttribute("data-png")];
      if (!chart) { return; }
      var link = document.createElement("a");
      link.href = chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
      link.download = button.getAttribute("data-png") + ".png";
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  });
})();
