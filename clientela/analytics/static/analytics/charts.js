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
