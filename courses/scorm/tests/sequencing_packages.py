"""SCORM 2004 4th-edition packages written for the sequencing tests: content
SCOs that do not count for rollup and a post-test that decides (as Rustici's
"post-test rollup" example does), notes shared through ``adl.data``."""

from __future__ import annotations

import io

from courses.demo.scorm_packages import scorm_zip

MANIFEST_POST_TEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="test.sequencing.posttest" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="golf">
    <organization identifier="golf">
      <title>Golf explained</title>
      <item identifier="content">
        <title>Golf content</title>
        <item identifier="playing" identifierref="res_sco" parameters="?role=content">
          <title>Playing</title>
          <adlcp:data><adlcp:map targetID="notes" readSharedData="true" writeSharedData="true"/></adlcp:data>
          <imsss:sequencing IDRef="content_sco"/>
        </item>
        <item identifier="etiquette" identifierref="res_sco" parameters="?role=content">
          <title>Etiquette</title>
          <adlcp:data><adlcp:map targetID="notes" readSharedData="true" writeSharedData="true"/></adlcp:data>
          <imsss:sequencing IDRef="content_sco">
            <imsss:sequencingRules>
              <imsss:preConditionRule>
                <imsss:ruleConditions conditionCombination="any">
                  <imsss:ruleCondition referencedObjective="etiquette_ready" condition="satisfied" operator="not"/>
                  <imsss:ruleCondition referencedObjective="etiquette_ready" condition="objectiveStatusKnown" operator="not"/>
                </imsss:ruleConditions>
                <imsss:ruleAction action="disabled"/>
              </imsss:preConditionRule>
            </imsss:sequencingRules>
            <imsss:objectives>
              <imsss:primaryObjective objectiveID="etiquette_primary"/>
              <imsss:objective objectiveID="etiquette_ready">
                <imsss:mapInfo targetObjectiveID="golf_basics" readSatisfiedStatus="true"/>
              </imsss:objective>
            </imsss:objectives>
          </imsss:sequencing>
        </item>
        <imsss:sequencing>
          <imsss:controlMode choice="true" flow="true"/>
          <imsss:rollupRules rollupObjectiveSatisfied="false" rollupProgressCompletion="false" objectiveMeasureWeight="0"/>
        </imsss:sequencing>
      </item>
      <item identifier="posttest" identifierref="res_sco" parameters="?role=test">
        <title>Post-test</title>
        <adlcp:data><adlcp:map targetID="notes" readSharedData="true" writeSharedData="true"/></adlcp:data>
        <imsss:sequencing>
          <imsss:limitConditions attemptLimit="3"/>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="test_passed" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>
              <imsss:mapInfo targetObjectiveID="golf_basics" writeSatisfiedStatus="true" writeNormalizedMeasure="true"/>
            </imsss:primaryObjective>
          </imsss:objectives>
          <adlseq:objectives>
            <adlseq:objective objectiveID="test_passed">
              <adlseq:mapInfo targetObjectiveID="golf_basics" writeCompletionStatus="true"/>
            </adlseq:objective>
          </adlseq:objectives>
        </imsss:sequencing>
        <adlnav:presentation><adlnav:navigationInterface>
          <adlnav:hideLMSUI>previous</adlnav:hideLMSUI>
        </adlnav:navigationInterface></adlnav:presentation>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true" forwardOnly="false"/>
        <imsss:rollupRules>
          <imsss:rollupRule childActivitySet="all">
            <imsss:rollupConditions><imsss:rollupCondition condition="satisfied"/></imsss:rollupConditions>
            <imsss:rollupAction action="satisfied"/>
          </imsss:rollupRule>
        </imsss:rollupRules>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res_sco" type="webcontent" adlcp:scormType="sco" href="sco.html"/>
  </resources>
  <imsss:sequencingCollection>
    <imsss:sequencing ID="content_sco">
      <imsss:rollupRules rollupObjectiveSatisfied="false" rollupProgressCompletion="false" objectiveMeasureWeight="0"/>
    </imsss:sequencing>
  </imsss:sequencingCollection>
</manifest>"""

# One page for every item: content pages keep notes (adl.data) and offer
# "Skip to the test"; the test page passes with 90 % and ends the course.
SEQUENCED_SCO = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>SCO</title>
<script>
function findAPI(win) {
    var tries = 0;
    while (!win.API_1484_11 && win.parent && win.parent !== win && tries++ < 7) { win = win.parent; }
    return win.API_1484_11;
}
var api;
window.addEventListener("load", function () {
    api = findAPI(window);
    api.Initialize("");
    document.getElementById("notes").value = api.GetValue("adl.data.0.store");
    document.getElementById("role").textContent = location.search.indexOf("role=test") >= 0 ? "Test" : "Content";
});
function saveNotes() {
    api.SetValue("adl.data.0.store", document.getElementById("notes").value);
    api.Commit("");
    document.getElementById("saved").textContent = "Notes saved";
}
function skip() {
    api.SetValue("adl.nav.request", "{target=posttest}choice");
    api.Terminate("");
}
function pass() {
    api.SetValue("cmi.score.scaled", "0.9");
    api.SetValue("cmi.completion_status", "completed");
    api.SetValue("cmi.success_status", "passed");
    api.SetValue("cmi.exit", "normal");
    api.SetValue("adl.nav.request", "exitAll");
    api.Terminate("");
}
</script></head><body><h1 id="role">SCO</h1>
<label for="notes">Notes</label><textarea id="notes"></textarea>
<button type="button" onclick="saveNotes()">Save notes</button><p id="saved"></p>
<button type="button" onclick="skip()">Skip to the test</button>
<button type="button" onclick="pass()">Pass the test</button></body></html>"""


def post_test_package(manifest: str = MANIFEST_POST_TEST) -> io.BytesIO:
    return scorm_zip(manifest, {"sco.html": SEQUENCED_SCO})


# Three steps to take in order: flow and forward only, no choice.
MANIFEST_FORWARD_ONLY = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="test.sequencing.forward" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="steps">
    <organization identifier="steps">
      <title>Three steps</title>
      <item identifier="one" identifierref="res_step" parameters="?n=1"><title>Step one</title></item>
      <item identifier="two" identifierref="res_step" parameters="?n=2"><title>Step two</title></item>
      <item identifier="three" identifierref="res_step" parameters="?n=3"><title>Step three</title></item>
      <imsss:sequencing>
        <imsss:controlMode choice="false" flow="true" forwardOnly="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res_step" type="webcontent" adlcp:scormType="sco" href="step.html"/>
  </resources>
</manifest>"""

# A step: says which it is and how it was entered; completes as it loads,
# terminates as it unloads; "Suspend" suspends the whole course.
STEP_SCO = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Step</title>
<script>
function findAPI(win) {
    var tries = 0;
    while (!win.API_1484_11 && win.parent && win.parent !== win && tries++ < 7) { win = win.parent; }
    return win.API_1484_11;
}
var api, done = false;
window.addEventListener("load", function () {
    api = findAPI(window);
    api.Initialize("");
    document.getElementById("step").textContent = "Step " + location.search.replace(/.*n=(\\d).*/, "$1");
    document.getElementById("entry").textContent = "Entry: " + api.GetValue("cmi.entry");
    api.SetValue("cmi.completion_status", "completed");
});
function end() {
    if (!done) { done = true; api.Terminate(""); }
}
window.addEventListener("pagehide", end);
function suspend() {
    api.SetValue("cmi.exit", "suspend");
    api.SetValue("adl.nav.request", "suspendAll");
    end();
}
</script></head><body><h1 id="step">Step</h1><p id="entry"></p>
<button type="button" onclick="suspend()">Suspend</button></body></html>"""


def forward_only_package() -> io.BytesIO:
    return scorm_zip(MANIFEST_FORWARD_ONLY, {"step.html": STEP_SCO})
