// Pagefind driven as its UI would be: import the module at page load, search as you type with the
// facet counts (pagefind.filters() loads every filter file, as any UI showing counts must), load the
// first ten results' data, render them and the counts, then set the same marker as our client.
// The input listener is attached at once; a search typed before Pagefind is loaded waits for it.
const ready = (async () => {
  const pagefind = await import('/pagefind/pagefind.js');
  // Pagefind 1.6 searches in a Web Worker by default. Chrome's CPU throttling (and the page's CDP
  // network log) cover the page's main thread only, so the worker would run unthrottled and unseen:
  // keep Pagefind on the main thread, as our client is, so both are slowed and counted alike.
  await pagefind.options({ noWorker: true });
  return pagefind;
})();
const input = document.getElementById('q');
const list = document.getElementById('search-results');
const facets = document.getElementById('facets');
const count = document.getElementById('count');
let latest = 0;

function el(tag, text) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }

async function run() {
  const text = input.value.trim();
  const ticket = ++latest;
  let results = [], filterCounts = {}, total = 0;
  if (text.length > 0) {
    const pagefind = await ready;
    // Counts for every filter are in search.filters only once the filter files are loaded.
    await pagefind.filters();
    const search = await pagefind.search(text);
    total = search.results.length;
    filterCounts = search.filters || {};
    results = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
  }
  if (ticket !== latest) return;
  list.replaceChildren(...results.map(d => {
    const li = el('li'); const a = el('a', (d.meta && d.meta.title) || d.url); a.href = d.url;
    const p = el('p'); p.innerHTML = d.excerpt; li.append(a, p); return li;
  }));
  facets.replaceChildren(...Object.entries(filterCounts).map(([name, values]) => {
    const ul = el('ul'); ul.append(el('li', name));
    for (const [v, n] of Object.entries(values).sort((a, b) => b[1] - a[1])) ul.append(el('li', `${v} (${n})`));
    return ul;
  }));
  count.textContent = `${total} results`;
  list.setAttribute('data-rendered-query', text);
}

input.addEventListener('input', run);
const q = new URLSearchParams(location.search).get('q');
if (q) { input.value = q; run(); }
