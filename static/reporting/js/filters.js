// The competence filter follows the competence area: choosing an area lists its
// competences at once (without JavaScript, the list follows once the filter is
// applied). The choices per area come from a <script type="application/json">.
(function () {
    "use strict";
    var source = document.getElementById("competence-choices");
    var area = document.getElementById("id_area");
    var competence = document.getElementById("id_competence");
    if (!source || !area || !competence) {
        return;
    }
    var byArea = JSON.parse(source.textContent);
    var all = competence.options[0].cloneNode(true);
    area.addEventListener("change", function () {
        var kept = competence.value;
        var codes = area.value ? [area.value] : Object.keys(byArea);
        competence.replaceChildren(all.cloneNode(true));
        codes.forEach(function (code) {
            (byArea[code] || []).forEach(function (pair) {
                var option = new Option(pair[1], pair[0]);
                option.selected = pair[0] === kept;
                competence.add(option);
            });
        });
    });
})();
