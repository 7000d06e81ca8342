/* The analytics pages' charts: each page embeds its figures as `analytics-chart-data`
 * ({"kind": ..., ...}) and loads the script of its kind, which registers a drawer here.
 *
 * The figures are in the page as text too (headline, tables), so nothing but the picture
 * depends on this script. */
(function () {
  "use strict";
  var language = document.documentElement.lang || undefined;
  var drawers = {};
  var helpers = {
    percent: new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 }),
    number: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }),
    money: function (currency) {
      return new Intl.NumberFormat(language, { style: "currency", currency: currency,
                                               maximumFractionDigits: 0 });
    },
    colors: {
      primary: "rgba(13, 110, 253, 0.75)", primaryLine: "rgb(13, 110, 253)",
      success: "rgba(25, 135, 84, 0.75)", warning: "rgba(255, 193, 7, 0.8)",
      danger: "rgba(220, 53, 69, 0.75)", muted: "rgba(108, 117, 125, 0.55)",
      info: "rgba(13, 202, 240, 0.75)"
    },
    // Dashed lines through (options.x, options.y) and a name in each corner
    // (options.corners: top left, top right, bottom right, bottom left): the quadrant charts.
    quadrantLines: {
      id: "quadrantLines",
      afterDraw: function (chart, args, options) {
        var area = chart.chartArea, context = chart.ctx;
        var left = chart.scales.x.getPixelForValue(options.x);
        var top = chart.scales.y.getPixelForValue(options.y);
        context.save();
        context.strokeStyle = "rgba(33, 37, 41, 0.55)";
        context.setLineDash([6, 4]);
        context.beginPath();
        if (left >= area.left && left <= area.right) {
          context.moveTo(left, area.top); context.lineTo(left, area.bottom);
        }
        if (top >= area.top && top <= area.bottom) {
          context.moveTo(area.left, top); context.lineTo(area.right, top);
        }
        context.stroke();
        context.setLineDash([]);
        context.font = "600 12px system-ui, sans-serif";
        context.fillStyle = "rgba(33, 37, 41, 0.7)";
        var pad = 6, corners = options.corners;
        context.textBaseline = "top";
        context.textAlign = "left";
        context.fillText(corners[0], area.left + pad, area.top + pad);
        context.textAlign = "right";
        context.fillText(corners[1], area.right - pad, area.top + pad);
        context.textBaseline = "bottom";
        context.fillText(corners[2], area.right - pad, area.bottom - pad);
        context.textAlign = "left";
        context.fillText(corners[3], area.left + pad, area.bottom - pad);
        context.restore();
      }
    },
    // A click anywhere in a quadrant chart lists that quadrant's customers.
    quadrantClick: function (canvas, quadrantAt) {
      return function (event, elements, chart) {
        var x = chart.scales.x.getValueForPixel(event.x);
        var y = chart.scales.y.getValueForPixel(event.y);
        window.location.search = canvas.dataset.quadrantUrl.replace(/^\?/, "") +
          quadrantAt(x, y);
      };
    },
    chart: function (canvas, config) {
      config.options = Object.assign({ responsive: true, maintainAspectRatio: false,
                                       animation: false }, config.options || {});
      canvas.chart = new Chart(canvas, config);
      return canvas.chart;
    }
  };

  window.ClientelaAnalytics = {
    helpers: helpers,
    register: function (kind, draw) { drawers[kind] = draw; }
  };

  document.addEventListener("DOMContentLoaded", function () {
    var dataElement = document.getElementById("analytics-chart-data");
    var canvas = document.getElementById("analytics-chart");
    if (!dataElement || !canvas || typeof Chart === "undefined") { return; }
    var data = JSON.parse(dataElement.textContent);
    var draw = data && drawers[data.kind];
    if (draw) { draw(canvas, data, helpers); }
  });
}());
