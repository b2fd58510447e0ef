// On the lesson page: receive messages from sandboxed H5P players (their origin
// is opaque, so only the frame's window identifies them). A player that is ready
// gets its height; each xAPI statement and each saved state is posted to the
// server with the CSRF token. The server decides what counts.
(function () {
    "use strict";
    function csrfToken() {
        var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
        return match ? decodeURIComponent(match[1]) : "";
    }
    function post(url, body) {
        return fetch(url, {
            method: "POST",
            credentials: "same-origin",
            // keepalive: a state saved as the learner leaves still arrives.
            keepalive: true,
            headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
            body: JSON.stringify(body),
        });
    }
    function relay(frame, statement) {
        post(frame.dataset.statementsUrl, Object.assign({}, statement, { id: window.crypto.randomUUID() }))
            .then(function (response) { return response.json(); })
            .then(function (result) {
                if (result.passed) {
                    var status = frame.parentElement.querySelector(".h5p-status");
                    status.textContent = (result.lessonDone && status.dataset.lessonDone) || status.dataset.done || "✓";
                    document.body.dataset.h5pPassed = "true";
                }
            });
    }
    var frames = Array.prototype.slice.call(document.querySelectorAll("iframe.h5p-frame"));
    window.addEventListener("message", function (event) {
        var frame = frames.find(function (f) { return f.contentWindow === event.source; });
        var data = event.data || {};
        if (!frame) {
            return;
        }
        if (data.type === "civicskills:h5p-ready") {
            frame.style.height = "480px";
        } else if (data.type === "civicskills:h5p-xapi" && typeof data.statement === "object") {
            relay(frame, data.statement);
        } else if (data.type === "civicskills:h5p-user-data") {
            post(frame.dataset.userDataUrl, {
                dataType: data.dataType,
                subContentId: data.subContentId,
                data: data.data,
            }).then(function (response) {
                if (response.ok) {
                    document.body.dataset.h5pSaved = String(Number(document.body.dataset.h5pSaved || 0) + 1);
                }
            });
        }
    });
})();
