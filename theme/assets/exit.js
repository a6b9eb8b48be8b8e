/* Exit this page (after the GOV.UK Design System component). Without JavaScript the button is an
   ordinary link. With it, leaving replaces this page in the history (so Back does not return here),
   the page is blanked at once, and pressing Shift 3 times within 5 seconds does the same. */
(function () {
  "use strict";
  var button = document.getElementById("exit-this-page");
  if (!button || !window.location.replace) return;

  var live = document.createElement("div");
  live.className = "visually-hidden";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  document.body.appendChild(live);

  var presses = 0;
  var timer = 0;

  function say(text) { live.textContent = text; }

  function reset() {
    presses = 0;
    window.clearTimeout(timer);
    timer = 0;
  }

  function exit(event) {
    if (event) event.preventDefault();
    reset();
    say("Exiting page.");
    var overlay = document.createElement("div");
    overlay.className = "exit-overlay";
    document.body.appendChild(overlay);
    document.title = "Exiting page";
    window.location.replace(button.href);
  }

  button.addEventListener("click", exit);

  // Only a Shift pressed on its own counts: the Shift released after typing a capital letter does
  // not (the previous keyup was "modified"), and any other key cancels the count.
  var lastKeyWasModified = false;
  document.addEventListener("keyup", function (event) {
    var shift = event.key === "Shift" || event.keyCode === 16;
    if (shift && !lastKeyWasModified) {
      presses += 1;
      if (presses >= 3) {
        exit();
      } else {
        say("Shift, press " + (3 - presses) + (presses === 2 ? " more time" : " more times") + " to exit.");
        if (presses === 1) {
          timer = window.setTimeout(function () {
            reset();
            say("Exit this page expired.");
          }, 5000);
        }
      }
    } else if (presses) {
      reset();
    }
    lastKeyWasModified = event.shiftKey;
  }, true);

  // A page restored from the back-forward cache must not stay blanked.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    var overlays = document.querySelectorAll(".exit-overlay");
    for (var i = 0; i < overlays.length; i++) overlays[i].parentNode.removeChild(overlays[i]);
    say("");
  });
})();
