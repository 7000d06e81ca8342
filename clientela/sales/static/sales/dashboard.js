/* The sales dashboard's charts, drawn with Chart.js from the figures the page embeds
 * (`dashboard-data`, the same shape as the API's), and the performance table's sorting.
 *
 * Each chart's numbers are also in the page as text (a visually hidden table and the canvas's
 * aria-label), so nothing depends on this script but the drawing. */
(function () {
  "use strict";
  var dataElement = document.getElementById("dashboard-data");
  if (!dataElement) { return; }
  var data = JSON.parse(dataElement.textContent);
  var labels = JSON.parse(document.getElementById("dashboard-labels").textContent);
  var language = document.documentElement.lang || undefined;
  var money = new Intl.NumberFormat(language, {
    style: "currency", currency: data.currency, maximumFractionDigits: 0
  });
  var number = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  var colors = {
    primary: "rgba(13, 110, 253, 0.75)",
    primaryLine: "rgb(13, 110, 253)",
    success: "rgba(25, 135, 84, 0.75)",
    quota: "rgb(220, 53, 69)",
    muted: "rgba(108, 117, 125, 0.55)"
  };

  function value(text) { return text === null ? null : Number(text); }

  function moneyTicks(tick) { return money.format(tick); }

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas || typeof Chart === "undefined") { return; }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false,
                                     animation: false, layout: { padding: { top: 8 } } },
                                   config.options || {});
    // A lone bar would otherwise stretch over the whole chart.
    config.data.datasets.forEach(function (dataset) {
      if (!dataset.type) { dataset.maxBarThickness = 56; }
    });
    canvas.chart = new Chart(canvas, config);
  }

  draw("chart-funnel", {
    type: "bar",
    data: {
      labels: data.funnel.stages.map(function (row) { return row.name; }),
      datasets: [{
        label: labels.amount, data: data.funnel.stages.map(function (row) { return value(row.amount); }),
        backgroundColor: colors.primary
      }]
    },
    options: {
      indexAxis: "y",
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: function (context) {
          var row = data.funnel.stages[context.dataIndex];
          return money.format(context.parsed.x) + " · " + row.count + " " + labels.opportunities;
        } } }
      },
      scales: { x: { beginAtZero: true, ticks: { callback: moneyTicks } } }
    }
  });

  draw("chart-revenue", {
    type: "bar",
    data: {
      labels: data.revenue.months.map(function (row) { return row.month; }),
      datasets: [
        { type: "line", label: labels.quota, order: 0,
          data: data.revenue.months.map(function (row) { return value(row.quota); }),
          borderColor: colors.quota, backgroundColor: colors.quota, borderWidth: 2,
          pointRadius: 3, spanGaps: false, stepped: "middle" },
        { label: labels.won, order: 1,
          data: data.revenue.months.map(function (row) { return value(row.won_amount); }),
          backgroundColor: colors.success }
      ]
    },
    options: {
      plugins: { tooltip: { callbacks: { label: function (context) {
        return context.dataset.label + ": " + money.format(context.parsed.y);
      } } } },
      scales: { y: { beginAtZero: true, ticks: { callback: moneyTicks } } }
    }
  });

  draw("chart-win-rate", {
    type: "line",
    data: {
      labels: data.win_rate.months.map(function (row) { return row.month; }),
      datasets: [{
        label: labels.win_rate,
        data: data.win_rate.months.map(function (row) { return value(row.rate); }),
        borderColor: colors.primaryLine, backgroundColor: colors.primary, pointRadius: 3,
        spanGaps: true, clip: false
      }]
    },
    options: {
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: function (context) {
          var row = data.win_rate.months[context.dataIndex];
          return number.format(context.parsed.y) + " % (" + row.won + " / " + (row.won + row.lost) + ")";
        } } }
      },
      scales: { y: { min: 0, max: 100, ticks: { callback: function (tick) { return tick + " %"; } } } }
    }
  });

  var stageRows = data.time_in_stage;
  var pipelines = {};
  stageRows.forEach(function (row) { pipelines[row.pipeline] = true; });
  var manyPipelines = Object.keys(pipelines).length > 1;
  draw("chart-stage-time", {
    type: "bar",
    data: {
      labels: stageRows.map(function (row) {
        return manyPipelines ? row.pipeline + " › " + row.name : row.name;
      }),
      datasets: [{
        label: labels.days,
        data: stageRows.map(function (row) { return value(row.average_days); }),
        backgroundColor: colors.primary
      }]
    },
    options: {
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: function (context) {
          var row = stageRows[context.dataIndex];
          return number.format(context.parsed.y) + " · " + row.left_count;
        } } }
      },
      scales: { y: { beginAtZero: true } }
    }
  });

  var people = data.salespeople;
  draw("chart-performance", {
    type: "bar",
    data: {
      labels: people.map(function (row) { return row.name; }),
      datasets: [
        { label: labels.won, data: people.map(function (row) { return value(row.won_amount); }),
          backgroundColor: colors.success },
        { label: labels.weighted,
          data: people.map(function (row) { return value(row.weighted_amount); }),
          backgroundColor: colors.muted },
        { label: labels.quota, data: people.map(function (row) { return value(row.quota); }),
          backgroundColor: "rgba(0, 0, 0, 0)", borderColor: colors.quota, borderWidth: 2 }
      ]
    },
    options: {
      plugins: { tooltip: { callbacks: { label: function (context) {
        return context.dataset.label + ": " + money.format(context.parsed.y);
      } } } },
      scales: { y: { beginAtZero: true, ticks: { callback: moneyTicks } } }
    }
  });

  /* Sorting the performance table by a column: numbers compare as numbers, empty cells last. */
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    table.querySelectorAll("thead th button[data-sort]").forEach(function (button, index) {
      button.addEventListener("click", function () {
        var header = button.closest("th");
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (cell) {
          cell.setAttribute("aria-sort", "none");
        });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = button.dataset.sort === "number";
        rows.sort(function (a, b) {
          var x = a.cells[index].dataset.value, y = b.cells[index].dataset.value;
          if (x === "" || y === "") { return (x === "") - (y === ""); }
          var order = numeric ? Number(x) - Number(y) : x.localeCompare(y, language);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
