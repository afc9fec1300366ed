// Shared start of the app's ECharts pages (vendor/echarts is served by the app; the CSP allows only its own
// scripts). ParkCharts.setup("x-charts-data") reads the json_script data and returns what every page draws with:
// the data, a number format in the page's language, fmt(value) with the data's unit, draw(id, option) and
// bars(series, horizontal) for a bar chart of {labels, values}. It returns null when the page has no chart data.
// options: {digits: fraction digits (1), palette: colours (the app's greens)}.
window.ParkCharts = {
  palette: ["#1f5f4a", "#3f8f6b", "#86b89b", "#c9a227", "#7a8b99", "#b5651d", "#4a6fa5", "#9c6b98"],
  setup: function (dataId, options) {
    var source = document.getElementById(dataId);
    if (!source || typeof echarts === "undefined") { return null; }
    options = options || {};
    var palette = options.palette || this.palette;
    var data = JSON.parse(source.textContent);
    var lang = document.documentElement.lang || "zh-hans";
    var number = new Intl.NumberFormat(lang.indexOf("zh") === 0 ? "zh-CN" : "en", { maximumFractionDigits: options.digits === undefined ? 1 : options.digits });
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
    function share(items) {  // a ring of shares with its percentages
      return {
        tooltip: { trigger: "item", formatter: function (p) { return p.name + "<br>" + fmt(p.value) + " (" + p.percent + "%)"; } },
        series: [{ type: "pie", radius: ["45%", "70%"], data: items, label: { formatter: "{b}\n{d}%" } }]
      };
    }
    return { data: data, number: number, fmt: fmt, draw: draw, bars: bars, share: share };
  }
};
