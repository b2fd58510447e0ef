// The SCORM player, on the site: scorm-again's API, started with what the server
// saved. The SCO runs on the content origin, in a launch wrapper whose
// CrossFrameAPI relays each call here by postMessage; CrossFrameLMS answers
// only messages from that frame and that origin. Every commit goes to
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
    var sequenced = !!runtime.sequencing;
    var delivered = null;
    var ended = false;
    var pendingTarget = null;
    if (sequenced) {
        // SCORM 2004 sequencing by the package's manifest: scorm-again's
        // engine decides what is delivered; its state (activity tree, global
        // objectives, adl.data) is saved for the attempt after each commit and
        // navigation, with the root activity's rollup.
        settings.sequencing = Object.assign({}, runtime.sequencing, {
            autoRollupOnCMIChange: false,
            eventListeners: {
                onActivityDelivery: function (activity) {
                    delivered = activity.id;
                    if (started && activity.id !== runtime.sco && runtime.urls[activity.id]) {
                        pendingTarget = runtime.urls[activity.id];
                        window.setTimeout(go, 1500);
                    }
                },
                onNavigationValidityUpdate: greyOut,
                onSequencingSessionEnd: function () {
                    ended = true;
                    document.getElementById("scorm-ended").hidden = false;
                },
            },
        });
        settings.sequencingStatePersistence = {
            persistence: {
                loadState: function () {
                    return Promise.resolve(runtime.sequencingState ? JSON.stringify(runtime.sequencingState) : null);
                },
                saveState: saveSequencing,
            },
            autoLoadOnInitialize: false,
            autoSaveOn: "commit",
            compress: false,
        };
    }
    var started = false;
    var api = runtime.version === "1.2" ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
    api.loadFromJSON(runtime.cmi);

    function go() {
        if (pendingTarget) {
            var target = pendingTarget;
            pendingTarget = null;
            window.location.assign(target);
        }
    }
    function rootStatus() {
        var data = api.getActivityTrackingData(runtime.sequencing.activityTree.id) || {};
        var completion = ["completed", "incomplete", "not attempted"].indexOf(data.completionStatus) >= 0 ? data.completionStatus : "unknown";
        var success = ["passed", "failed"].indexOf(data.successStatus) >= 0 ? data.successStatus : "unknown";
        var scaled = typeof data.score === "number" && isFinite(data.score) ? Math.max(-1, Math.min(1, data.score)) : null;
        return { completion: completion, success: success, scaled: scaled };
    }
    var lastSave = Promise.resolve(true);
    function saveSequencing(stateData) {
        var body = JSON.stringify({ state: JSON.parse(stateData), root: rootStatus(), csrf: csrfToken() });
        lastSave = window.fetch(runtime.sequencingUrl, {
            method: "POST",
            body: body,
            keepalive: body.length < 60000,
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        }).then(function (response) {
            document.body.dataset.scormSequencingSaves = String(Number(document.body.dataset.scormSequencingSaves || 0) + 1);
            go();
            return response.ok;
        }, function () { go(); return false; });
        return lastSave;
    }
    // The contents list: what the engine would refuse to choose is greyed out.
    function greyOut(validity) {
        var choice = (validity && validity.choice) || {};
        var hidden = (validity && validity.hideLmsUi) || [];
        ["continue", "previous"].forEach(function (request) {
            var button = document.querySelector(".scorm-bar a[data-nav=" + request + "]");
            if (button) {
                button.hidden = (validity && validity[request] === false) || hidden.indexOf(request) >= 0;
            }
        });
        Array.prototype.forEach.call(document.querySelectorAll(".scorm-toc a[data-sco]"), function (link) {
            var refused = choice[link.dataset.sco] === "false";
            link.classList.toggle("scorm-disabled", refused);
            if (refused) {
                link.setAttribute("aria-disabled", "true");
            } else {
                link.removeAttribute("aria-disabled");
            }
        });
    }
    // Shared data (adl.data) the SCO may read goes with the CMI the launch
    // wrapper caches before the SCO starts, so it reads its notes at once.
    if (sequenced) {
        var flattened = api.getFlattenedCMI.bind(api);
        api.getFlattenedCMI = function () {
            var flat = flattened();
            var shared = api.captureSharedDataSnapshot() || {};
            (runtime.sharedData || []).forEach(function (map, index) {
                flat["adl.data." + index + ".id"] = map.targetID;
                if (map.readSharedData !== false && shared[map.targetID] !== undefined) {
                    flat["adl.data." + index + ".store"] = shared[map.targetID];
                }
            });
            return flat;
        };
    }

    var frame = document.getElementById("scorm-content");
    // Registered before CrossFrameLMS, so it runs first: CrossFrameLMS checks
    // the origin, this also checks the sender is this launch's frame.
    window.addEventListener("message", function (event) {
        if (event.origin !== runtime.contentOrigin || event.source !== frame.contentWindow) {
            event.stopImmediatePropagation();
        }
    });
    // A SCO that writes many interactions at once sends many messages: the
    // default limit (100 a second) would drop some of them.
    new window.CrossFrameLMS(api, runtime.contentOrigin, { rateLimit: 5000 });

    api.on(runtime.version === "1.2" ? "LMSCommit" : "Commit", function () { announce(); });
    api.on(runtime.version === "1.2" ? "LMSFinish" : "Terminate", function () {
        if (leaving) {
            // Browsers refuse the API's synchronous request while a page unloads.
            beacon();
        }
        terminated = true;
        announce();
        if (sequenced) {
            if (ended) {
                document.getElementById("scorm-ended").hidden = false;
            }
        } else if (runtime.version !== "1.2") {
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

    // Before the player navigates, the SCO unloads inside its wrapper and tells
    // the API how it ends (exit, terminate) while this page still listens; then
    // this page goes (at the latest after a second and a half).
    function leave(go) {
        var gone = false;
        function once() {
            if (!gone) {
                gone = true;
                go();
            }
        }
        if (terminated) {
            return once();
        }
        api.on(runtime.version === "1.2" ? "LMSFinish" : "Terminate", function () { window.setTimeout(once, 0); });
        frame.contentWindow.postMessage({ type: "civicskills:scorm-unload" }, runtime.contentOrigin);
        window.setTimeout(once, 1500);
    }
    Array.prototype.forEach.call(document.querySelectorAll(".scorm-bar a, .scorm-toc a"), function (link) {
        link.addEventListener("click", function (event) {
            event.preventDefault();
            if (link.getAttribute("aria-disabled") === "true") {
                return;
            }
            if (!sequenced) {
                leave(function () { window.location.assign(link.href); });
                return;
            }
            // The engine decides: the request goes with the SCO's end (or now,
            // when it has ended), then the player goes where it delivers, once
            // the attempt's state is saved.
            var request = link.dataset.nav || "{target=" + link.dataset.sco + "}choice";
            if (terminated) {
                var choice = /^\{target=([^}]+)\}choice$/.exec(request);
                api.processNavigationRequest(choice ? "choice" : request, choice ? choice[1] : undefined);
            } else if (api.adl && api.adl.nav) {
                api.adl.nav.request = request;
            }
            leave(function () {
                window.setTimeout(function () {
                    lastSave.then(function () { window.location.assign(pendingTarget || link.href); });
                }, 50);
            });
        });
    });

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
        event.preventDefault();
        if (window.confirm(restart.dataset.confirm)) {
            leave(function () { restart.submit(); });
        }
    });

    // A sequenced package: restore the attempt's engine state, then have the
    // engine deliver this SCO (start, resume or the learner's choice) before
    // the SCO may call the API. Where it delivers another one, go there.
    function deliver() {
        var tree = runtime.sequencing.activityTree.id;
        var state = runtime.sequencingState || {};
        var loaded = state.sequencing ? api.loadSequencingState({
            learnerId: runtime.cmi.learner_id, courseId: runtime.courseId, attemptNumber: runtime.attemptNumber,
        }) : Promise.resolve(false);
        return loaded.catch(function () { return false; }).then(function () {
            var current = state.currentActivityId || null;
            if (!state.sequencing) {
                // A new attempt: the global objectives kept from the last one
                // (objectivesGlobalToSystem), before the engine starts.
                if (state.globalObjectiveMap) {
                    api.restoreGlobalObjectiveSnapshot(state.globalObjectiveMap);
                }
                api.processNavigationRequest("start");
            } else if (state.sequencing.suspendedActivity) {
                api.processNavigationRequest("resumeAll");
            } else if (current !== runtime.sco) {
                api.processNavigationRequest("choice", runtime.sco);
            } else {
                delivered = current;
                // Restored, not delivered again: ask the engine for what the
                // contents and buttons allow now (the pinned scorm-again's
                // OverallSequencingProcess.updateNavigationValidity).
                var service = api.getSequencingService();
                var overall = service && service.getOverallSequencingProcess();
                if (overall && overall.updateNavigationValidity) {
                    overall.updateNavigationValidity();
                }
            }
            started = true;
            if (delivered && delivered !== runtime.sco && runtime.urls[delivered]) {
                window.location.replace(runtime.urls[delivered]);
                return false;
            }
            if (!delivered || delivered === tree) {
                document.getElementById("scorm-refused").hidden = false;
                return false;
            }
            return true;
        });
    }
    if (sequenced) {
        deliver().then(function (ok) {
            if (ok) {
                frame.src = frame.dataset.src;
            }
        });
    } else {
        frame.src = frame.dataset.src;
    }
})();
