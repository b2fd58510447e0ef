// Runs inside the sandboxed player: start h5p-standalone, pass every xAPI
// statement and every saved state to the lesson page, which alone talks to the
// server. Saved state comes back in the page (#h5p-user-data) for resuming.
(function () {
    "use strict";
    // The sandbox (no allow-same-origin) forbids Web Storage, and H5P core stops
    // setting the content up (resume included) when reading it throws: give it
    // a storage that lives as long as the page.
    function memoryStorage() {
        var items = {};
        return {
            getItem: function (key) { return Object.prototype.hasOwnProperty.call(items, key) ? items[key] : null; },
            setItem: function (key, value) { items[key] = String(value); },
            removeItem: function (key) { delete items[key]; },
            clear: function () { items = {}; },
            key: function (index) { return Object.keys(items)[index] || null; },
            get length() { return Object.keys(items).length; },
        };
    }
    ["localStorage", "sessionStorage"].forEach(function (name) {
        try {
            window[name].getItem("civicskills");
        } catch (error) {
            Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
        }
    });

    var el = document.getElementById("h5p-container");
    function absolute(path) {
        return new URL(path, document.baseURI).href;
    }
    function send(message) {
        window.parent.postMessage(message, "*");
    }
    new H5PStandalone.H5P(el, {
        h5pJsonPath: absolute(el.dataset.h5pJsonPath).replace(/\/$/, ""),
        librariesPath: absolute(el.dataset.librariesPath).replace(/\/$/, ""),
        frameJs: absolute(el.dataset.frameJs),
        frameCss: absolute(el.dataset.frameCss),
        // The player document is itself the sandbox: no inner iframe, whose
        // opaque origin the player could not script.
        embedType: "div",
        saveFreq: Number(el.dataset.saveEvery) || false,
        contentUserData: JSON.parse(document.getElementById("h5p-user-data").textContent),
    });

    // H5P core keeps state with H5P.setUserData / deleteUserData, and would post
    // it to an AJAX URL; this document has no cookies or CSRF token, so the
    // lesson page stores it instead.
    function relayUserData(H5P) {
        var setUserData = H5P.setUserData;
        var deleteUserData = H5P.deleteUserData;
        var sent = {};
        function keep(dataType, subContentId, data) {
            var key = dataType + "/" + subContentId;
            if (sent[key] !== data) {
                sent[key] = data;
                send({ type: "civicskills:h5p-user-data", dataType: dataType, subContentId: subContentId, data: data });
            }
        }
        H5P.setUserData = function (contentId, dataType, data, extras) {
            setUserData.apply(this, arguments);
            keep(dataType, String((extras && extras.subContentId) || 0), JSON.stringify(data));
        };
        H5P.deleteUserData = function (contentId, dataType, subContentId) {
            deleteUserData.apply(this, arguments);
            keep(dataType, String(subContentId || 0), null);
        };
    }
    var tries = 0;
    (function listen() {
        var H5P = window.H5P;
        if (H5P && H5P.externalDispatcher) {
            relayUserData(H5P);
            H5P.externalDispatcher.on("xAPI", function (event) {
                send({ type: "civicskills:h5p-xapi", statement: JSON.parse(JSON.stringify(event.data.statement)) });
            });
            send({ type: "civicskills:h5p-ready" });
        } else if (tries++ < 200) {
            window.setTimeout(listen, 100);
        }
    })();
})();
