/* The RFM segments: customers per segment as horizontal bars; a click on a bar shows the
 * segment's customers, as its link in the table does. */
(function () {
  "use strict";
  window.ClientelaAnalytics.register("rfm", function (canvas, data, helpers) {
    var segments = data.segments;
    var link = function (segment) {
      var query = new URLSearchParams(window.location.search);
      ["segment", "r", "fm", "page", "format"].forEach(function (name) { query.delete(name); });
      query.set("segment", segment);
      return "?" + query.toString();
    };
    helpers.chart(canvas, {
      type: "bar",
      data: {
        labels: segments.map(function (row) { return row.label; }),
        datasets: [{ label: canvas.dataset.title || "", backgroundColor: helpers.colors.primary,
                     data: segments.map(function (row) { return row.customers; }) }]
      },
      options: {
        indexAxis: "y",
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } },
                  y: { ticks: { autoSkip: false } } },
        onClick: function (event, elements) {
          if (elements.length) { window.location.search = link(segments[elements[0].index].segment); }
        },
        onHover: function (event, elements) {
          event.native.target.style.cursor = elements.length ? "pointer" : "default";
        }
      }
    });
  });
}());
