// On the lesson page: receive xAPI statements from sandboxed H5P players (their
// origin is opaque, so only the frame's window identifies them) and post them
// to the server with the CSRF token. The server decides what counts.
(function () {
    "use strict";
    function csrfToken() {
        var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
        return match ? decodeURIComponent(match[1]) : "";
    }
    var frames = Array.prototype.slice.call(document.querySelectorAll("iframe.h5p-frame"));
    window.addEventListener("message", function (event) {
        var frame = frames.find(function (f) { return f.contentWindow === event.source; });
        var data = event.data || {};
        if (!frame || data.type !== "civicskills:h5p-xapi" || typeof data.statement !== "object") {
            return;
        }
        var statement = Object.assign({}, data.statement, { id: window.crypto.randomUUID() });
        fetch(frame.dataset.statementsUrl, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
            body: JSON.stringify(statement),
        })
            .then(function (response) { return response.json(); })
            .then(function (result) {
                if (result.passed) {
                    var status = frame.parentElement.querySelector(".h5p-status");
                    status.textContent = status.dataset.done || "✓";
                    document.body.dataset.h5pPassed = "true";
                }
            });
    });
    frames.forEach(function (frame) {
        window.addEventListener("message", function (event) {
            if (event.source === frame.contentWindow && (event.data || {}).type === "civicskills:h5p-ready") {
                frame.style.height = "480px";
            }
        });
    });
})();
