/* Search page client (docs/search.md). An ES module with no dependencies: it loads the small
   manifest named by #search-form[data-index], then for each query word the forms shard keyed by its
   first two letters (word forms → stems), then per stem its head file (facet counts and the first
   page with its texts: all a one-word query needs) or, for several words, a filter or the next page,
   its postings, facet rows and pairs, and the text files of the results shown. Nothing leaves the site and nothing is eval'd; results
   are built with DOM methods and textContent, never innerHTML. The query is in the address
   (?q=...&theme=...), so a search can be shared and Back works. */
const form = document.getElementById("search-form");
const input = document.getElementById("q");
const list = document.getElementById("search-results");
const status = document.getElementById("search-status");
const facetBox = document.getElementById("search-facets");
const moreButton = document.getElementById("search-more");
// Scores are integers: the build's BM25F score (×5 for an exact word or stem, ×3 for a prefix, ×2
// for one typo), so the client and the build order results the same way (docs/search.md).
const EXACT = 5, PREFIX = 3, TYPO = 2, MAX_VALUES = 12;
const cache = new Map(), decoded = new Map();
let manifest, base, stop, PAGE = 10, facetOf = [], labels = [], up = [], selected = [], run = 0, shown = 0;

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

// Decoded once per file and kept (a warm query decodes nothing).
function once(id, make) {
  let p = decoded.get(id);
  if (!p) { p = make(); p.catch(() => decoded.delete(id)); decoded.set(id, p); }
  return p;
}

const forms = (k) => (manifest.w[k] ? get(manifest.w[k]) : Promise.resolve(null));

// A stem is [stem, documents, hash, flags]: its head file h.<hash>.json; flag 1, its postings and
// facet rows in p. and f. files (else in the head); flag 2, its pairs in a b. file; flag 4, it is
// common, and the query of two common stems has a file of its own, q.<hash>.<hash>.json.
const head = (st) => get(`h.${st[2]}.json`);
const part = async (st, kind, flag) => ((st[3] & flag) ? get(`${kind}.${st[2]}.json`) : (await head(st))[kind]);

// Postings as two arrays ascending by document: documents and scores (score × 2 + 1 when the
// running text has the word).
function posts(st) {
  return once("p" + st[2], async () => {
    const p = await part(st, "p", 1), docs = new Int32Array(p.length / 2), scores = new Int32Array(p.length / 2);
    for (let i = 0, d = 0; i < p.length; i += 2) { d += p[i]; docs[i / 2] = d; scores[i / 2] = p[i + 1]; }
    return { docs, scores };
  });
}

// doc → [kind (0 review, 1 recommendation), facet values...]: the row's own values, its review's
// shared ones, and those they imply (a theme's area...).
function rows(st) {
  return once("f" + st[2], async () => {
    const [f, { docs }] = await Promise.all([part(st, "f", 1), posts(st)]), map = new Map();
    let gi = 0;
    f.d.forEach((own, i) => {
      const doc = docs[i];
      while (gi + 1 < f.g.length && f.g[gi + 1][0] <= doc) gi++;
      const g = f.g[gi], values = new Set();
      for (const v of [...own, ...g.slice(1)]) { values.add(v); if (up[v] >= 0) values.add(up[v]); }
      map.set(doc, [doc === g[0] ? 0 : 1, ...values]);
    });
    return map;
  });
}

// Pairs of adjacent stems this stem keeps (it is the rarer of the two): "first second" → [doc, bonus, ...].
function pairsOf(st) {
  return once("b" + st[2], async () => {
    const b = (await part(st, "b", 2)) || [], map = new Map();
    for (const [first, second, p] of b) {
      const docs = [];
      for (let i = 0, d = 0; i < p.length; i += 2) { d += p[i]; docs.push(d, p[i + 1]); }
      map.set(first + " " + second, docs);
    }
    return map;
  });
}
const rarer = (a, b) => (a[1] < b[1] || (a[1] === b[1] && a[0] <= b[0]) ? a : b);

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

// The stems a query word matches, [stem, factor], strongest and commonest first (at most
// manifest.most: a short prefix matches many words); adds the forms found, for highlighting. When
// they are several, the forms shard may name a file with the word's first page (.file).
async function resolve(q, found) {
  const hits = new Map(); // stem → [entry, factor, shard, stem index]
  const add = (s, si, factor) => {
    const old = hits.get(s.s[si][0]);
    if (!old || old[1] < factor) hits.set(s.s[si][0], [s.s[si], factor, s, si]);
  };
  const s = await forms(key(q));
  if (s) for (const [form, si] of s.w) {
    if (form === q) add(s, si, EXACT);
    else if (form.startsWith(q)) add(s, si, PREFIX);
  }
  if (!hits.size && q.length >= manifest.typo) {
    const keys = new Set([q]);
    for (let i = 0; i < q.length; i++) keys.add(q.slice(0, i) + q.slice(i + 1));
    const files = [...new Set([...keys].map(key))].filter((k) => manifest.t[k]);
    const candidates = new Set();
    for (const t of await Promise.all(files.map((k) => get(manifest.t[k]))))
      for (const [k, ws] of t.k) if (keys.has(k)) for (const w of ws) if (oneEdit(q, w)) candidates.add(w);
    for (const w of candidates) {
      const c = await forms(key(w));
      const row = c && c.w.find((x) => x[0] === w);
      if (row) add(c, row[1], TYPO);
    }
  }
  const list = [...hits.values()].sort((a, b) => b[1] - a[1] || b[0][1] - a[0][1] || (a[0][0] < b[0][0] ? -1 : 1)).slice(0, manifest.most);
  for (const [, , sh, si] of list) for (const [form, i] of sh.w) if (i === si) found.add(form);
  const out = list.map(([st, factor]) => [st, factor]);
  if (s && out.length > 1) out.file = (s.several ||= new Map(s.m)).get(q);
  return out;
}

// doc → [score, words in the running text] for one query word (its stems ORed, best score kept).
async function scores(stems) {
  const m = new Map();
  for (const [st, factor] of stems) {
    const { docs, scores: sc } = await posts(st);
    for (let i = 0; i < docs.length; i++) {
      const score = (sc[i] >> 1) * factor, old = m.get(docs[i]);
      if (!old || old[0] < score) m.set(docs[i], [score, sc[i] & 1]);
    }
  }
  return m;
}

// The first page of a one-word query is in its stem's head file, with its facet counts.
async function fromHead(st) {
  const h = await head(st), results = [];
  for (let i = 0; i < h.top.length; i += 2) results.push([h.top[i + 1] >> 1, h.top[i], h.top[i + 1] & 1]);
  return precomputed(h, results, () => compute([[[st, EXACT]]]));
}

// A word matching several stems: its file has the first page and counts.
async function fromSeveral(stems) {
  const h = await get(stems.file), results = [];
  for (let i = 0; i < h.top.length; i += 3) results.push([h.top[i + 1], h.top[i], h.top[i + 2]]);
  return precomputed(h, results, () => compute([stems]));
}

// Two common words typed exactly: their pair's file has the first page (either order) and counts.
async function fromPair(a, b) {
  const q = await get(a[0] < b[0] ? `q.${a[2]}.${b[2]}.json` : `q.${b[2]}.${a[2]}.json`);
  const top = a[0] < b[0] ? q.top : q.top2, results = [];
  for (let i = 0; i < top.length; i += 3) results.push([top[i + 1], top[i], top[i + 2]]);
  return precomputed(q, results, () => compute([[[a, EXACT]], [[b, EXACT]]]));
}

const precomputed = (h, results, full) => ({ results, total: h.n, recs: h.r, full,
  counts: new Map(h.c.flatMap((v, i) => (i % 2 ? [] : [[v, h.c[i + 1]]]))), texts: new Map(h.d.map((d) => [d[0], d])) });

// Every result of a query, with facet counts: words are ANDed; the word in fewest documents
// carries the facet rows, since every result is one of its documents.
async function compute(resolved) {
  const empty = { results: [], total: 0, recs: 0, counts: new Map(), texts: new Map(), full: null };
  if (!resolved.length || resolved.some((stems) => !stems.length)) return empty;
  const size = (stems) => stems.reduce((n, [st]) => n + st[1], 0);
  let ci = 0;
  resolved.forEach((stems, i) => { if (size(stems) < size(resolved[ci])) ci = i; });
  const [maps, rowMaps] = await Promise.all([Promise.all(resolved.map(scores)), Promise.all(resolved[ci].map(([st]) => rows(st)))]);
  const docs = new Map();
  for (const [d, v] of maps[ci]) {
    const sum = [v[0], v[1]];
    if (maps.every((m, i) => { if (i === ci) return true; const o = m.get(d); if (o) { sum[0] += o[0]; sum[1] += o[1]; } return !!o; })) docs.set(d, sum);
  }
  // Query words found next to each other (stop words aside) score their pair's postings too.
  for (let i = 0; i + 1 < resolved.length; i++)
    for (const [a, fa] of resolved[i]) {
      if (fa !== EXACT) continue;
      for (const [b, fb] of resolved[i + 1]) {
        const p = (await pairsOf(rarer(a, b))).get(a[0] + " " + b[0]) || [];
        for (let j = 0; j < p.length; j += 2) { const v = docs.get(p[j]); if (v) v[0] += p[j + 1] * fb; }
      }
    }
  // A document passes a facet when nothing is selected in it or it has a selected value. Each
  // facet's counts apply the other facets' filters.
  const counts = new Map(), results = [];
  let recs = 0;
  for (const [doc, [score, inText]] of docs) {
    let row;
    for (const m of rowMaps) if ((row = m.get(doc))) break;
    const fails = [];
    selected.forEach((sel, f) => {
      if (sel.size && !row.slice(1).some((g) => facetOf[g] === f && sel.has(labels[g][0]))) fails.push(f);
    });
    if (!fails.length) results.push([score, doc, inText]);
    if (row[0] !== 1 || fails.length > 1) continue;
    if (!fails.length) recs++;
    for (const g of row.slice(1)) if (!fails.length || facetOf[g] === fails[0]) counts.set(g, (counts.get(g) || 0) + 1);
  }
  order(results);
  return { results, total: results.length, recs, counts, texts: new Map(), full: null };
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
  const mine = ++run, q = input.value.trim(), ws = words(q), found = new Set();
  // Until this search is rendered, the page does not claim to show any query's results.
  list.removeAttribute("data-rendered-query");
  let v;
  try {
    const resolved = await Promise.all(ws.map((w) => resolve(w, found)));
    if (mine !== run) return;
    const one = resolved.map((r) => (r.length === 1 ? r[0] : null)), plain = !selected.some((s) => s.size);
    if (plain && ws.length === 1 && one[0]) v = await fromHead(one[0][0]);
    else if (plain && ws.length === 1 && resolved[0].file) v = await fromSeveral(resolved[0]);
    else if (plain && ws.length === 2 && one.every((x) => x && x[1] === EXACT && (x[0][3] & 4)) && one[0][0][0] !== one[1][0][0])
      v = await fromPair(one[0][0], one[1][0]);
    else v = await compute(resolved);
  } catch (e) {
    if (mine === run) failed();
    return;
  }
  if (mine !== run) return;
  v.forms = found;
  shown = 0;
  list.textContent = "";
  try { await more(v, mine); } catch (e) { if (mine === run) failed(); return; }
  if (mine !== run) return;
  renderFacets(v.counts);
  const n = v.total, recs = v.recs;
  status.textContent = !ws.length ? "Type a word to search every recommendation and review summary."
    : n ? `${n} ${n === 1 ? "result" : "results"} (${recs} ${recs === 1 ? "recommendation" : "recommendations"}) for “${q}”.`
    : `No results for “${q}”. Try fewer or different words, or remove a filter.`;
  list.setAttribute("data-rendered-query", q);
}

// Best first. Scores within 5% of the best of their run (20 × score ≥ 19 × best: integers, as the
// build compares them for a stem's first page) are too close to call: among them, more query words
// in the running text (not only in themes, addressees or titles) first, then the reviews' and
// reports' own order.
function order(results) {
  results.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; i < results.length;) {
    let j = i;
    while (j < results.length && results[j][0] * 20 >= results[i][0] * 19) j++;
    const run = results.slice(i, j).sort((a, b) => b[2] - a[2] || a[1] - b[1]);
    results.splice(i, run.length, ...run);
    i = j;
  }
}

// Shows the next page: a head's first page has its texts; later pages need every result (the
// postings), then one text file per run of the review's documents shown.
async function more(v, mine) {
  if (v.full && shown + PAGE > v.results.length && v.total > v.results.length) {
    const all = await v.full();
    if (mine !== run) return;
    v.results = all.results;
    v.full = null;
  }
  const page = v.results.slice(shown, shown + PAGE);
  const names = new Set(page.filter((r) => !v.texts.has(r[1])).map((r) => `x.${manifest.x}.${Math.floor(r[1] / manifest.chunk)}.json`));
  const files = await Promise.all([...names].map((f) => get(f)));
  if (mine !== run) return;
  for (const g of files) for (const d of g) v.texts.set(d[0], d);
  for (const [, doc] of page) list.appendChild(item(v.texts.get(doc), v.forms));
  shown += page.length;
  moreButton.hidden = shown >= v.total;
  moreButton.textContent = `Show more results (${v.total - shown} more)`;
  moreButton.onclick = () => {
    const first = shown;
    more(v, run).then(() => list.children[first]?.querySelector("a")?.focus(), failed);
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
  // The first normalize("NFD") and Unicode-class regexes load tables and compile: done here, while
  // the page loads, rather than on the first keystroke.
  mark(el("p"), words("Café ready").join(" "), new Set(["cafe"]));
  PAGE = manifest.page;
  manifest.facets.forEach(([, , values], f) => {
    offsets[f] = labels.length;
    for (const v of values) { facetOf.push(f); labels.push(v); }
  });
  up = labels.map(() => -1);
  for (let i = 0; i < manifest.up.length; i += 2) up[manifest.up[i]] = manifest.up[i + 1];
  document.getElementById("search-fallback").hidden = true;
  const statics = document.getElementById("search-static-facets");
  if (statics) { statics.hidden = true; statics.querySelectorAll("select").forEach((s) => (s.disabled = true)); }
  form.addEventListener("submit", (e) => { e.preventDefault(); writeUrl(true); search(); });
  input.addEventListener("input", () => {
    // At once: files already fetched make it immediate, and a later keystroke's search supersedes
    // this one (run) rather than waiting behind it.
    writeUrl(false);
    search();
  });
  addEventListener("popstate", () => { readUrl(); search(); });
  readUrl();
  search();
}

if (form && input && list && status && facetBox && moreButton && window.fetch) start();
