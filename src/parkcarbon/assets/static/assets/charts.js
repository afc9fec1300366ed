// Charts of the Carbon Assets page (Apache ECharts served by the app): holdings per enterprise and the price series.
// Data comes from the page's own computation through json_script; no inline script (CSP). Shared start:
// static/js/parkcharts.js.
(function () {
  var c = window.ParkCharts && ParkCharts.setup("asset-charts-data", {
    digits: 2, palette: ["#1f5f4a", "#c9a227", "#4a6fa5", "#b5651d", "#86b89b", "#9c6b98"]
  });
  if (!c) { return; }
  var data = c.data, number = c.number, draw = c.draw;
  var valueAxis = { type: "value", axisLabel: { formatter: function (v) { return number.format(v); } } };
  draw("asset-chart-holdings", {
    tooltip: { trigger: "axis", valueFormatter: function (v) { return number.format(v) + " " + data.unit; } },
    legend: { top: 0 },
    grid: { left: 150, right: 30, top: 30, bottom: 30 },
    xAxis: Object.assign({ name: data.unit }, valueAxis),
    yAxis: { type: "category", data: data.names, axisLabel: { width: 140, overflow: "truncate" } },
    series: [
      { name: data.labels.allowance, type: "bar", stack: "h", data: data.allowances },
      { name: data.labels.ccer, type: "bar", stack: "h", data: data.offsets }
    ]
  });
  draw("asset-chart-prices", {
    tooltip: { trigger: "axis", valueFormatter: function (v) { return number.format(v); } },
    legend: { top: 0 },
    grid: { left: 60, right: 30, top: 40, bottom: 40 },
    xAxis: { type: "time" },
    yAxis: Object.assign({ name: data.labels.price, scale: true }, valueAxis),
    series: data.prices.map(function (s) { return { name: s.name, type: "line", showSymbol: false, data: s.data }; })
  });
}());
