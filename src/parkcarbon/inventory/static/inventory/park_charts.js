// Charts of the park inventory page (Apache ECharts, served by the app). The data comes from the same computation
// as the page's tables, passed with json_script; numbers are formatted in the page's language.
(function () {
  var source = document.getElementById("park-charts-data");
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
  function axisTooltip(params) {
    var p = params[0];
    return p.name + "<br>" + fmt(p.value);
  }
  function bars(series, horizontal) {
    var category = { type: "category", data: series.labels, axisLabel: { width: horizontal ? 140 : 80, overflow: "truncate" } };
    var value = { type: "value", name: data.unit, axisLabel: { formatter: function (v) { return number.format(v); } } };
    if (horizontal) { Object.assign(value, { nameLocation: "middle", nameGap: 28 }); }
    return {
      tooltip: { trigger: "axis", formatter: axisTooltip },
      grid: { left: horizontal ? 150 : 70, right: 30, top: 30, bottom: horizontal ? 50 : 70 },
      xAxis: horizontal ? value : Object.assign(category, { axisLabel: { rotate: 30, width: 80, overflow: "truncate" } }),
      yAxis: horizontal ? category : value,
      series: [{ type: "bar", data: series.values, barMaxWidth: 32 }]
    };
  }
  draw("park-chart-sections", {
    tooltip: { trigger: "item", formatter: function (p) { return p.name + "<br>" + fmt(p.value) + " (" + p.percent + "%)"; } },
    series: [{ type: "pie", radius: ["45%", "70%"], data: data.sections, label: { formatter: "{b}\n{d}%" } }]
  });
  draw("park-chart-industries", bars(data.industries, true));
  draw("park-chart-zones", bars(data.zones, false));
  draw("park-chart-top", bars(data.top, true));
  var trend = bars(data.trend, false);
  trend.tooltip.formatter = function (params) {
    var p = params[0], complete = data.trend.complete[p.dataIndex];
    return p.name + (complete ? "" : " (" + data.incomplete + ")") + "<br>" + fmt(p.value);
  };
  trend.xAxis.axisLabel = {};
  trend.series[0].data = data.trend.values.map(function (v, i) {
    return data.trend.complete[i] ? v : { value: v, itemStyle: { color: "#c7d3cd" } };
  });
  draw("park-chart-trend", trend);
})();
