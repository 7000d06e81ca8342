/* The Pareto curve: cumulative share of value against share of customers, the diagonal of an
 * even spread, and the headline point where the A cut-off is reached. */
(function () {
  "use strict";
  window.ClientelaAnalytics.register("pareto", function (canvas, data, helpers) {
    var points = data.curve.map(function (point) { return { x: point[0], y: point[1] }; });
    var axis = function (title) {
      return { type: "linear", min: 0, max: 1, title: { display: true, text: title },
               ticks: { callback: function (value) { return helpers.percent.format(value); } } };
    };
    helpers.chart(canvas, {
      type: "line",
      data: { datasets: [
        { label: canvas.dataset.curve || "Value", data: points, borderColor: helpers.colors.primaryLine,
          backgroundColor: helpers.colors.primary, pointRadius: 0, fill: false, tension: 0 },
        { label: canvas.dataset.even || "Even", data: [{ x: 0, y: 0 }, { x: 1, y: 1 }],
          borderColor: helpers.colors.muted, borderDash: [4, 4], pointRadius: 0 },
        { label: canvas.dataset.headline || "A", type: "scatter",
          data: [{ x: data.headline[0], y: data.headline[1] }],
          backgroundColor: helpers.colors.danger, pointRadius: 5 }
      ] },
      options: {
        parsing: false,
        scales: { x: axis(canvas.dataset.xTitle || ""), y: axis(canvas.dataset.yTitle || "") },
        plugins: { tooltip: { callbacks: { label: function (item) {
          return helpers.percent.format(item.parsed.x) + " → " + helpers.percent.format(item.parsed.y);
        } } } }
      }
    });
  });
}());
