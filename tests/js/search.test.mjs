// The search client's rules (theme/assets/search.js), run with Node's built-in test runner from
// .ci/test: the shared golden ordering cases (tests/Shared/search-order.json) and the word rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { order, words, chunkOf, decode, oneEdit, corrects } from "../../theme/assets/search.js";

const golden = JSON.parse(readFileSync(new URL("../Shared/search-order.json", import.meta.url), "utf8"));

for (const c of golden.cases) {
  test(`order: ${c.name}`, () => {
    const results = c.results.map((r) => [...r]);
    assert.deepEqual(order(results, golden.ranking).map((r) => r[1]), c.expected);
  });
}

test("query words are folded, split, cut, and lose stop words and one-letter words", () => {
  const entry = { maxWord: 6, pseudonyms: [] };
  assert.deepEqual(words("Café MARAC, a b the Safeguarding!", entry, new Set(["the", "a"])), ["cafe", "marac", "safegu"]);
});

test("a pseudonym's letter is joined to its word, and A&E is one word, as the index splits them", () => {
  const entry = { maxWord: 48, pseudonyms: ["adult", "child"] };
  const stop = new Set(["a", "and", "the"]);
  assert.deepEqual(words("Adult B", entry, stop), ["adultb"]);
  assert.deepEqual(words("child A and the GP", entry, stop), ["childa", "gp"]);
  assert.deepEqual(words("Adult", entry, stop), ["adult"]);
  assert.deepEqual(words("A&E, a & e", entry, stop), ["a&e"]);
  assert.deepEqual(words("adult, b", entry, stop), ["adult"]);
});

test("a key is in the last chunk that starts at or before it", () => {
  const refs = [{ from: "", file: "a" }, { from: "mar", file: "b" }, { from: "saf", file: "c" }];
  assert.equal(chunkOf(refs, "abc"), "a");
  assert.equal(chunkOf(refs, "mar"), "b");
  assert.equal(chunkOf(refs, "ret"), "b");
  assert.equal(chunkOf(refs, "zzz"), "c");
});

test("postings decode from document deltas", () => {
  const { docs, scores } = decode([3, 11, 2, 7, 10, 5]);
  assert.deepEqual([...docs], [3, 5, 15]);
  assert.deepEqual([...scores], [11, 7, 5]);
});

test("one edit: insertion, deletion, substitution, swap", () => {
  assert.ok(oneEdit("safegaurding", "safeguarding"));
  assert.ok(oneEdit("dementa", "dementia"));
  assert.ok(oneEdit("coersive", "coercive"));
  assert.ok(!oneEdit("abc", "cba"));
});

test("a corrected query shows each typed word replaced by the word searched, whatever its case", () => {
  assert.equal(corrects("Safegaurding training", [["safegaurding", "safeguarding"]]), "safeguarding training");
  assert.equal(corrects("coersive a+b", [["coersive", "coercive"]]), "coercive a+b");
  assert.equal(corrects("marac", []), "marac");
});
