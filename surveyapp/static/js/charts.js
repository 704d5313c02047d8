/* Dashboard charts: draws every figure that the page carries as JSON data.

   The server writes each figure as <script type="application/json" data-chart="ID"> next to
   an empty <div id="ID">, so that no inline script is needed and the Content-Security-Policy
   keeps script-src 'self'. Without JavaScript (or without plotly) the page shows the tables
   that sit below every chart; once a chart is drawn its table is folded away (still one
   click to open). */
(function () {
  "use strict";
  var Plotly = window.Plotly;
  if (!Plotly) { return; }

  Plotly.register({
    moduleType: "locale",
    name: "de",
    dictionary: {
      "Autoscale": "Automatisch skalieren",
      "Box Select": "Rechteckauswahl",
      "Click to enter Colorscale title": "Klicken, um den Farbskalentitel einzugeben",
      "Compare data on hover": "Daten beim Überfahren vergleichen",
      "Double-click to zoom back out": "Doppelklick zum Herauszoomen",
      "Download plot": "Diagramm herunterladen",
      "Download plot as a png": "Diagramm als PNG herunterladen",
      "Lasso Select": "Lassoauswahl",
      "Pan": "Verschieben",
      "Produced with Plotly.js": "Erstellt mit Plotly.js",
      "Reset axes": "Achsen zurücksetzen",
      "Reset view": "Ansicht zurücksetzen",
      "Show closest data on hover": "Nächste Daten beim Überfahren anzeigen",
      "Toggle Spike Lines": "Hilfslinien ein-/ausschalten",
      "Zoom": "Zoomen",
      "Zoom in": "Hineinzoomen",
      "Zoom out": "Herauszoomen"
    },
    format: { decimal: ",", thousands: "." }
  });

  var sources = document.querySelectorAll("script[type='application/json'][data-chart]");
  Array.prototype.forEach.call(sources, function (source) {
    var target = document.getElementById(source.getAttribute("data-chart"));
    if (!target) { return; }
    var figure;
    try {
      figure = JSON.parse(source.textContent);
    } catch (error) {
      return;  // the table below the chart still says everything
    }
    var config = figure.config || {};
    // never offer to send a chart to another host, whatever the figure says
    config.showSendToCloud = false;
    config.showEditInChartStudio = false;
    config.plotlyServerURL = "";
    config.displaylogo = false;
    target.hidden = false;
    Plotly.newPlot(target, figure.data || [], figure.layout || {}, config).then(function () {
      target.setAttribute("data-drawn", "true");
      var figureElement = target.closest("figure");
      var table = figureElement && figureElement.querySelector("details[data-chart-table]");
      if (table) { table.open = false; }
    });
  });
})();
