// Draw every plotly figure of the page (no inline script, so the CSP stays strict):
// - a [data-chart] container whose figure sits in a <script type="application/json">
//   of the same id (the network, the maturity results);
// - a section [data-part] (a dashboard's, My skills') whose figure and table come from their own
//   URL (JSON, kept by the browser: see reporting/dashboard/parts.py). The table
//   replaces the link to its own page in the section's <details>; a part with no
//   figures shows why instead of its chart. If the request fails, the link stays.
//   data-part-state says when a part is done ("shown" or "failed").
// No mode bar: on a phone it covers the title, and the table below each chart
// and its downloads already give the figures.
(function () {
    "use strict";
    var options = { responsive: true, displaylogo: false, displayModeBar: false };

    function draw(element, figure) {
        if (window.Plotly && figure) {
            window.Plotly.newPlot(element, figure.data, figure.layout, options);
        }
    }

    function show(section, part) {
        var chart = section.querySelector("[data-chart]");
        var details = section.querySelector("details");
        if (part.empty) {
            var figure = section.querySelector("figure");
            if (figure) {
                figure.remove();
            }
            if (details) {
                details.insertAdjacentHTML("beforebegin", part.html);
                details.remove();
            }
            return;
        }
        var table = section.querySelector("[data-part-table]");
        if (table) {
            table.innerHTML = part.html;
        }
        if (chart) {
            draw(chart, part.figure);
        }
    }

    document.querySelectorAll("[data-chart]").forEach(function (element) {
        var source = document.getElementById(element.dataset.chart);
        if (source) {
            draw(element, JSON.parse(source.textContent));
        }
    });
    document.querySelectorAll("[data-part]").forEach(function (section) {
        fetch(section.dataset.part, {
            credentials: "same-origin",
            headers: { Accept: "application/json" },
        })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(response.status);
                }
                return response.json();
            })
            .then(function (part) {
                show(section, part);
                section.dataset.partState = "shown";
            })
            .catch(function () {
                section.dataset.partState = "failed";
            });
    });
})();
