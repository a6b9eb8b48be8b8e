// The search client's rules (theme/assets/search.js), run with Node's built-in test runner from
// .ci/test: the shared golden ordering cases (tests/Shared/search-order.json) and the word rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { order, words, chunksOf, decode, oneEdit, corrects } from "../../theme/assets/search.js";

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

test("a word is in the last chunk that starts at or before it", () => {
  const refs = [{ from: "", file: "a" }, { from: "mar", file: "b" }, { from: "saf", file: "c" }];
  assert.deepEqual(chunksOf(refs, "abc", 3), ["a"]);
  assert.deepEqual(chunksOf(refs, "mar", 3), ["b"]);
  assert.deepEqual(chunksOf(refs, "marac", 3), ["b"]);
  assert.deepEqual(chunksOf(refs, "ret", 3), ["b"]);
  assert.deepEqual(chunksOf(refs, "zzz", 3), ["c"]);
  assert.deepEqual(chunksOf(refs, "saf", 3, true), ["c"]);
});

// The key "con" split over three chunks at longer prefixes: [con, conf), [conf, cont), [cont, cou).
const split = [{ from: "", file: "a" }, { from: "com", file: "b" }, { from: "conf", file: "c" },
  { from: "cont", file: "d" }, { from: "cou", file: "e" }];

test("a prefix that spans a split key reads every chunk its words can be in", () => {
  // "con" while typing: "concern" is in b, "confidential" in c, "control" in d.
  assert.deepEqual(chunksOf(split, "con", 3, true), ["b", "c", "d"]);
  assert.deepEqual(chunksOf(split, "cont", 3, true), ["d"]);
  assert.deepEqual(chunksOf(split, "conf", 3, true), ["c"]);
  assert.deepEqual(chunksOf(split, "conc", 3, true), ["b"]);
  // Shorter than a key: its own chunk only, as before keys were split.
  assert.deepEqual(chunksOf(split, "co", 3, true), ["a"]);
});

test("an exact word or stem is in one chunk across a split", () => {
  // The form "controlling" names the stem "control", in the same chunk.
  assert.deepEqual(chunksOf(split, "controlling", 3), ["d"]);
  assert.deepEqual(chunksOf(split, "control", 3), ["d"]);
  assert.deepEqual(chunksOf(split, "concern", 3), ["b"]);
  assert.deepEqual(chunksOf(split, "conf", 3), ["c"]);
  assert.deepEqual(chunksOf(split, "conduct", 3), ["b"]);
  // A boundary between a form and its stem: "conference" (stem "confer") is in g, its stem in f.
  const refs = [{ from: "", file: "a" }, { from: "con", file: "f" }, { from: "confere", file: "g" }];
  assert.deepEqual(chunksOf(refs, "conference", 3), ["g"]);
  assert.deepEqual(chunksOf(refs, "confer", 3), ["f"]);
  assert.deepEqual(chunksOf(refs, "confer", 3, true), ["f", "g"]);
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
