/* "Copy" buttons for citations (review pages). Without JavaScript the citation is plain text to
   select; with it, a button beside each citation copies it and says so in a live region. */
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (text) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary copy";
    button.textContent = "Copy citation";
    var status = document.createElement("span");
    status.className = "hint";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.textContent.trim()).then(
        function () { status.textContent = " Copied"; },
        function () { status.textContent = " Could not copy: select the text instead"; });
    });
    text.parentNode.insertBefore(button, text.nextSibling);
    button.parentNode.insertBefore(status, button.nextSibling);
  });
})();
