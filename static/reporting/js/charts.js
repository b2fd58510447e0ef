// Draw every plotly figure whose JSON sits in a <script type="application/json">
// next to a [data-chart] container (no inline script, so the CSP stays strict).
// No mode bar: on a phone it covers the title, and the table below each chart
// and its downloads already give the figures.
(function () {
    "use strict";
    document.querySelectorAll("[data-chart]").forEach(function (element) {
        var source = document.getElementById(element.dataset.chart);
        if (!source || !window.Plotly) {
            return;
        }
        var figure = JSON.parse(source.textContent);
        window.Plotly.newPlot(element, figure.data, figure.layout, {
            responsive: true,
            displaylogo: false,
            displayModeBar: false,
        });
    });
})();
