/* Winer's satisfaction × loyalty matrix: one point per customer, the 50/50 lines and the
 * quadrants' names. Clicking a quadrant lists its customers. */
(function () {
  "use strict";
  var COLORS = {
    loyal: "rgba(25, 135, 84, 0.75)", captive: "rgba(255, 193, 7, 0.85)",
    mercenary: "rgba(13, 110, 253, 0.75)", terrorist: "rgba(220, 53, 69, 0.75)"
  };

  function quadrantAt(satisfaction, loyalty, middle) {
    if (loyalty >= middle) { return satisfaction >= middle ? "loyal" : "captive"; }
    return satisfaction >= middle ? "mercenary" : "terrorist";
  }

  window.ClientelaAnalytics.register("loyalty", function (canvas, data, helpers) {
    var corners = [canvas.dataset.labelCaptive, canvas.dataset.labelLoyal,
                   canvas.dataset.labelMercenary, canvas.dataset.labelTerrorist];
    var points = data.points.map(function (point) {
      return { x: point.x, y: point.y, point: point };
    });
    var axis = function (title) {
      return { type: "linear", min: 0, max: 100, title: { display: true, text: title },
               ticks: { stepSize: 25 } };
    };
    helpers.chart(canvas, {
      type: "scatter",
      data: { datasets: [{
        data: points, pointRadius: 6, pointHoverRadius: 8,
        backgroundColor: points.map(function (item) { return COLORS[item.point.quadrant]; }),
        borderColor: "rgba(255, 255, 255, 0.9)", borderWidth: 1, clip: false
      }] },
      plugins: [helpers.quadrantLines],
      options: {
        parsing: false,
        layout: { padding: { top: 8, right: 10 } },
        scales: { x: axis(canvas.dataset.xTitle), y: axis(canvas.dataset.yTitle) },
        onClick: helpers.quadrantClick(canvas, function (satisfaction, loyalty) {
          return quadrantAt(satisfaction, loyalty, data.middle);
        }),
        plugins: {
          legend: { display: false },
          quadrantLines: { x: data.middle, y: data.middle, corners: corners },
          tooltip: { callbacks: { label: function (item) {
            var point = item.raw.point;
            return point.name + ": " + canvas.dataset.satisfaction + " " +
              helpers.number.format(point.x) + " · " + canvas.dataset.loyalty + " " +
              helpers.number.format(point.y);
          } } }
        }
      }
    });
  });
}());
