// Charts of the inventory preview (Apache ECharts, served by the app).
(function () {
  function data(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
  var sections = data("chart-sections-data"), months = data("chart-months-data");
  var palette = ["#1f5f4a", "#3f8f6b", "#86b89b", "#c9a227", "#7a8b99"];
  if (sections && document.getElementById("chart-sections")) {
    echarts.init(document.getElementById("chart-sections")).setOption({
      animation: false, color: palette, tooltip: { trigger: "item", formatter: "{b}: {c} t ({d}%)" },
      series: [{ type: "pie", radius: ["45%", "70%"], data: sections, label: { formatter: "{b}\n{d}%" } }]
    });
  }
  if (months && document.getElementById("chart-months")) {
    echarts.init(document.getElementById("chart-months")).setOption({
      animation: false, color: palette, tooltip: { trigger: "axis" }, grid: { left: 60, right: 20, top: 20, bottom: 30 },
      xAxis: { type: "category", data: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"] },
      yAxis: { type: "value", name: "t CO2e" }, series: [{ type: "bar", data: months }]
    });
  }
})();
