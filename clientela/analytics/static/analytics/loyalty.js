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

  var middleLines = {
    id: "loyaltyMiddle",
    afterDraw: function (chart, args, options) {
      var x = chart.scales.x, y = chart.scales.y, area = chart.chartArea, context = chart.ctx;
      var left = x.getPixelForValue(options.middle), top = y.getPixelForValue(options.middle);
      context.save();
      context.strokeStyle = "rgba(33, 37, 41, 0.55)";
      context.setLineDash([6, 4]);
      context.beginPath();
      context.moveTo(left, area.top); context.lineTo(left, area.bottom);
      context.moveTo(area.left, top); context.lineTo(area.right, top);
      context.stroke();
      context.setLineDash([]);
      context.font = "600 12px system-ui, sans-serif";
      context.fillStyle = "rgba(33, 37, 41, 0.7)";
      var pad = 6, labels = options.labels;
      context.textBaseline = "top";
      context.textAlign = "left";
      context.fillText(labels.captive, area.left + pad, area.top + pad);
      context.textAlign = "right";
      context.fillText(labels.loyal, area.right - pad, area.top + pad);
      context.textBaseline = "bottom";
      context.fillText(labels.mercenary, area.right - pad, area.bottom - pad);
      context.textAlign = "left";
      context.fillText(labels.terrorist, area.left + pad, area.bottom - pad);
      context.restore();
    }
  };

  window.ClientelaAnalytics.register("loyalty", function (canvas, data, helpers) {
    var labels = {
      loyal: canvas.dataset.labelLoyal, captive: canvas.dataset.labelCaptive,
      mercenary: canvas.dataset.labelMercenary, terrorist: canvas.dataset.labelTerrorist
    };
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
      plugins: [middleLines],
      options: {
        parsing: false,
        layout: { padding: { top: 8, right: 10 } },
        scales: { x: axis(canvas.dataset.xTitle), y: axis(canvas.dataset.yTitle) },
        onClick: function (event, elements, chart) {
          var satisfaction = chart.scales.x.getValueForPixel(event.x);
          var loyalty = chart.scales.y.getValueForPixel(event.y);
          window.location.search = canvas.dataset.quadrantUrl.replace(/^\?/, "") +
            quadrantAt(satisfaction, loyalty, data.middle);
        },
        plugins: {
          legend: { display: false },
          loyaltyMiddle: { middle: data.middle, labels: labels },
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
