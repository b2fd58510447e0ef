// Poll an import job until it finishes, then reload to show its report.
(function () {
    "use strict";
    var root = document.getElementById("import-job");
    if (!root || root.dataset.finished === "true") {
        return;
    }
    var bar = document.getElementById("import-progress");
    var status = document.getElementById("import-status");
    var noWorker = document.getElementById("import-no-worker");
    function poll() {
        fetch(root.dataset.statusUrl, { credentials: "same-origin" })
            .then(function (response) { return response.json(); })
            .then(function (data) {
                status.textContent = data.status_label;
                noWorker.hidden = !data.waiting_for_worker;
                if (data.status === "applying") {
                    bar.removeAttribute("value");
                } else {
                    bar.value = data.percent;
                }
                if (data.finished) {
                    window.location.reload();
                } else {
                    window.setTimeout(poll, 1000);
                }
            })
            .catch(function () { window.setTimeout(poll, 3000); });
    }
    window.setTimeout(poll, 500);
})();
