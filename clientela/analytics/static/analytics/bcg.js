/* The BCG matrix of customers: one point per customer (our share of its business across,
 * growth up, size by revenue, colour by quadrant), the run's threshold lines and the
 * quadrants' names. Clicking a quadrant lists its customers. */
(function () {
  "use strict";
  var COLORS = {
    star: "rgba(255, 193, 7, 0.85)", cash_cow: "rgba(25, 135, 84, 0.75)",
    question_mark: "rgba(13, 110, 253, 0.75)", dog: "rgba(108, 117, 125, 0.6)"
  };

  function quadrantAt(share, growth, data) {
    var high = share > data.share_threshold;
    var growing = growth > data.growth_threshold;
    if (growing) { return high ? "star" : "question_mark"; }
    return high ? "cash_cow" : "dog";
  }

  window.ClientelaAnalytics.register("bcg", function (canvas, data, helpers) {
    var largest = data.points.reduce(function (most, point) {
      return Math.max(most, point.revenue);
    }, 0) || 1;
    var corners = [canvas.dataset.labelQuestion_mark, canvas.dataset.labelStar,
                   canvas.dataset.labelCash_cow, canvas.dataset.labelDog];
    // Shares are drawn on a logarithmic scale, as the BCG matrix's share axis usually is:
    // most customers hold a few per cent, and a linear axis would pile them on the left.
    var points = data.points.map(function (point) {
      return { x: Math.max(point.x, data.smallest_share), y: point.y, point: point };
    });
    var shareFormat = new Intl.NumberFormat(document.documentElement.lang || undefined,
                                            { style: "percent", maximumFractionDigits: 1 });
    var growthThreshold = data.growth_threshold === null ? 0 : data.growth_threshold;
    var shareThreshold = data.share_threshold === null ? 0.5 : data.share_threshold;
    var bounds = { growth_threshold: growthThreshold, share_threshold: shareThreshold };
    helpers.chart(canvas, {
      type: "scatter",
      data: { datasets: [{
        data: points,
        pointRadius: points.map(function (item) {
          return 3 + 15 * Math.sqrt(Math.max(item.point.revenue, 0) / largest);
        }),
        pointHoverRadius: points.map(function (item) {
          return 5 + 15 * Math.sqrt(Math.max(item.point.revenue, 0) / largest);
        }),
        backgroundColor: points.map(function (item) { return COLORS[item.point.quadrant]; }),
        borderColor: "rgba(255, 255, 255, 0.9)", borderWidth: 1, clip: false
      }] },
      plugins: [helpers.quadrantLines],
      options: {
        parsing: false,
        layout: { padding: { top: 18, right: 18 } },
        scales: {
          x: { type: "logarithmic", min: data.smallest_share, max: 1,
               title: { display: true, text: canvas.dataset.xTitle },
               ticks: { callback: function (value) {
                 var decade = Math.log10(value);
                 return Math.abs(decade - Math.round(decade)) < 1e-9
                   ? shareFormat.format(value) : "";
               } } },
          y: { type: "linear", min: data.growth_range[0], max: data.growth_range[1],
               title: { display: true, text: canvas.dataset.yTitle },
               ticks: { callback: function (value) { return helpers.percent.format(value); } } }
        },
        onClick: helpers.quadrantClick(canvas, function (share, growth) {
          return quadrantAt(share, growth, bounds);
        }),
        plugins: {
          legend: { display: false },
          quadrantLines: { x: shareThreshold, y: growthThreshold, corners: corners },
          tooltip: { callbacks: { label: function (item) {
            var point = item.raw.point;
            var growth = point.growth === null ? canvas.dataset.new
              : helpers.percent.format(point.growth);
            var share = shareFormat.format(point.x) +
              (point.estimated ? " (" + canvas.dataset.estimated + ")" : "");
            return point.name + ": " + growth + " · " + share;
          } } }
        }
      }
    });
  });
}());
