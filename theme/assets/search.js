/* Search page: filters every recommendation by words and facets in the browser, from
   /data/search-index.json. Nothing is sent anywhere. Without this script the page explains how to
   browse instead (#search-fallback). Results are built with DOM methods, never innerHTML.
   Index format (src/DhrPortal/Site/Data/SearchIndex.cs): th/ag/cs [[id, name]], yr [year],
   rv [[id, title, url, csp, year, summary]], rc [[review, label, anchor, text, [agencies], [themes]]]. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var box = document.getElementById("search-results");
  var list = document.getElementById("search-list");
  var status = document.getElementById("search-status");
  var more = document.getElementById("search-more");
  var fallback = document.getElementById("search-fallback");
  if (!form || !box || !list || !status || !window.fetch) return;

  var PAGE = 50;
  var fields = ["q", "theme", "agency", "csp", "year"];
  var index = null;
  var docs = [];
  var shown = 0;
  var matches = [];
  var timer = 0;

  function fold(s) {
    s = String(s).toLowerCase();
    return s.normalize ? s.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : s;
  }

  function position(pairs, id) {
    for (var i = 0; i < pairs.length; i++) if (pairs[i][0] === id) return i;
    return -1;
  }

  function prepare(data) {
    index = data;
    docs = data.rc.map(function (rc) {
      var review = data.rv[rc[0]];
      var names = rc[4].map(function (a) { return data.ag[a][1]; });
      return {
        rc: rc,
        review: review,
        agencies: names,
        text: fold([rc[3], rc[1], review[1], names.join(" ")].join(" "))
      };
    });
  }

  function values() {
    var v = {};
    fields.forEach(function (name) { v[name] = form.elements[name] ? form.elements[name].value.trim() : ""; });
    return v;
  }

  function run() {
    var v = values();
    var words = fold(v.q).split(/\s+/).filter(Boolean);
    var theme = v.theme ? position(index.th, v.theme) : -2;
    var agency = v.agency ? position(index.ag, v.agency) : -2;
    var csp = v.csp ? position(index.cs, v.csp) : -2;
    var year = v.year ? parseInt(v.year, 10) : null;
    var any = words.length || v.theme || v.agency || v.csp || v.year;
    matches = !any ? [] : docs.filter(function (d) {
      if (theme !== -2 && d.rc[5].indexOf(theme) < 0) return false;
      if (agency !== -2 && d.rc[4].indexOf(agency) < 0) return false;
      if (csp !== -2 && d.review[3] !== csp) return false;
      if (year !== null && d.review[4] !== year) return false;
      for (var i = 0; i < words.length; i++) if (d.text.indexOf(words[i]) < 0) return false;
      return true;
    });
    list.textContent = "";
    shown = 0;
    box.hidden = !any;
    if (!any) {
      status.textContent = "Enter words or choose a filter to search " + docs.length + " recommendations.";
    } else if (!matches.length) {
      status.textContent = "No recommendations match. Try fewer or different words, or remove a filter.";
    } else {
      status.textContent = matches.length + (matches.length === 1 ? " recommendation matches." : " recommendations match.");
    }
    showMore(words);
    remember(v);
  }

  function showMore(words) {
    var end = Math.min(matches.length, shown + PAGE);
    for (; shown < end; shown++) list.appendChild(item(matches[shown], words));
    if (more) more.hidden = shown >= matches.length;
  }

  function item(d, words) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = d.review[2] + "#" + encodeURIComponent(d.rc[2]);
    a.className = "review-item__title";
    a.textContent = "Recommendation " + d.rc[1] + " – " + d.review[1];
    li.appendChild(a);
    var p = document.createElement("p");
    highlight(p, d.rc[3], words);
    li.appendChild(p);
    var meta = document.createElement("p");
    meta.className = "review-item__meta";
    var parts = [];
    if (d.review[3] !== null) parts.push(index.cs[d.review[3]][1]);
    if (d.review[4] !== null) parts.push(String(d.review[4]));
    if (d.agencies.length) parts.push("To: " + d.agencies.join("; "));
    meta.textContent = parts.join(" · ");
    li.appendChild(meta);
    return li;
  }

  // Marks each occurrence of a search word in the text (case-insensitive), as text nodes only.
  function highlight(el, text, words) {
    var lower = text.toLowerCase();
    var at = 0;
    while (words.length) {
      var best = -1, len = 0;
      for (var i = 0; i < words.length; i++) {
        var k = lower.indexOf(words[i], at);
        if (k >= 0 && (best < 0 || k < best)) { best = k; len = words[i].length; }
      }
      if (best < 0) break;
      el.appendChild(document.createTextNode(text.slice(at, best)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(best, best + len);
      el.appendChild(mark);
      at = best + len;
    }
    el.appendChild(document.createTextNode(text.slice(at)));
  }

  // Keeps the address in step with the form, so a search can be bookmarked or shared.
  function remember(v) {
    if (!window.history || !history.replaceState || !window.URLSearchParams) return;
    var params = new URLSearchParams();
    fields.forEach(function (name) { if (v[name]) params.set(name, v[name]); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function restore() {
    if (!window.URLSearchParams) return;
    var params = new URLSearchParams(location.search);
    fields.forEach(function (name) {
      var el = form.elements[name];
      if (el && params.has(name)) el.value = params.get(name);
    });
  }

  restore();
  status.textContent = "Loading the search index…";
  fetch(box.getAttribute("data-index"), { credentials: "omit" })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (data) {
      prepare(data);
      if (fallback) fallback.hidden = true;
      form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
      form.addEventListener("input", function (e) {
        if (e.target.name !== "q") return;
        window.clearTimeout(timer);
        timer = window.setTimeout(run, 200);
      });
      form.addEventListener("change", run);
      if (more) more.addEventListener("click", function () { showMore(fold(values().q).split(/\s+/).filter(Boolean)); });
      run();
    })
    .catch(function () {
      status.textContent = "The search could not be loaded. You can still browse the recommendations.";
    });
})();
