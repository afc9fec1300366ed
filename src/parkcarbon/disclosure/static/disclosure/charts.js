// Charts of the disclosure pages: the published content passed with json_script, drawn with the shared helper
// (static/js/parkcharts.js).
(function () {
  var c = window.ParkCharts && ParkCharts.setup("disclosure-charts-data");
  if (!c) { return; }
  var data = c.data;
  if (data.gas && data.gas.length) { c.draw("disclosure-chart-gas", c.share(data.gas)); }
  if (data.sources && data.sources.labels.length) { c.draw("disclosure-chart-sources", c.bars(data.sources, true)); }
  if (data.trend && data.trend.labels.length) { c.draw("disclosure-chart-trend", c.bars(data.trend, false)); }
  if (data.enterprises && data.enterprises.labels.length) { c.draw("disclosure-chart-enterprises", c.bars(data.enterprises, true)); }
})();
