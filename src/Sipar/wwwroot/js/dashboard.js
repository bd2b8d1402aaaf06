// Draws the stacked bar charts of the leadership dashboard from the JSON in each canvas's data-chart.
(function () {
  var colours = ['#adb5bd', '#0d6efd', '#198754', '#dc3545', '#ffc107'];
  document.querySelectorAll('canvas.sipar-chart').forEach(function (canvas) {
    var data = JSON.parse(canvas.dataset.chart);
    var datasets = data.series.map(function (name, i) {
      return { label: name, backgroundColor: (data.colours || colours)[i % colours.length], data: data.values.map(function (row) { return row[i]; }) };
    });
    new Chart(canvas, {
      type: 'bar',
      data: { labels: data.labels, datasets: datasets },
      options: {
        indexAxis: canvas.dataset.horizontal ? 'y' : 'x',
        responsive: true,
        animation: false,
        scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
    canvas.dataset.drawn = 'true';
  });
})();
