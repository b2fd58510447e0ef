// Runs inside the sandboxed player: start h5p-standalone and pass every xAPI
// statement to the lesson page, which alone talks to the server.
(function () {
    "use strict";
    var el = document.getElementById("h5p-container");
    function absolute(path) {
        return new URL(path, document.baseURI).href;
    }
    new H5PStandalone.H5P(el, {
        h5pJsonPath: absolute(el.dataset.h5pJsonPath).replace(/\/$/, ""),
        librariesPath: absolute(el.dataset.librariesPath).replace(/\/$/, ""),
        frameJs: absolute(el.dataset.frameJs),
        frameCss: absolute(el.dataset.frameCss),
        // The player document is itself the sandbox: no inner iframe, whose
        // opaque origin the player could not script.
        embedType: "div",
    });
    var tries = 0;
    (function listen() {
        if (window.H5P && window.H5P.externalDispatcher) {
            window.H5P.externalDispatcher.on("xAPI", function (event) {
                window.parent.postMessage(
                    { type: "civicskills:h5p-xapi", statement: JSON.parse(JSON.stringify(event.data.statement)) },
                    "*"
                );
            });
            window.parent.postMessage({ type: "civicskills:h5p-ready" }, "*");
        } else if (tries++ < 200) {
            window.setTimeout(listen, 100);
        }
    })();
})();
