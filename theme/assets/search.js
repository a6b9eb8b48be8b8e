/* Search page client (docs/search.md). A dependency-free ES module: it loads the entry file named by
   #search-form[data-index] (constants, facet vocabulary, totals, the names of the other files), then
   per query word its word chunk (forms → stems, each stem's postings, facet counts and phrase
   pairs), the text files of the results shown, and the facet table only when something needs it:
   a filter, the date order, or the counts of a query that is not one stem while they are shown
   (wide screens, or the phone's Filter panel open; the results never wait for those counts). The functions exported below are the
   rules the JavaScript tests check (tests/js, with the shared golden ordering cases). Every
   constant comes from the entry file; none is written here. */

export const fold = (s) => s.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "");

/**
 * The query words of a text, as SearchText.Tokens splits the content: folded, split on anything
 * not a letter or digit (an "&" between two is kept: "a&e"), stop words and one-letter words
 * dropped, except a letter right after one of entry.pseudonyms, which is joined to it and replaces
 * it ("Adult B" → "adultb": every document with that term has the word too), cut to maxWord.
 */
export function words(text, entry, stop) {
  const out = [], folded = fold(text), re = /[\p{L}\p{N}]+(?:&[\p{L}\p{N}]+)*/gu;
  let m, prev = null, prevEnd = -1;
  while ((m = re.exec(folded))) {
    const w = m[0], adjacent = prev !== null && /^\s+$/u.test(folded.slice(prevEnd, m.index));
    const cut = adjacent && w.length === 1 && /\p{L}/u.test(w) && entry.pseudonyms.includes(prev) ? prev + w
      : w.length < 2 || stop.has(w) ? null : w.slice(0, entry.maxWord);
    // A pseudonym's term implies its word: "Adult B" is one term, so a one-word query.
    if (cut && cut.length > w.length && out[out.length - 1] === prev) out.pop();
    prev = w; prevEnd = m.index + w.length;
    if (cut && !out.includes(cut)) out.push(cut);
  }
  return out;
}

/**
 * The files of the word chunks to read for a word (entry.words: chunks of the ordinally sorted
 * forms, stems and typo keys, each holding the strings from its "from" up to the next one's).
 * An exact word, or a stem a form names, is in one chunk: the last whose "from" is at or before it.
 * As a prefix, a word of keyLength letters or more (entry.chunkKey) also reads the next chunks whose
 * "from" starts with it (a key split over several chunks); a shorter one reads its own chunk only.
 */
export function chunksOf(refs, word, keyLength, prefix = false) {
  let lo = 0, hi = refs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (refs[mid].from <= word) lo = mid; else hi = mid - 1;
  }
  const files = refs[lo] ? [refs[lo].file] : [];
  if (prefix && word.length >= keyLength)
    for (let j = lo + 1; j < refs.length && refs[j].from.startsWith(word); j++) files.push(refs[j].file);
  return files;
}

/** Postings [delta, score, ...] → { docs, scores } ascending by document. */
export function decode(p) {
  const n = p.length / 2, docs = new Int32Array(n), scores = new Int32Array(n);
  for (let i = 0, d = 0; i < n; i++) { d += p[2 * i]; docs[i] = d; scores[i] = p[2 * i + 1]; }
  return { docs, scores };
}

/**
 * Orders results [score, doc, words in running text] in place, best first. Scores with
 * tieNum × score ≥ tieDen × best of their run are too close to call: among them, more query words
 * in the running text first, then the document order (the reviews' and reports' own order).
 */
export function order(results, ranking) {
  results.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; i < results.length;) {
    let j = i;
    while (j < results.length && results[j][0] * ranking.tieNum >= results[i][0] * ranking.tieDen) j++;
    const run = results.slice(i, j).sort((a, b) => b[2] - a[2] || a[1] - b[1]);
    results.splice(i, run.length, ...run);
    i = j;
  }
  return results;
}

/** The query as searched: each corrected word [typed, used] replaced, whatever its case. */
export function corrects(q, corrected) {
  let text = q;
  for (const [typed, used] of corrected) text = text.replace(new RegExp(typed.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i"), used);
  return text;
}

/** One edit apart: insertion, deletion, substitution or a swap of neighbouring letters. */
export function oneEdit(a, b) {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) ||
    (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  const [l, s] = a.length > b.length ? [a, b] : [b, a];
  return l.slice(i + 1) === s.slice(i);
}

/* ---------------------------------------------------------------------------------------------
   The page. Nothing leaves the site and nothing is eval'd; results are built with DOM methods and
   textContent, never innerHTML. The state is in the address (?q=&theme=&sort=&pages=&exact=), so a
   search can be shared and Back restores it. */
const doc = globalThis.document;
const form = doc && doc.getElementById("search-form");
const input = doc && doc.getElementById("q");
const list = doc && doc.getElementById("search-results");
const status = doc && doc.getElementById("search-status");
const facetBox = doc && doc.getElementById("search-facets");
const moreButton = doc && doc.getElementById("search-more");
const tools = doc && doc.getElementById("search-tools");
const cache = new Map(), decoded = new Map();
let entry, base, stop, summary, facetOf = [], labels = [], offsets = [], up = [], selected = [], run = 0, sort = "relevance", want = 0, exact = false;

function get(name) {
  let p = cache.get(name);
  if (!p) {
    p = fetch(new URL(name, base), { credentials: "omit" }).then(async (r) => {
      if (!r.ok) throw new Error(r.status);
      if (!name.endsWith(".gz")) return r.json();
      return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).json();
    });
    p.catch(() => cache.delete(name));
    cache.set(name, p);
  }
  return p;
}
const file = (name) => get(entry.files + name);

// Decoded once per key and kept (a warm query decodes nothing).
function once(id, make) {
  let p = decoded.get(id);
  if (!p) { p = make(); p.catch(() => decoded.delete(id)); decoded.set(id, p); }
  return p;
}

// A word chunk as maps: form → stem, stem → entry.
function chunk(name) {
  return once("w" + name, async () => {
    const c = await file(name);
    return { forms: c.forms, stems: new Map(c.stems.map((s) => [s.stem, s])), typos: new Map(c.typos.map(([k, ...ws]) => [k, ws])) };
  });
}
// The chunk holding an exact word, stem or typo key.
const wordChunk = (w) => chunk(chunksOf(entry.words, w, entry.chunkKey)[0]);
async function stemEntry(stem) { return (await wordChunk(stem)).stems.get(stem); }
// A large stem's postings and pairs are in a file of its own (st.file), a small one's in its chunk.
const own = (st) => (st.file ? file(st.file) : Promise.resolve(st));
const posts = (st) => once("p" + st.stem, async () => decode((await own(st)).postings));
function pairsOf(st) {
  return once("b" + st.stem, async () => new Map(((await own(st)).pairs || []).map((p) => [p.first + " " + p.second, decode(p.postings)])));
}

// The stems a query word matches, [entry, factor], strongest and commonest first (at most
// ranking.most); adds the forms found (for highlighting) and a typo's correction.
async function resolve(q, found, corrected) {
  const R = entry.ranking, hits = new Map();
  const add = (stem, factor, form) => {
    const old = hits.get(stem);
    if (!old || old[1] < factor) hits.set(stem, [stem, factor]);
    found.add(form);
  };
  for (const c of await Promise.all(chunksOf(entry.words, q, entry.chunkKey, true).map(chunk)))
    for (const [form, stem] of c.forms) {
      if (form === q) add(stem, R.exact, form);
      else if (form.startsWith(q)) add(stem, R.prefix, form);
    }
  // exact: the reader chose "search for the word as typed" after a correction.
  if (!hits.size && !exact && q.length >= entry.typoMin && q.length <= entry.typoMax) {
    const keys = new Set([q]);
    for (let i = 0; i < q.length; i++) keys.add(q.slice(0, i) + q.slice(i + 1));
    const candidates = new Set();
    for (const k of keys) for (const w of (await wordChunk(k)).typos.get(k) || []) if (oneEdit(q, w)) candidates.add(w);
    for (const w of [...candidates].sort()) {
      const row = (await wordChunk(w)).forms.find((x) => x[0] === w);
      if (row) { add(row[1], R.typo, w); corrected.push([q, w]); }
    }
  }
  const stems = await Promise.all([...hits.values()].map(async ([stem, factor]) => [await stemEntry(stem), factor]));
  return stems.filter((s) => s[0])
    .sort((a, b) => b[1] - a[1] || b[0].documents - a[0].documents || (a[0].stem < b[0].stem ? -1 : 1))
    .slice(0, R.most);
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

// The facet table, decoded: per document its review, kind and values (implied ones added);
// per review its newest-first rank.
let tableReady = null;
function table() {
  return once("table", async () => {
    const t = await file(entry.table), n = entry.documents;
    const review = new Int32Array(n), rank = [], values = new Array(n);
    const imply = (vs) => { const s = new Set(); for (const v of vs) { s.add(v); if (up[v] >= 0) s.add(up[v]); } return s; };
    // Per value, the recommendations that have it (gaps) → per recommendation, its own values.
    const own = Array.from({ length: entry.recommendations }, () => []);
    t.values.forEach((gaps, v) => { let r = -1; for (const g of gaps) own[r += g + 1].push(v); });
    let d = 0, o = 0;
    t.reviews.forEach(([newest, ...shared], r) => {
      const first = d++, all = imply(shared), recs = entry.reviewRecs[r];
      rank.push(newest);
      review[first] = r;
      for (let i = 0; i < recs; i++, d++) {
        const mine = imply([...shared, ...own[o++]]);
        review[d] = r;
        values[d] = mine;
        for (const v of mine) all.add(v);
      }
      values[first] = all;
    });
    return (tableReady = { review, rank, values });
  });
}

// The documents matching every word (words are ANDed): doc → [score, words in the running text].
async function matches(resolved) {
  const R = entry.ranking;
  const maps = await Promise.all(resolved.map(scores));
  let ci = 0;
  maps.forEach((m, i) => { if (m.size < maps[ci].size) ci = i; });
  const docs = new Map();
  for (const [d, v] of maps[ci]) {
    const sum = [v[0], v[1]];
    if (maps.every((m, i) => { if (i === ci) return true; const o = m.get(d); if (o) { sum[0] += o[0]; sum[1] += o[1]; } return !!o; })) docs.set(d, sum);
  }
  // Query words next to each other (stop words aside) score their pair's postings too.
  for (let i = 0; i + 1 < resolved.length; i++)
    for (const [a, fa] of resolved[i]) {
      if (fa !== R.exact) continue;
      for (const [b, fb] of resolved[i + 1]) {
        const owner = a.documents < b.documents || (a.documents === b.documents && a.stem <= b.stem) ? a : b;
        const p = (await pairsOf(owner)).get(a.stem + " " + b.stem);
        if (p) for (let j = 0; j < p.docs.length; j++) { const v = docs.get(p.docs[j]); if (v) v[0] += p.scores[j] * fb; }
      }
    }
  return docs;
}

// The matched documents (null: every document) that pass the filters, with facet counts, from the
// facet table: a document passes a facet when nothing is selected in it or it has a selected value;
// each facet's counts apply the other facets' filters.
function narrowed(docs, t) {
  const counts = new Map(), results = [];
  let recs = 0;
  const each = (d, score, inText) => {
    const values = t.values[d], fails = [];
    selected.forEach((sel, f) => {
      if (!sel.size) return;
      for (const g of values) if (facetOf[g] === f && sel.has(labels[g][0])) return;
      fails.push(f);
    });
    if (!fails.length) results.push([score, d, inText]);
    if (summary[d] || fails.length > 1) return;
    if (!fails.length) recs++;
    for (const g of values) if (!fails.length || facetOf[g] === fails[0]) counts.set(g, (counts.get(g) || 0) + 1);
  };
  if (docs) for (const [d, [score, inText]] of docs) each(d, score, inText);
  else for (let d = 0; d < entry.documents; d++) each(d, 0, 0);
  return { results, total: results.length, recs, counts, rank: (d) => t.rank[t.review[d]] };
}

// Several stems, no filter, by relevance: every match is a result, and the counts wait until they are
// shown (count() fetches the table then).
function unfiltered(docs) {
  const results = [];
  let recs = 0;
  for (const [d, [score, inText]] of docs) { results.push([score, d, inText]); if (!summary[d]) recs++; }
  return { results, total: results.length, recs, counts: null, docs };
}

// A one-word query of one stem, with no filter: its counts are in its chunk; the table is needed
// only to sort by date.
async function single(st) {
  const counts = new Map();
  for (let i = 0; i < st.counts.length; i += 2) counts.set(st.counts[i], st.counts[i + 1]);
  if (st.top && sort === "relevance") {
    // A large stem's first page is in its chunk, in order; the rest waits for "Show more".
    const results = [];
    for (let i = 0; i < st.top.length; i += 3) results.push([st.top[i + 1], st.top[i], st.top[i + 2]]);
    return { results, total: st.documents, recs: st.recs, counts, ordered: true, full: async () => sorted(await single({ ...st, top: null }), false).results };
  }
  const { docs, scores: sc } = await posts(st), results = [];
  for (let i = 0; i < docs.length; i++) results.push([(sc[i] >> 1) * entry.ranking.exact, docs[i], sc[i] & 1]);
  let rank = null;
  if (sort === "newest") { const t = await table(); rank = (d) => t.rank[t.review[d]]; }
  return { results, total: results.length, recs: st.recs, counts, rank };
}

function sorted(v, browse) {
  if (v.ordered) return v;
  if (sort === "newest" || browse) v.results.sort((a, b) => v.rank(a[1]) - v.rank(b[1]) || a[1] - b[1]);
  else order(v.results, entry.ranking);
  return v;
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  selected = entry.facets.map((f) => new Set(params.getAll(f.key)));
  sort = params.get("sort") === "newest" ? "newest" : "relevance";
  want = Math.max(1, Math.min(1000, parseInt(params.get("pages") || "1", 10) || 1));
  exact = params.get("exact") === "1";
  const box = doc.getElementById("search-sort");
  if (box) box.value = sort;
}

function query(q, pages, asTyped) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  entry.facets.forEach((f, i) => [...selected[i]].sort().forEach((v) => params.append(f.key, v)));
  if (sort !== "relevance") params.set("sort", sort);
  if (pages > 1) params.set("pages", String(pages));
  if (asTyped) params.set("exact", "1");
  return location.pathname + (params.toString() ? "?" + params : "");
}

function writeUrl(push) {
  const url = query(input.value.trim(), want, exact);
  if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", url);
}

// Whether the facet lists are on screen (wide screens, or the phone's Filter panel open).
const facetsShown = () => !facetBox.hidden;

async function search() {
  const mine = ++run, q = input.value.trim(), ws = words(q, entry, stop), found = new Set(), corrected = [];
  // Until this search is rendered, the page does not claim to show any query's results.
  list.removeAttribute("data-rendered-query");
  const filtered = selected.some((s) => s.size);
  let v;
  try {
    const resolved = await Promise.all(ws.map((w) => resolve(w, found, corrected)));
    if (mine !== run) return;
    // Nothing typed nor ticked: the totals of every value, from the entry file (no other file).
    if (!ws.length && !filtered) v = { results: [], total: 0, recs: 0, counts: new Map(entry.totals.map((n, g) => [g, n])), empty: true };
    else if (ws.length && resolved.some((r) => !r.length)) v = { results: [], total: 0, recs: 0, counts: new Map() };
    else if (ws.length === 1 && resolved[0].length === 1 && !filtered) v = sorted(await single(resolved[0][0][0]), false);
    else {
      const docs = ws.length ? await matches(resolved) : null;
      // The table is needed for a filter or the date order; otherwise only for counts, and it is
      // used at once only if it is already here.
      v = filtered || sort === "newest" || !docs || tableReady ? narrowed(docs, await table()) : unfiltered(docs);
      v = sorted(v, !ws.length);
    }
  } catch (e) {
    if (mine === run) failed();
    return;
  }
  if (mine !== run) return;
  v.forms = found;
  list.textContent = "";
  v.shown = 0;
  try { await more(v, mine, want); } catch (e) { if (mine === run) failed(); return; }
  if (mine !== run) return;
  const n = v.total, recs = v.recs;
  const what = `${n.toLocaleString("en-GB")} ${n === 1 ? "result" : "results"} (${recs.toLocaleString("en-GB")} ${recs === 1 ? "recommendation" : "recommendations"})`;
  status.textContent = v.empty ? `Type a word, or choose a filter to list its ${entry.recommendations.toLocaleString("en-GB")} recommendations newest first.`
    : !ws.length ? `${what}, newest first.`
    : n ? `${what} for “${q}”.` : `No results for “${q}”. Try fewer or different words, or remove a filter.`;
  renderCorrection(corrected, q);
  renderActive();
  pending = v.counts ? null : { mine, q, docs: v.docs };
  // Hidden lists (a phone's closed Filter panel) are brought up to date when opened.
  if (v.counts) { if (facetsShown()) renderFacets(v.counts); else { lastCounts = v.counts; stale = true; } }
  else {
    facetBox.setAttribute("aria-busy", "true");
    if (facetsShown()) { await count(); return; }
  }
  list.setAttribute("data-rendered-query", q);
}

// The facets have just been shown: their lists brought up to date, or counted.
function opened() {
  if (stale && !pending) renderFacets(lastCounts);
  count();
}

// The counts of a search rendered without them, once they are shown: from the facet table (fetched
// once). The results are in the page already; the marker waits for the counts.
let pending = null;
async function count() {
  const p = pending;
  if (!p || p.mine !== run) return;
  list.removeAttribute("data-rendered-query");
  let t;
  try { t = await table(); } catch (e) { if (p.mine === run) failed(); return; }
  if (p.mine !== run || pending !== p) return;
  pending = null;
  renderFacets(narrowed(p.docs, t).counts);
  list.setAttribute("data-rendered-query", p.q);
}

// "Showing results for safeguarding. Search for safegaurding instead": the link searches the words
// as typed (exact=1), in the address so it can be opened in a new tab too.
function renderCorrection(corrected, q) {
  const box = doc.getElementById("search-corrected");
  if (!box) return;
  box.textContent = "";
  box.hidden = !corrected.length;
  if (!corrected.length) return;
  const a = el("a", "", q);
  a.href = query(q, 1, true);
  a.addEventListener("click", (e) => { e.preventDefault(); exact = true; want = 1; writeUrl(true); search(); });
  box.append("Showing results for ", el("strong", "", corrects(q, corrected)), ". Search for ", a, " instead.");
}

// Shows pages up to `pages` (each page's texts from the text files of its documents).
async function more(v, mine, pages) {
  if (v.full && pages * entry.page > v.results.length && v.total > v.results.length) {
    const all = await v.full();
    if (mine !== run) return;
    v.results = all;
    v.full = null;
  }
  const page = v.results.slice(v.shown, pages * entry.page);
  const names = new Set(page.map((r) => `t.${entry.texts}.${Math.floor(r[1] / entry.textChunk)}.json.gz`));
  const files = new Map(await Promise.all([...names].map(async (f) => [f, await file(f)])));
  if (mine !== run) return;
  for (const [, d] of page) {
    const rows = files.get(`t.${entry.texts}.${Math.floor(d / entry.textChunk)}.json.gz`);
    list.appendChild(item(rows[d % entry.textChunk], v.forms));
  }
  v.shown += page.length;
  moreButton.hidden = v.shown >= v.total;
  moreButton.textContent = `Show more results (${(v.total - v.shown).toLocaleString("en-GB")} more)`;
  moreButton.onclick = () => {
    const first = v.shown;
    // Replaced, not pushed: Back from a result opened from this list comes back to the same pages.
    want = Math.floor(first / entry.page) + 1;
    writeUrl(false);
    more(v, run, want).then(() => list.children[first]?.querySelector("a")?.focus(), failed);
  };
}

function el(tag, cls, text) {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

// { k: kind, u: url, t: review title, l: label, a: addressees, x: text }
function item(d, forms) {
  const li = el("li"), a = el("a", "review-item__title");
  a.href = d.u;
  a.textContent = d.k ? `${d.t}: recommendation ${d.l}` : `${d.t} (review summary)`;
  li.appendChild(a);
  if (d.a) li.appendChild(mark(el("p", "review-item__meta"), "To: " + d.a, forms));
  li.appendChild(mark(el("p"), d.x, forms));
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

// The facet lists are built once; each search updates counts, order and which values are shown in
// place. A facet shows its SHOWN highest values; every value is reachable by typing part of its name
// or by "Show all N". A value's element is made the first time it is shown and is in the page only
// while shown (thousands of CSPs and agencies at scale are not kept in the DOM).
const SHOWN = 12;
let facetItems = null, active = null;
function buildFacets() {
  facetItems = [];
  // Above the results: the filters ticked, each with a remove button, and "Clear all".
  active = el("div", "search-active");
  active.id = "search-active";
  active.hidden = true;
  list.parentElement.insertBefore(active, list);
  entry.facets.forEach((f, fi) => {
    const set = el("fieldset", "search-facet"), legend = el("legend", "", f.name);
    set.appendChild(legend);
    const state = { expanded: false, text: "", head: legend, shown: [] };
    if (f.values.length > SHOWN) {
      const id = "facet-filter-" + f.key, label = el("label", "label", `Find a ${f.name.toLowerCase()}`), box = el("input", "input");
      label.htmlFor = id; box.id = id; box.type = "search"; box.autocomplete = "off";
      box.addEventListener("input", () => { state.text = fold(box.value.trim()); renderFacets(lastCounts); });
      const all = el("button", "button button--secondary search-facet__all");
      all.type = "button";
      all.addEventListener("click", () => { state.expanded = !state.expanded; renderFacets(lastCounts); });
      set.append(label, box, all);
      state.all = all;
      state.head = box;
    }
    const items = f.values.map(([id, label], i) => ({ g: offsets[fi] + i, id, label, folded: fold(label), l: null, n: 0, on: false }));
    set.hidden = true;
    facetBox.appendChild(set);
    facetItems.push({ set, items, state });
  });
}

// A value's label, checkbox and count, made when it is first shown.
function valueElement(it, f) {
  const l = el("label", "search-facet__value"), box = el("input"), count = el("span", "search-facet__count");
  box.type = "checkbox"; box.name = f.key; box.value = it.id; box.id = "facet-" + it.g;
  const fi = facetOf[it.g];
  box.addEventListener("change", () => {
    selected[fi][box.checked ? "add" : "delete"](it.id);
    want = 1;
    writeUrl(true);
    search();
  });
  // Name and count in one box beside the checkbox, so a long name wraps with its count.
  const name = el("span", "", it.label + " ");
  name.append(count);
  l.append(box, name);
  Object.assign(it, { l, box, count, written: -1 });
}

function renderActive() {
  active.textContent = "";
  const ticked = [];
  entry.facets.forEach((f, fi) => f.values.forEach(([id, label]) => { if (selected[fi].has(id)) ticked.push([fi, id, label]); }));
  active.hidden = !ticked.length;
  if (!ticked.length) return;
  active.appendChild(el("span", "", "Filters: "));
  for (const [fi, id, label] of ticked) {
    // The facet's name only in the accessible name: short buttons keep the results near the top.
    const b = el("button", "button button--secondary search-active__remove", `${label} ✕`);
    b.type = "button";
    b.setAttribute("aria-label", `Remove filter ${entry.facets[fi].name}: ${label}`);
    b.addEventListener("click", () => { selected[fi].delete(id); want = 1; writeUrl(true); search(); });
    active.appendChild(b);
  }
  const clear = el("button", "button button--secondary search-active__clear", "Clear all");
  clear.type = "button";
  clear.addEventListener("click", () => { selected.forEach((sel) => sel.clear()); want = 1; writeUrl(true); search(); });
  active.appendChild(clear);
}

let lastCounts = new Map(), stale = false;
function renderFacets(counts) {
  lastCounts = counts;
  stale = false;
  facetBox.removeAttribute("aria-busy");
  facetItems.forEach(({ set, items, state }, f) => {
    for (const it of items) { it.n = counts.get(it.g) || 0; it.on = selected[f].has(it.id); }
    // Highest count first; the values shown are the ticked ones, the top SHOWN (or all, or those
    // matching the "Find" box) of those with a count.
    const ordered = items.filter((it) => it.n > 0 || it.on)
      .sort((a, b) => b.n - a.n || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    const visible = [];
    for (const it of ordered)
      if (it.on || (state.text ? it.folded.includes(state.text) : state.expanded || visible.length < SHOWN)) visible.push(it);
    const keep = new Set(visible);
    for (const it of state.shown) if (!keep.has(it)) it.l.remove();
    // In order after the head (legend or "Find" box): the same elements, moved only where the order changed.
    let at = state.head.nextSibling;
    for (const it of visible) {
      if (!it.l) valueElement(it, entry.facets[f]);
      if (at === it.l) at = at.nextSibling;
      else set.insertBefore(it.l, at);
      it.box.checked = it.on;
      if (it.written !== it.n) { it.count.textContent = `(${it.n.toLocaleString("en-GB")})`; it.written = it.n; }
    }
    state.shown = visible;
    if (state.all) {
      state.all.hidden = state.text !== "" || ordered.length <= SHOWN;
      state.all.textContent = state.expanded ? `Show the top ${SHOWN}` : `Show all ${ordered.length.toLocaleString("en-GB")}`;
      state.all.setAttribute("aria-expanded", String(state.expanded));
    }
    set.hidden = !ordered.length;
  });
}

function failed() {
  status.textContent = "The search could not be loaded. You can still browse the recommendations.";
  doc.getElementById("search-fallback").hidden = false;
}

async function start() {
  base = new URL(form.getAttribute("data-index"), location.href);
  try { entry = await get(base.href); } catch (e) { failed(); return; }
  stop = new Set(entry.stop);
  // The first normalize("NFD") and Unicode-class regexes load tables and compile: done here, while
  // the page loads, rather than on the first keystroke.
  mark(el("p"), words("Café ready", entry, stop).join(" "), new Set(["cafe"]));
  entry.facets.forEach((f, fi) => {
    offsets[fi] = labels.length;
    for (const v of f.values) { facetOf.push(fi); labels.push(v); }
  });
  up = entry.up;
  // Which documents are review summaries (each review's first): a result count needs no facet table.
  summary = new Uint8Array(entry.documents);
  for (let r = 0, d = 0; r < entry.reviewRecs.length; d += entry.reviewRecs[r++] + 1) summary[d] = 1;
  buildFacets();
  doc.getElementById("search-fallback").hidden = true;
  const statics = doc.getElementById("search-static-facets");
  // The form without JavaScript (a select per facet, every value an option): out of the live page.
  if (statics) statics.remove();
  form.addEventListener("submit", (e) => { e.preventDefault(); want = 1; writeUrl(true); search(); });
  input.addEventListener("input", () => {
    // At once: files already fetched make it immediate, and a later keystroke's search supersedes
    // this one (run) rather than waiting behind it. New words may be corrected again.
    want = 1;
    exact = false;
    writeUrl(false);
    search();
  });
  const sortBox = doc.getElementById("search-sort");
  if (sortBox) {
    sortBox.hidden = false;
    sortBox.closest("[hidden]")?.removeAttribute("hidden");
    sortBox.addEventListener("change", () => { sort = sortBox.value === "newest" ? "newest" : "relevance"; want = 1; writeUrl(true); search(); });
  }
  // On a small screen the filters are behind a "Filter" button beside the sort, above the results
  // (the first result within the first screen of a phone); they open right below it.
  const narrow = matchMedia("(max-width: 40em)");
  const toggle = el("button", "button button--secondary search-filter-toggle", "Filter");
  toggle.type = "button";
  toggle.setAttribute("aria-controls", "search-facets");
  const home = [facetBox.parentElement, facetBox.nextSibling];
  const place = () => {
    toggle.hidden = !narrow.matches;
    if (narrow.matches) { tools.after(facetBox); facetBox.hidden = toggle.getAttribute("aria-expanded") !== "true"; }
    else { home[0].insertBefore(facetBox, home[1]); facetBox.hidden = false; }
    if (!facetBox.hidden) opened();
  };
  toggle.setAttribute("aria-expanded", "false");
  toggle.addEventListener("click", () => {
    toggle.setAttribute("aria-expanded", String(facetBox.hidden));
    facetBox.hidden = !facetBox.hidden;
    // The counts of the search shown, if it was rendered without them.
    if (!facetBox.hidden) opened();
  });
  tools.prepend(toggle);
  narrow.addEventListener("change", place);
  place();
  addEventListener("popstate", () => { readUrl(); search(); });
  readUrl();
  search();
}

if (form && input && list && status && facetBox && moreButton && tools && globalThis.fetch) start();
