// The launch wrapper, on the content origin (no session): the SCO looks for its
// API in its parent windows and finds scorm-again's CrossFrameAPI here, which
// relays every call by postMessage to the player page on the site, where the
// real API runs and commits. Nothing here can reach the site's cookies.
(function () {
    "use strict";
    var root = document.getElementById("scorm-launch");
    var site = root.dataset.siteOrigin;
    var sco = document.getElementById("sco");
    var api = new window.CrossFrameAPI(site, window.parent, { timeout: 10000 });
    if (root.dataset.version === "1.2") {
        window.API = api;
    } else {
        window.API_1484_11 = api;
    }

    // CrossFrameAPI answers GetValue from a cache it fills after the first
    // call; a SCO that resumes reads its location right after Initialize. Fill
    // the cache with what the player's API holds before the SCO starts (it uses
    // the pinned scorm-again's _post and _cache: a test plays a resume).
    function warm(all) {
        var counts = {};
        Object.keys(all || {}).forEach(function (key) {
            var value = all[key];
            if (value === null || typeof value === "object") {
                return;
            }
            api._cache.set(key, String(value));
            key.replace(/\.(\d+)(?=\.)/g, function (match, index, at) {
                var list = key.slice(0, at);
                counts[list] = Math.max(counts[list] || 0, Number(index) + 1);
                return match;
            });
        });
        Object.keys(counts).forEach(function (list) {
            api._cache.set(list + "._count", String(counts[list]));
        });
    }
    api._post("getFlattenedCMI", [])
        .then(warm)
        .catch(function () {})
        .then(function () { sco.src = root.dataset.launch; });

    // The player asks before it navigates: unloading the SCO here lets it
    // finish (exit, terminate) while the player page is still there to listen.
    window.addEventListener("message", function (event) {
        if (event.source === window.parent && event.origin === site &&
                event.data && event.data.type === "civicskills:scorm-unload") {
            sco.src = "about:blank";
        }
    });
})();
