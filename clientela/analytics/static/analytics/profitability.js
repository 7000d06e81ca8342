/* The whale curve: customers ranked by net profit, most profitable first, against the
 * cumulative net profit as a share of the total; it rises above 100 % and falls back as the
 * unprofitable customers take profit away. */
(function () {
  "use strict";
  window.ClientelaAnalytics.register("profitability", function (canvas, data, helpers) {
    var points = data.curve.map(function (point) { return { x: point[0], y: point[1] }; });
    var percent = function (value) { return helpers.percent.format(value); };
    var top = Math.max(1, data.peak[1]);
    helpers.chart(canvas, {
      type: "line",
      data: { datasets: [
        { label: canvas.dataset.curve || "Net profit", data: points,
          borderColor: helpers.colors.primaryLine, backgroundColor: helpers.colors.primary,
          pointRadius: 0, fill: false, tension: 0 },
        { label: canvas.dataset.total || "100 %", data: [{ x: 0, y: 1 }, { x: 1, y: 1 }],
          borderColor: helpers.colors.muted, borderDash: [4, 4], pointRadius: 0 },
        { label: canvas.dataset.peak || "Peak", type: "scatter",
          data: [{ x: data.peak[0], y: data.peak[1] }],
          backgroundColor: helpers.colors.danger, pointRadius: 5 }
      ] },
      options: {
        parsing: false,
        scales: {
          x: { type: "linear", min: 0, max: 1, title: { display: true, text: canvas.dataset.xTitle || "" },
               ticks: { callback: percent } },
          y: { type: "linear", min: 0, suggestedMax: Math.ceil(top * 10) / 10,
               title: { display: true, text: canvas.dataset.yTitle || "" },
               ticks: { callback: percent } }
        },
        plugins: { tooltip: { callbacks: { label: function (item) {
          return percent(item.parsed.x) + " → " + percent(item.parsed.y);
        } } } }
      }
    });
  });
}());
