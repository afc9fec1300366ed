// Charts of the park inventory page: the same computation as the page's tables, passed with json_script, drawn
// with the shared helper (static/js/parkcharts.js).
(function () {
  var c = window.ParkCharts && ParkCharts.setup("park-charts-data");
  if (!c) { return; }
  var data = c.data;
  function bars(series, horizontal) {  // slanted labels under the vertical bars: zone and year names are long
    var option = c.bars(series, horizontal);
    if (!horizontal) {
      option.grid.bottom = 70;
      option.xAxis.axisLabel = { rotate: 30, width: 80, overflow: "truncate" };
    }
    return option;
  }
  c.draw("park-chart-sections", c.share(data.sections));
  c.draw("park-chart-industries", bars(data.industries, true));
  c.draw("park-chart-zones", bars(data.zones, false));
  c.draw("park-chart-top", bars(data.top, true));
  var trend = bars(data.trend, false);
  trend.tooltip.formatter = function (params) {
    var p = params[0], complete = data.trend.complete[p.dataIndex];
    return p.name + (complete ? "" : " (" + data.incomplete + ")") + "<br>" + c.fmt(p.value);
  };
  trend.xAxis.axisLabel = {};
  trend.series[0].data = data.trend.values.map(function (v, i) {
    return data.trend.complete[i] ? v : { value: v, itemStyle: { color: "#c7d3cd" } };
  });
  c.draw("park-chart-trend", trend);
})();
