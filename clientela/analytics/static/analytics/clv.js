/* The lifetime value charts: customers per band of value, the top customers' values and the
 * holdout check (predicted against actual repeat purchases per calibration frequency). */
(function () {
  "use strict";
  window.ClientelaAnalytics.register("clv", function (canvas, data, helpers) {
    var money = helpers.money(canvas.dataset.currency || "EUR");
    var title = function (text) { return { display: Boolean(text), text: text }; };
    helpers.chart(canvas, {
      type: "bar",
      data: {
        labels: data.histogram.map(function (band) {
          return money.format(band[0]) + " – " + money.format(band[1]);
        }),
        datasets: [{ label: canvas.dataset.yTitle || "", backgroundColor: helpers.colors.primary,
                     categoryPercentage: 1, barPercentage: 0.95,
                     data: data.histogram.map(function (band) { return band[2]; }) }]
      },
      options: {
        plugins: { legend: { display: false } },
        scales: { x: { title: title(canvas.dataset.xTitle), ticks: { maxRotation: 60 } },
                  y: { beginAtZero: true, ticks: { precision: 0 },
                       title: title(canvas.dataset.yTitle) } }
      }
    });

    var top = document.getElementById("clv-top-chart");
    if (top && data.top.length) {
      helpers.chart(top, {
        type: "bar",
        data: {
          labels: data.top.map(function (row) { return row[0]; }),
          datasets: [{ backgroundColor: helpers.colors.success,
                       data: data.top.map(function (row) { return row[1]; }) }]
        },
        options: {
          indexAxis: "y",
          plugins: { legend: { display: false }, tooltip: { callbacks: {
            label: function (item) { return money.format(item.parsed.x); } } } },
          scales: { x: { beginAtZero: true,
                         ticks: { callback: function (value) { return money.format(value); } } },
                    y: { ticks: { autoSkip: false } } }
        }
      });
    }

    var holdout = document.getElementById("clv-holdout-chart");
    if (holdout && data.holdout) {
      helpers.chart(holdout, {
        type: "bar",
        data: {
          labels: data.holdout.map(function (row) { return row[0] === 7 ? "7+" : String(row[0]); }),
          datasets: [
            { label: holdout.dataset.predicted || "Predicted", backgroundColor: helpers.colors.primary,
              data: data.holdout.map(function (row) { return row[1]; }) },
            { label: holdout.dataset.actual || "Actual", backgroundColor: helpers.colors.warning,
              data: data.holdout.map(function (row) { return row[2]; }) }
          ]
        },
        options: {
          scales: { x: { title: title(holdout.dataset.xTitle) },
                    y: { beginAtZero: true, title: title(holdout.dataset.yTitle) } },
          plugins: { tooltip: { callbacks: { label: function (item) {
            return item.dataset.label + ": " + helpers.number.format(item.parsed.y);
          } } } }
        }
      });
    }
  });
}());
