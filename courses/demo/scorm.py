"""A small SCORM 2004 package for the demo, written here so that ``make run`` shows
SCORM working without any third-party file: two SCOs (a reading with a bookmark, a
scored exercise) in French, on the API_1484_11 the player provides."""

from __future__ import annotations

import io
import zipfile

IDENTIFIER = "civicskills.demo.phishing-exercise"

MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{IDENTIFIER}" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="module">
    <organization identifier="module">
      <title>Exercice : signaler un e-mail suspect</title>
      <item identifier="reading" identifierref="res_reading">
        <title>Les signes qui doivent alerter</title>
      </item>
      <item identifier="exercise" identifierref="res_exercise">
        <title>Mise en situation</title>
        <imsss:sequencing><imsss:objectives>
          <imsss:primaryObjective objectiveID="exercise" satisfiedByMeasure="true">
            <imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure>
          </imsss:primaryObjective>
        </imsss:objectives></imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res_reading" type="webcontent" adlcp:scormType="sco"
        href="reading.html">
      <file href="reading.html"/><dependency identifierref="shared"/>
    </resource>
    <resource identifier="res_exercise" type="webcontent" adlcp:scormType="sco"
        href="exercise.html">
      <file href="exercise.html"/><dependency identifierref="shared"/>
    </resource>
    <resource identifier="shared" type="webcontent" adlcp:scormType="asset">
      <file href="sco.js"/><file href="sco.css"/>
    </resource>
  </resources>
</manifest>"""

SCO_JS = """// Finds the SCORM 2004 API the standard way and reports to it.
var SCO = (function () {
    "use strict";
    function findAPI(win) {
        var tries = 0;
        while (!win.API_1484_11 && win.parent && win.parent !== win && tries++ < 10) {
            win = win.parent;
        }
        return win.API_1484_11 || null;
    }
    var api = findAPI(window);
    var started = Date.now();
    var finished = false;
    function get(name) { return api ? api.GetValue(name) : ""; }
    function set(name, value) { if (api) { api.SetValue(name, String(value)); } }
    function duration() {
        var seconds = (Date.now() - started) / 1000;
        return "PT" + Math.floor(seconds / 3600) + "H" + Math.floor((seconds % 3600) / 60) +
            "M" + (seconds % 60).toFixed(2) + "S";
    }
    function start() {
        if (!api) { return; }
        api.Initialize("");
        var status = get("cmi.completion_status");
        if (status === "unknown" || status === "not attempted") {
            set("cmi.completion_status", "incomplete");
        }
    }
    function finish(exit) {
        if (finished || !api) { return; }
        finished = true;
        set("cmi.session_time", duration());
        set("cmi.exit", exit);
        api.Terminate("");
    }
    window.addEventListener("pagehide", function () { finish("suspend"); });
    return { start: start, get: get, set: set, finish: finish,
             commit: function () { if (api) { api.Commit(""); } } };
})();
"""

SCO_CSS = """body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 1rem auto;
  max-width: 42rem; padding: 0 1rem; color: #1b1f24; }
button { background: #0b5cab; color: #fff; border: 0; border-radius: 4px;
  padding: .5rem 1rem; font: inherit; cursor: pointer; }
button:disabled { background: #6b7480; }
:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
fieldset { border: 1px solid #c9d0d8; border-radius: 6px; margin-bottom: 1rem; }
.result { font-weight: 700; }
"""

READING = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Les signes qui doivent alerter</title>
<link rel="stylesheet" href="sco.css"><script src="sco.js"></script></head>
<body><main>
<h1>Les signes qui doivent alerter</h1>
<section data-part="0"><h2>1. L'expéditeur</h2>
<p>Le nom affiché ne prouve rien : regardez l'adresse complète. Une lettre changée
(« rnairie » au lieu de « mairie ») ou un domaine inconnu doivent vous arrêter.</p></section>
<section data-part="1" hidden><h2>2. L'urgence</h2>
<p>« Votre compte sera supprimé dans 24 heures », « paiement immédiat » : la pression
sert à vous empêcher de réfléchir. Un vrai service vous laisse le temps.</p></section>
<section data-part="2" hidden><h2>3. Le lien et la pièce jointe</h2>
<p>Survolez le lien sans cliquer : l'adresse qui s'affiche est-elle celle du service ?
Une pièce jointe inattendue (.zip, .html, document qui demande d'activer les macros)
ne s'ouvre pas. En cas de doute, signalez le message au service informatique.</p></section>
<p><button type="button" id="previous">Précédent</button>
<button type="button" id="next">Suivant</button></p>
<p id="status" role="status"></p>
</main>
<script>
(function () {
    var parts = document.querySelectorAll("section[data-part]");
    var current = 0;
    SCO.start();
    var saved = parseInt(SCO.get("cmi.location"), 10);
    if (saved > 0 && saved < parts.length) { current = saved; }
    function show() {
        parts.forEach(function (part, index) { part.hidden = index !== current; });
        document.getElementById("previous").disabled = current === 0;
        document.getElementById("next").disabled = current === parts.length - 1;
        SCO.set("cmi.location", current);
        SCO.set("cmi.progress_measure", ((current + 1) / parts.length).toFixed(2));
        if (current === parts.length - 1) {
            SCO.set("cmi.completion_status", "completed");
            document.getElementById("status").textContent = "Lecture terminée.";
        }
        SCO.commit();
    }
    document.getElementById("previous").onclick = function () { current -= 1; show(); };
    document.getElementById("next").onclick = function () { current += 1; show(); };
    show();
})();
</script></body></html>"""

QUESTIONS = [
    (
        "Un e-mail signé « Service paie » vient de paie-mairie@gmaiil.com. Vous…",
        [
            "répondez pour vérifier",
            "le signalez au service informatique",
            "cliquez pour voir",
        ],
        1,
    ),
    (
        "Un message exige un paiement « avant ce soir ». C'est…",
        ["un signe de hameçonnage", "normal en fin de mois"],
        0,
    ),
    (
        "Une facture inattendue arrive en pièce jointe .zip. Vous…",
        [
            "l'ouvrez pour vérifier le montant",
            "la transférez à un collègue",
            "ne l'ouvrez pas et la signalez",
        ],
        2,
    ),
]


def _exercise() -> str:
    fieldsets = []
    for number, (text, answers, _correct) in enumerate(QUESTIONS):
        options = "".join(
            f'<p><input type="radio" name="q{number}" id="q{number}a{index}" '
            f'value="{index}"> <label for="q{number}a{index}">{answer}</label></p>'
            for index, answer in enumerate(answers)
        )
        fieldsets.append(
            f"<fieldset><legend>{number + 1}. {text}</legend>{options}</fieldset>"
        )
    correct = ",".join(str(item[2]) for item in QUESTIONS)
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mise en situation</title>
<link rel="stylesheet" href="sco.css"><script src="sco.js"></script></head>
<body><main>
<h1>Mise en situation</h1>
<p>Trois messages arrivent dans votre boîte. Que faites-vous ? Il faut 70 % pour réussir.</p>
<form id="exercise">{"".join(fieldsets)}
<button type="submit">Valider mes réponses</button></form>
<p id="result" class="result" role="status"></p>
</main>
<script>
(function () {{
    var correct = [{correct}];
    SCO.start();
    document.getElementById("exercise").onsubmit = function (event) {{
        event.preventDefault();
        var right = 0;
        correct.forEach(function (answer, index) {{
            var chosen = document.querySelector("input[name=q" + index + "]:checked");
            if (chosen && Number(chosen.value) === answer) {{ right += 1; }}
        }});
        var scaled = right / correct.length;
        SCO.set("cmi.score.raw", right);
        SCO.set("cmi.score.min", 0);
        SCO.set("cmi.score.max", correct.length);
        SCO.set("cmi.score.scaled", scaled.toFixed(2));
        SCO.set("cmi.completion_status", "completed");
        SCO.set("cmi.success_status", scaled >= 0.7 ? "passed" : "failed");
        SCO.commit();
        document.getElementById("result").textContent = right + " bonne(s) réponse(s) sur " +
            correct.length + (scaled >= 0.7 ? " : réussi." : " : relisez les signes et réessayez.");
    }};
}})();
</script></body></html>"""


def demo_package() -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", MANIFEST)
        archive.writestr("sco.js", SCO_JS)
        archive.writestr("sco.css", SCO_CSS)
        archive.writestr("reading.html", READING)
        archive.writestr("exercise.html", _exercise())
    buffer.seek(0)
    return buffer
