// The SCORM player: scorm-again provides the API the SCO looks for (API for 1.2,
// API_1484_11 for 2004), started with what the server saved. Every commit goes to
// the server with the session it issued and a growing sequence number, so a
// replayed or late commit changes nothing. The API sends its terminate commit
// with navigator.sendBeacon; as the page goes away without one, this script
// sends what the API holds the same way. Beacons carry the CSRF token in the body.
(function () {
    "use strict";
    var runtime = JSON.parse(document.getElementById("scorm-runtime").textContent);
    var sequence = 0;
    var terminated = false;

    function csrfToken() {
        var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
        return match ? decodeURIComponent(match[1]) : "";
    }
    function envelope(cmi, terminate) {
        sequence += 1;
        return { session: runtime.session, sequence: sequence, terminate: !!terminate, cmi: cmi, csrf: csrfToken() };
    }
    function announce() {
        var status = document.getElementById("scorm-saved");
        status.textContent = status.dataset.saved;
        document.body.dataset.scormCommits = String(sequence);
    }

    var settings = {
        lmsCommitUrl: runtime.commitUrl,
        autocommit: true,
        autocommitSeconds: runtime.autocommitSeconds,
        dataCommitFormat: "json",
        xhrHeaders: { "X-CSRFToken": csrfToken() },
        logLevel: 4,
        requestHandler: function (commitObject, metadata) {
            return envelope(commitObject.cmi || commitObject, metadata && metadata.isTerminateCommit);
        },
    };
    var api = runtime.version === "1.2" ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
    api.loadFromJSON(runtime.cmi);
    if (runtime.version === "1.2") {
        window.API = api;
    } else {
        window.API_1484_11 = api;
    }

    api.on(runtime.version === "1.2" ? "LMSCommit" : "Commit", function () { announce(); });
    api.on(runtime.version === "1.2" ? "LMSFinish" : "Terminate", function () {
        if (leaving) {
            // Browsers refuse the API's synchronous request while a page unloads.
            beacon();
        }
        terminated = true;
        announce();
        if (runtime.version !== "1.2") {
            navigate(api.adl && api.adl.nav ? api.adl.nav.request : "");
        }
    });

    // SCORM 2004 navigation requests a SCO makes as it ends: continue, previous
    // and choice move between SCOs; the rest leave the learner on the contents.
    function navigate(request) {
        var target = null;
        var choice = /^\{target=([^}]+)\}(choice|jump)$/.exec(request || "");
        if (request === "continue") {
            target = runtime.next;
        } else if (request === "previous") {
            target = runtime.previous;
        } else if (choice) {
            target = runtime.urls[choice[1]] || null;
        }
        if (target) {
            window.setTimeout(function () { window.location.assign(target); }, 0);
        }
    }

    function beacon() {
        var commitObject = api.renderCommitCMI(true);
        var body = JSON.stringify(envelope(commitObject.cmi || commitObject, true));
        navigator.sendBeacon(runtime.commitUrl, new Blob([body], { type: "text/plain;charset=UTF-8" }));
    }
    // Whichever unloads first, this page or the SCO inside it, what the API holds
    // last is what the server keeps (higher sequence numbers win).
    var leaving = false;
    window.addEventListener("pagehide", function () {
        leaving = true;
        if (!terminated) {
            beacon();
        }
    });

    var restart = document.getElementById("scorm-new-attempt");
    restart.addEventListener("submit", function (event) {
        if (!window.confirm(restart.dataset.confirm)) {
            event.preventDefault();
        }
    });

    var frame = document.getElementById("scorm-content");
    frame.src = frame.dataset.src;
})();
