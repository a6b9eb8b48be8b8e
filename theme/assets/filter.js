/* A filter box for a long list (the agencies page). Without JavaScript the whole list shows, grouped
   by sector; with it, a search box above the list hides the entries whose text does not contain what
   was typed, and the sections left empty. The container says which items and sections to filter. */
(function () {
  "use strict";
  var box = document.querySelector("[data-filter-list]");
  if (!box) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(box.getAttribute("data-filter-list")));
  var sections = Array.prototype.slice.call(document.querySelectorAll("main " + box.getAttribute("data-filter-sections")));
  var texts = items.map(function (li) { return li.textContent.toLowerCase(); });

  var label = document.createElement("label");
  label.className = "label";
  label.htmlFor = "filter-input";
  label.textContent = box.getAttribute("data-filter-label");
  var input = document.createElement("input");
  input.className = "input";
  input.id = "filter-input";
  input.type = "search";
  input.autocomplete = "off";
  var status = document.createElement("p");
  status.className = "hint";
  status.setAttribute("role", "status");
  box.appendChild(label);
  box.appendChild(input);
  box.appendChild(status);

  input.addEventListener("input", function () {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (li, i) {
      var match = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      li.hidden = !match;
      if (match) shown++;
    });
    sections.forEach(function (s) { s.hidden = !s.querySelector("li:not([hidden])"); });
    status.textContent = words.length ? shown + (shown === 1 ? " agency matches" : " agencies match") : "";
  });
})();
