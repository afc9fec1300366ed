// Charts of the disclosure pages (Apache ECharts, served by the app). The data is the published content passed with
// json_script; numbers are formatted in the page's language.
(function () {
  var source = document.getElementById("disclosure-charts-data");
  if (!source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var lang = document.documentElement.lang || "zh-hans";
  var number = new Intl.NumberFormat(lang.indexOf("zh") === 0 ? "zh-CN" : "en", { maximumFractionDigits: 1 });
  var palette = ["#1f5f4a", "#3f8f6b", "#86b89b", "#c9a227", "#7a8b99", "#b5651d", "#4a6fa5", "#9c6b98"];
  function fmt(v) { return number.format(v) + " " + data.unit; }
  function draw(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var chart = echarts.init(el);
    chart.setOption(Object.assign({ animation: false, color: palette }, option));
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function bars(series, horizontal) {
    var category = { type: "category", data: series.labels, axisLabel: { width: horizontal ? 140 : 80, overflow: "truncate" } };
    var value = { type: "value", name: data.unit, axisLabel: { formatter: function (v) { return number.format(v); } } };
    if (horizontal) { Object.assign(value, { nameLocation: "middle", nameGap: 28 }); }
    return {
      tooltip: { trigger: "axis", formatter: function (p) { return p[0].name + "<br>" + fmt(p[0].value); } },
      grid: { left: horizontal ? 150 : 70, right: 30, top: 30, bottom: horizontal ? 50 : 40 },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: [{ type: "bar", data: series.values, barMaxWidth: 32 }]
    };
  }
  if (data.gas && data.gas.length) {
    draw("disclosure-chart-gas", {
      tooltip: { trigger: "item", formatter: function (p) { return p.name + "<br>" + fmt(p.value) + " (" + p.percent + "%)"; } },
      series: [{ type: "pie", radius: ["45%", "70%"], data: data.gas, label: { formatter: "{b}\n{d}%" } }]
    });
  }
  if (data.sources && data.sources.labels.length) { draw("disclosure-chart-sources", bars(data.sources, true)); }
  if (data.trend && data.trend.labels.length) { draw("disclosure-chart-trend", bars(data.trend, false)); }
  if (data.enterprises && data.enterprises.labels.length) { draw("disclosure-chart-enterprises", bars(data.enterprises, true)); }
})();
