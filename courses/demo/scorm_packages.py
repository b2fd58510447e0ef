"""Small SCORM packages written by the project itself, for tests and benchmarks
(never third-party files)."""

from __future__ import annotations

import io
import zipfile

SCO_PAGE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>SCO</title></head><body><h1>A tiny SCO</h1></body></html>"""

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="test.scorm12" version="1"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Password basics</title>
      <item identifier="item_1" identifierref="res_1" parameters="?lang=fr">
        <title>Why passwords matter</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
        <adlcp:datafromlms>mode=short</adlcp:datafromlms>
      </item>
      <item identifier="item_2" identifierref="res_2" isvisible="false">
        <title>Hidden appendix</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res_1" type="webcontent" adlcp:scormtype="sco"
        href="sco1/index.html"><file href="sco1/index.html"/></resource>
    <resource identifier="res_2" type="webcontent" adlcp:scormtype="sco"
        href="sco2/index.html"><file href="sco2/index.html"/></resource>
  </resources>
</manifest>"""

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="test.scorm2004" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="other"><title>Not the default</title></organization>
    <organization identifier="org">
      <title>Phishing awareness</title>
      <item identifier="chapter">
        <title>Spot it</title>
        <item identifier="sco_a" identifierref="res_a"><title>Signs</title>
          <imsss:sequencing><imsss:objectives>
            <imsss:primaryObjective objectiveID="pass" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives></imsss:sequencing>
        </item>
        <item identifier="sco_b" identifierref="res_b"><title>Report it</title></item>
      </item>
      <item identifier="glossary" identifierref="res_asset"><title>Glossary</title></item>
      <imsss:sequencing><imsss:controlMode choice="false" flow="true"/></imsss:sequencing>
    </organization>
  </organizations>
  <resources xml:base="content/">
    <resource identifier="res_a" type="webcontent" adlcp:scormType="sco" href="a.html"/>
    <resource identifier="res_b" type="webcontent" adlcp:scormType="sco" href="b.html?step=1"/>
    <resource identifier="res_asset" type="webcontent" adlcp:scormType="asset" href="glossary.html"/>
  </resources>
</manifest>"""


# Three SCOs of SCORM 1.2 and a cheat sheet (an asset).
# Three SCORM 1.2 SCOs and an asset; no mastery score.
MANIFEST_12_SEVERAL = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="test.scorm12.several" version="1"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Data protection</title>
      <item identifier="one" identifierref="res_1"><title>Personal data</title></item>
      <item identifier="two" identifierref="res_2"><title>Consent</title></item>
      <item identifier="three" identifierref="res_3"><title>Breaches</title></item>
      <item identifier="sheet" identifierref="res_sheet"><title>Cheat sheet</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res_1" type="webcontent" adlcp:scormtype="sco"
        href="sco1/index.html"/>
    <resource identifier="res_2" type="webcontent" adlcp:scormtype="sco"
        href="sco2/index.html"/>
    <resource identifier="res_3" type="webcontent" adlcp:scormtype="sco"
        href="sco3/index.html"/>
    <resource identifier="res_sheet" type="webcontent" adlcp:scormtype="asset"
        href="sheet.html"/>
  </resources>
</manifest>"""


def scorm_zip(
    manifest: str = MANIFEST_12,
    files: dict[str, bytes] | None = None,
    *,
    manifest_path: str = "imsmanifest.xml",
) -> io.BytesIO:
    """A zip with ``manifest`` and pages; ``files`` adds or replaces entries
    (``None`` leaves the default pages of both manifests)."""
    entries = {
        "sco1/index.html": SCO_PAGE,
        "sco2/index.html": SCO_PAGE,
        "content/a.html": SCO_PAGE,
        "content/b.html": SCO_PAGE,
        "content/glossary.html": SCO_PAGE,
    }
    entries.update(files or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(manifest_path, manifest)
        for name, content in entries.items():
            archive.writestr(name, content)
    buffer.seek(0)
    return buffer


def scorm_2004() -> io.BytesIO:
    return scorm_zip(MANIFEST_2004)


# A SCORM 2004 SCO that finds API_1484_11 the standard way, reports itself
# completed with a score and asks to continue to the next SCO.
CONTINUING_SCO = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>SCO</title>
<script>
function findAPI(win) {
    var tries = 0;
    while (!win.API_1484_11 && win.parent && win.parent !== win && tries++ < 7) { win = win.parent; }
    return win.API_1484_11;
}
function finish() {
    var api = findAPI(window);
    api.Initialize("");
    api.SetValue("cmi.location", "end");
    api.SetValue("cmi.score.scaled", "0.9");
    api.SetValue("cmi.completion_status", "completed");
    api.SetValue("cmi.session_time", "PT12S");
    api.SetValue("adl.nav.request", "continue");
    api.Commit("");
    api.Terminate("");
}
</script></head><body><h1>A tiny SCO</h1>
<button type="button" onclick="finish()">Finish</button></body></html>"""


def scorm_2004_continuing() -> io.BytesIO:
    return scorm_zip(
        MANIFEST_2004,
        {"content/a.html": CONTINUING_SCO, "content/b.html": CONTINUING_SCO},
    )
