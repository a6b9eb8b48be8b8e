// dhr serve only (never in the built site): reloads the page when the site is rebuilt.
// The server sends the current build's version on connecting and after each rebuild; this page was
// served by the build named in this script's own URL (?v=...), so any other version means reload.
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script ? new URL(script.src).searchParams.get("v") : null;
  if (!version || typeof EventSource === "undefined") return;
  var events = new EventSource("/_dhr/events");
  events.onmessage = function (e) {
    if (e.data !== version) {
      events.close();
      window.location.reload();
    }
  };
  // When the server stops, EventSource retries by itself; a restarted server sends a new version.
})();
