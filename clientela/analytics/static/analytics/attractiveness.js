/* The attractiveness ranking: the most attractive accounts as horizontal bars (key accounts
 * coloured), with the key account bar drawn across them as a dashed line. */
(function () {
  "use strict";
  var barLine = {
    id: "keyAccountBar",
    afterDatasetsDraw: function (chart, args, options) {
      var x = chart.scales.x.getPixelForValue(options.value);
      var area = chart.chartArea;
      var context = chart.ctx;
      context.save();
      context.strokeStyle = options.color;
      context.lineWidth = 2;
      context.setLineDash([6, 4]);
      context.beginPath();
      context.moveTo(x, area.top);
      context.lineTo(x, area.bottom);
      context.stroke();
      context.setLineDash([]);
      context.fillStyle = options.color;
      context.textAlign = "center";
      context.font = "12px sans-serif";
      context.fillText(options.label + " " + options.value, x, area.top - 4);
      context.restore();
    }
  };

  window.ClientelaAnalytics.register("attractiveness", function (canvas, data, helpers) {
    var accounts = data.accounts;
    helpers.chart(canvas, {
      type: "bar",
      data: {
        labels: accounts.map(function (account) { return account.name; }),
        datasets: [{
          label: canvas.dataset.score || "Attractiveness",
          data: accounts.map(function (account) { return account.value; }),
          backgroundColor: accounts.map(function (account) {
            return account.key ? helpers.colors.success : helpers.colors.muted;
          })
        }]
      },
      plugins: [barLine],
      options: {
        indexAxis: "y",
        layout: { padding: { top: 16 } },
        scales: { x: { min: 0, max: 100 }, y: { ticks: { autoSkip: false } } },
        plugins: {
          legend: { display: false },
          keyAccountBar: { value: data.bar, color: "rgb(220, 53, 69)",
                           label: canvas.dataset.bar || "Bar" },
          tooltip: { callbacks: { label: function (item) {
            var account = accounts[item.dataIndex];
            return helpers.number.format(item.parsed.x) + " · " +
              (account.key ? canvas.dataset.key : canvas.dataset.other);
          } } }
        }
      }
    });
  });
}());
