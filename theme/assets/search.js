/* Search page client (docs/search.md). An ES module with no dependencies: it loads the small
   manifest named by #search-form[data-index], then for each query word one shard keyed by the word's
   first two letters (word forms → stems → scored postings, with each document's facet values), and
   the grouped text files of the results shown. Nothing leaves the site and nothing is eval'd; results
   are built with DOM methods and textContent, never innerHTML. The query is in the address
   (?q=...&theme=...), so a search can be shared and Back works. */
const form = document.getElementById("search-form");
const input = document.getElementById("q");
const list = document.getElementById("search-results");
const status = document.getElementById("search-status");
const facetBox = document.getElementById("search-facets");
const moreButton = document.getElementById("search-more");
const PAGE = 20, PREFIX = 0.6, TYPO = 0.4, TIE = 0.95, MAX_VALUES = 12;
const cache = new Map();
let manifest, base, stop, facetOf = [], labels = [], selected = [], run = 0, shown = 0, timer = 0;

const fold = (s) => s.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "");
const words = (s) => [...new Set(fold(s).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1 && !stop.has(w)))];
const key = (w) => w.slice(0, 2);

function get(name) {
  let p = cache.get(name);
  if (!p) {
    p = fetch(new URL(name, base), { credentials: "omit" }).then((r) => {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
    p.catch(() => cache.delete(name));
    cache.set(name, p);
  }
  return p;
}

async function shard(k) {
  const file = manifest.w[k];
  if (!file) return null;
  const s = await get(file);
  if (!s.docs) decode(s);
  return s;
}

// Undoes the shard's compact form (docs/search.md): document numbers are differences from the one
// before; a row's group is the last whose first document is at or before it (rows and groups both
// ascend), it is the review summary when it is that first document, and the group's shared facet
// values complete it. Rows become [doc, group, kind (0 review, 1 recommendation), facet values...].
function decode(s) {
  const undelta = (p) => { for (let i = 2; i < p.length; i += 2) p[i] += p[i - 2]; };
  for (const x of s.s) undelta(x[1]);
  for (const x of s.b) undelta(x[1]);
  s.files = s.g.map((g) => g[0]);
  s.docs = new Map();
  let doc = 0, gi = 0;
  for (const r of s.d) {
    doc += r[0];
    while (gi + 1 < s.g.length && s.g[gi + 1][1] <= doc) gi++;
    const g = s.g[gi];
    s.docs.set(doc, [doc, gi, doc === g[1] ? 0 : 1, ...r.slice(1), ...g.slice(2)]);
  }
}

// One edit apart: insertion, deletion, substitution or a swap of neighbouring letters.
function oneEdit(a, b) {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) ||
    (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  const [l, s] = a.length > b.length ? [a, b] : [b, a];
  return l.slice(i + 1) === s.slice(i);
}

// The documents a query word matches: doc → [score, shard row]; the word forms it matched, for highlighting.
async function match(q, forms) {
  const hits = []; // [shard, stem index, factor]
  const s = await shard(key(q));
  if (s) for (const [form, si] of s.w) {
    if (form === q) hits.push([s, si, 1]);
    else if (form.startsWith(q)) hits.push([s, si, PREFIX]);
  }
  if (!hits.length && q.length >= manifest.typo) {
    const keys = new Set([q]);
    for (let i = 0; i < q.length; i++) keys.add(q.slice(0, i) + q.slice(i + 1));
    const files = [...new Set([...keys].map(key))].filter((k) => manifest.t[k]);
    const candidates = new Set();
    for (const t of await Promise.all(files.map((k) => get(manifest.t[k]))))
      for (const [k, ws] of t.k) if (keys.has(k)) for (const w of ws) if (oneEdit(q, w)) candidates.add(w);
    for (const w of candidates) {
      const c = await shard(key(w));
      const row = c && c.w.find((x) => x[0] === w);
      if (row) hits.push([c, row[1], TYPO]);
    }
  }
  const docs = new Map(), stems = new Map();
  for (const [s, si, factor] of hits) {
    stems.set(s.s[si][0], Math.max(factor, stems.get(s.s[si][0]) || 0));
    for (const [form, i] of s.w) if (i === si) forms.add(form);
    const p = s.s[si][1];
    for (let i = 0; i < p.length; i += 2) {
      const score = (p[i + 1] >> 1) * factor, old = docs.get(p[i]);
      if (!old || old[0] < score) docs.set(p[i], [score, s.docs.get(p[i]), s.files, p[i + 1] & 1]);
    }
  }
  return [docs, stems];
}

// Query words found next to each other (stop words aside) score their pair's postings too.
async function pairs(matched, docs) {
  for (let i = 0; i + 1 < matched.length; i++) {
    for (const [a, fa] of matched[i][1]) {
      const s = fa === 1 && await shard(key(a));
      if (!s) continue;
      if (!s.pairs) s.pairs = new Map(s.b);
      for (const [b, fb] of matched[i + 1][1]) {
        const p = s.pairs.get(a + " " + b) || [];
        for (let j = 0; j < p.length; j += 2) { const v = docs.get(p[j]); if (v) v[0] += p[j + 1] * fb; }
      }
    }
  }
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  selected = manifest.facets.map((f) => new Set(params.getAll(f[0])));
}

function writeUrl(push) {
  const params = new URLSearchParams();
  const q = input.value.trim();
  if (q) params.set("q", q);
  manifest.facets.forEach((f, i) => [...selected[i]].sort().forEach((v) => params.append(f[0], v)));
  const url = location.pathname + (params.toString() ? "?" + params : "");
  if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", url);
}

async function search() {
  const mine = ++run, q = input.value.trim(), ws = words(q), forms = new Set();
  let docs = null;
  try {
    const matched = await Promise.all(ws.map((w) => match(w, forms)));
    for (const [m] of matched) {
      if (!docs) { docs = new Map([...m].map(([d, v]) => [d, v.slice()])); continue; }
      for (const [d, v] of docs) { const o = m.get(d); if (o) { v[0] += o[0]; v[3] += o[3]; } else docs.delete(d); }
    }
    if (docs) await pairs(matched, docs);
  } catch (e) {
    if (mine === run) failed();
    return;
  }
  if (mine !== run) return;
  docs = docs || new Map();
  // A document passes a facet when nothing is selected in it or it has a selected value.
  const counts = new Map(), results = [];
  let recs = 0;
  for (const [doc, [score, row, groups, inText]] of docs) {
    const fails = [];
    selected.forEach((sel, f) => {
      if (sel.size && !row.slice(3).some((g) => facetOf[g] === f && sel.has(labels[g][0]))) fails.push(f);
    });
    if (!fails.length) results.push([score, doc, groups[row[1]], inText]);
    if (row[2] !== 1 || fails.length > 1) continue;
    if (!fails.length) recs++;
    for (const g of row.slice(3)) if (!fails.length || facetOf[g] === fails[0]) counts.set(g, (counts.get(g) || 0) + 1);
  }
  order(results);
  shown = 0;
  list.textContent = "";
  await more(results, forms, mine);
  if (mine !== run) return;
  renderFacets(counts);
  const n = results.length;
  status.textContent = !ws.length ? "Type a word to search every recommendation and review summary."
    : n ? `${n} ${n === 1 ? "result" : "results"} (${recs} ${recs === 1 ? "recommendation" : "recommendations"}) for “${q}”.`
    : `No results for “${q}”. Try fewer or different words, or remove a filter.`;
  list.setAttribute("data-rendered-query", q);
}

// Best first. Scores within 5% of the best of their run are too close to call: among them, more
// query words in the running text (not only in themes, addressees or titles) first, then the
// reviews' and reports' own order.
function order(results) {
  results.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; i < results.length;) {
    let j = i;
    while (j < results.length && results[j][0] >= results[i][0] * TIE) j++;
    const run = results.slice(i, j).sort((a, b) => b[3] - a[3] || a[1] - b[1]);
    results.splice(i, run.length, ...run);
    i = j;
  }
}

async function more(results, forms, mine) {
  const page = results.slice(shown, shown + PAGE);
  const files = await Promise.all([...new Set(page.map((r) => r[2]))].map((f) => get(f).then((g) => [f, g])));
  if (mine !== run) return;
  const texts = new Map();
  for (const [, g] of files) for (const d of g) texts.set(d[0], d);
  for (const [, doc] of page) list.appendChild(item(texts.get(doc), forms));
  shown += page.length;
  moreButton.hidden = shown >= results.length;
  moreButton.textContent = `Show more results (${results.length - shown} more)`;
  moreButton.onclick = () => {
    const first = shown;
    more(results, forms, run).then(() => list.children[first]?.querySelector("a")?.focus());
  };
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

// [doc, kind, url, review title, label, addressees, text]
function item(d, forms) {
  const li = el("li"), a = el("a", "review-item__title");
  a.href = d[2];
  a.textContent = d[1] ? `${d[3]}: recommendation ${d[4]}` : `${d[3]} (review summary)`;
  li.appendChild(a);
  if (d[5]) li.appendChild(mark(el("p", "review-item__meta"), "To: " + d[5], forms));
  li.appendChild(mark(el("p"), d[6], forms));
  return li;
}

// Wraps each word whose folded form was matched in <mark>, as text nodes only.
function mark(p, text, forms) {
  let at = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (!forms.has(fold(m[0]))) continue;
    p.append(text.slice(at, m.index), el("mark", "", m[0]));
    at = m.index + m[0].length;
  }
  p.append(text.slice(at));
  return p;
}

function renderFacets(counts) {
  const focused = document.activeElement && facetBox.contains(document.activeElement) ? document.activeElement.id : "";
  facetBox.textContent = "";
  manifest.facets.forEach(([name, title, values], f) => {
    const items = [];
    values.forEach(([id, label], i) => {
      const g = offsets[f] + i, n = counts.get(g) || 0;
      if (n || selected[f].has(id)) items.push([n, label, id, g]);
    });
    if (!items.length) return;
    items.sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1));
    const set = el("fieldset", "search-facet");
    set.appendChild(el("legend", "", title));
    items.forEach(([n, label, id, g], i) => {
      if (i >= MAX_VALUES && !selected[f].has(id)) return;
      const l = el("label", "search-facet__value"), box = el("input");
      box.type = "checkbox"; box.name = name; box.value = id; box.id = "facet-" + g;
      box.checked = selected[f].has(id);
      box.addEventListener("change", () => {
        selected[f][box.checked ? "add" : "delete"](id);
        writeUrl(true);
        search();
      });
      l.append(box, ` ${label} (${n})`);
      set.appendChild(l);
    });
    facetBox.appendChild(set);
  });
  if (focused) document.getElementById(focused)?.focus();
}

function failed() {
  status.textContent = "The search could not be loaded. You can still browse the recommendations.";
  document.getElementById("search-fallback").hidden = false;
}

let offsets = [];
async function start() {
  base = new URL(form.getAttribute("data-index"), location.href);
  try { manifest = await get(base.href); } catch (e) { failed(); return; }
  stop = new Set(manifest.stop);
  manifest.facets.forEach(([, , values], f) => {
    offsets[f] = labels.length;
    for (const v of values) { facetOf.push(f); labels.push(v); }
  });
  document.getElementById("search-fallback").hidden = true;
  const statics = document.getElementById("search-static-facets");
  if (statics) { statics.hidden = true; statics.querySelectorAll("select").forEach((s) => (s.disabled = true)); }
  form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); writeUrl(true); search(); });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => { writeUrl(false); search(); }, 60);
  });
  addEventListener("popstate", () => { readUrl(); search(); });
  readUrl();
  search();
}

if (form && input && list && status && facetBox && moreButton && window.fetch) start();
