// Marginal abatement cost curve (Apache ECharts, served by the app): one bar per measure, width = reduction a year,
// height = cost per tonne, cheapest first. Data from the page's json_script; no inline script (CSP).
(function () {
  var source = document.getElementById("macc-data");
  var el = document.getElementById("macc-chart");
  if (!source || !el || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var lang = document.documentElement.lang || "zh-hans";
  var number = new Intl.NumberFormat(lang.indexOf("zh") === 0 ? "zh-CN" : "en", { maximumFractionDigits: 0 });
  var segments = data.segments;
  var total = segments.reduce(function (s, x) { return s + x.width; }, 0);
  var chart = echarts.init(el);
  chart.setOption({
    animation: false,
    tooltip: { formatter: function (p) {
      var s = segments[p.dataIndex];
      return s.label + "<br>" + number.format(s.width) + " " + data.unit_x + "<br>" + number.format(s.cost) + " " + data.unit_y;
    } },
    grid: { left: 80, right: 30, top: 30, bottom: 50 },
    xAxis: { type: "value", min: 0, max: total || 1, name: data.unit_x, nameLocation: "middle", nameGap: 30,
             axisLabel: { formatter: function (v) { return number.format(v); } } },
    yAxis: { type: "value", name: data.unit_y, axisLabel: { formatter: function (v) { return number.format(v); } } },
    series: [{
      type: "custom",
      renderItem: function (params, api) {
        var start = api.coord([api.value(0), 0]);
        var end = api.coord([api.value(0) + api.value(1), api.value(2)]);
        return { type: "rect", shape: { x: start[0], y: Math.min(start[1], end[1]), width: Math.max(end[0] - start[0], 1),
                 height: Math.abs(end[1] - start[1]) },
                 style: { fill: api.value(2) < 0 ? "#3f8f6b" : "#c9a227", stroke: "#fff" } };
      },
      encode: { x: [0, 1], y: 2 },
      data: segments.map(function (s) { return [s.start, s.width, s.cost]; })
    }]
  });
  el.setAttribute("data-rendered", String(segments.length));
  window.addEventListener("resize", function () { chart.resize(); });
}());
