// search-core.js answers queries from the index cmplay writes at build time (generator/search):
// a small manifest, dictionary chunks by word range, one data file per page and a filters file.
// Every file is a script calling window.__cmplaySearch, so the index loads from file:// and under
// any sub-path, where fetch and XHR do not work. Nothing is loaded before the reader first uses
// the search, and each query loads only the chunks holding its words.
//
// The query language and the ranking are the same as generator/search/query.go, which the Go
// tests exercise: words (the last one a prefix while typing), "quoted phrases", -excluded words;
// every word must match (or, when no result matches them all, any may); one typo is forgiven on
// words of five letters or more.
import { siteRoot } from "./store.js";
import { safeURL } from "./url.js";

const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) VALUE[DIGITS.charCodeAt(i)] = i;

const WEIGHT_EXACT = 1, WEIGHT_PREFIX = 0.8, WEIGHT_TYPO = 0.6;
const MAX_EXPAND = 64, TYPO_MIN_LEN = 5, MAX_CHECKED = 2000;
export const PER_PAGE = 3;

const WORD = /[\p{L}\p{M}\p{Nd}'’]+/gu;
const DIGIT = /\p{Nd}/u;

// tokenize splits text into normalised words with their place in the text, like search.Tokenize.
export function tokenize(text) {
  const out = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0].toLowerCase().replace(/i\u0307/g, "i").replace(/ς/g, "σ").replace(/['’]/g, "");
    if (word) out.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export function words(text) {
  return tokenize(text).map((t) => t.word);
}

const runes = (w) => [...w].length;

// parseQuery reads a query like search.ParseQuery: terms, phrases and excluded words.
export function parseQuery(q, stop) {
  const indexed = (w) => (runes(w) >= 2 || DIGIT.test(w)) && !stop.has(w);
  const out = { terms: [], phrases: [], excludes: [] };
  const seen = new Set();
  const add = (word, prefix) => {
    const key = word + (prefix ? "*" : "");
    if (!seen.has(key)) { seen.add(key); out.terms.push({ word, prefix }); }
  };
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (c === '"') {
      const end = q.indexOf('"', i + 1);
      const text = end >= 0 ? q.slice(i + 1, end) : q.slice(i + 1);
      i = end >= 0 ? end + 1 : q.length;
      const ws = words(text);
      if (ws.length) out.phrases.push(ws);
      for (const w of ws) if (indexed(w)) add(w, false);
    } else if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
    } else {
      let j = i;
      while (j < q.length && !' \t\n\r"'.includes(q[j])) j++;
      const part = q.slice(i, j);
      i = j;
      if (part.length > 1 && part[0] === "-") {
        for (const w of words(part.slice(1))) if (indexed(w)) out.excludes.push(w);
        continue;
      }
      const ws = words(part);
      ws.forEach((w, k) => {
        if (j === q.length && k === ws.length - 1) {
          if (runes(w) >= 2) add(w, true);
        } else if (indexed(w)) {
          add(w, false);
        }
      });
    }
  }
  return out;
}

// oneEdit reports whether a and b are one insertion, deletion, substitution or swap apart.
export function oneEdit(a, b) {
  let x = [...a], y = [...b];
  if (x.length > y.length) [x, y] = [y, x];
  if (y.length - x.length > 1) return false;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  if (i === x.length) return y.length === x.length + 1;
  const rest = (arr, from) => arr.slice(from).join("");
  if (x.length === y.length) {
    if (rest(x, i + 1) === rest(y, i + 1)) return true;
    return i + 1 < x.length && x[i] === y[i + 1] && x[i + 1] === y[i] && rest(x, i + 2) === rest(y, i + 2);
  }
  return rest(x, i) === rest(y, i + 1);
}

const ENDINGS = ["ational", "ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ness",
  "ies", "ied", "ial", "al", "ers", "er", "es", "ed", "ly", "s", "e", "y"];

// strip cuts the first of ENDINGS a word has, when at least four letters remain (query.go strip).
function strip(w) {
  for (const e of ENDINGS) {
    if (w.endsWith(e) && runes(w) - runes(e) >= 4) return w.slice(0, w.length - e.length);
  }
  return "";
}

// decodeNumbers reads a string of variable-length numbers (see generator/search/encode.go).
function decodeNumbers(s) {
  const out = [];
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const d = VALUE[s.charCodeAt(i)];
    if (d >= 32) { n = n * 32 + d - 32; continue; }
    out.push(n * 32 + d);
    n = 0;
  }
  return out;
}

// decodePostings turns a stem's postings into [doc, score×2 + item, doc, …].
function decodePostings(s) {
  const out = Int32Array.from(decodeNumbers(s));
  for (let i = 2; i < out.length; i += 2) out[i] += out[i - 2];
  return out;
}

// The global every index file calls; one loader per page, whatever created it.
function registry() {
  if (!window.__cmplaySearch) {
    const waiting = new Map();
    const got = (kind) => (n, data) => {
      const key = kind + n;
      const w = waiting.get(key);
      if (w) { waiting.delete(key); w(data); }
    };
    window.__cmplaySearch = { waiting, m: got("m"), c: got("c"), p: got("p"), f: got("f") };
  }
  return window.__cmplaySearch;
}

// loadScript adds a <script> and resolves with the data its file passes to the callback.
function loadScript(url, kind, n) {
  const reg = registry();
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    reg.waiting.set(kind + n, (data) => { s.remove(); resolve(data); });
    s.src = safeURL(url); // "" fails to load, like a missing file
    s.async = true;
    s.onerror = () => { reg.waiting.delete(kind + n); s.remove(); reject(new Error("search: cannot load " + url)); };
    s.onload = () => {
      if (reg.waiting.has(kind + n)) { reg.waiting.delete(kind + n); reject(new Error("search: " + url + " is not an index file")); }
    };
    document.head.appendChild(s);
  });
}

// Search is one site's index, loaded piece by piece as queries need it.
export class Search {
  constructor(manifestURL) {
    this.manifestURL = new URL(manifestURL, location.href).href;
    this.chunks = [];
    this.pages = [];
    this.loaded = new Set(); // URLs of index files loaded, for the benchmarks and tests
  }

  // ready loads the manifest, once. A manifest a browser cached from an older build names a
  // folder that no longer exists; the first failed load then fetches the manifest again.
  ready(fresh) {
    if (!this.manifest || fresh) {
      const url = fresh ? this.manifestURL + "?r=" + Date.now() : this.manifestURL;
      this.manifest = loadScript(url, "m", 0).then((m) => {
        this.m = m;
        this.stop = new Set(m.stop);
        const counts = decodeNumbers(m.docs);
        const total = counts.reduce((a, n) => a + n, 0);
        this.first = new Int32Array(counts.length);
        this.pageOf = new Int32Array(total);
        let d = 0;
        counts.forEach((n, p) => { this.first[p] = d; this.pageOf.fill(p, d, d + n); d += n; });
        this.acc = new Float64Array(total); // scratch, all zero between uses
        this.isItem = new Uint8Array(total);
        this.dir = new URL(m.dir, siteRoot()).href;
        this.chunks = [];
        this.pages = [];
        this.loaded.add(this.manifestURL);
        return m;
      });
      this.manifest.catch(() => { this.manifest = null; });
    }
    return this.manifest;
  }

  file(name, kind, n) {
    const url = this.dir + name;
    return loadScript(url, kind, n).then((data) => { this.loaded.add(url); return data; });
  }

  async retrying(load) {
    try {
      return await load();
    } catch (e) {
      if (this.retried) throw e;
      this.retried = true;
      await this.ready(true);
      return load();
    }
  }

  chunk(i) {
    if (!this.chunks[i]) {
      this.chunks[i] = this.retrying(() => this.file("c" + i + ".js", "c", i)).then((c) => {
        c.decoded = [];
        return c;
      });
      this.chunks[i].catch(() => { this.chunks[i] = null; });
    }
    return this.chunks[i];
  }

  page(i) {
    if (!this.pages[i]) {
      this.pages[i] = this.retrying(() => this.file("p" + i + ".js", "p", i));
      this.pages[i].catch(() => { this.pages[i] = null; });
    }
    return this.pages[i];
  }

  filters() {
    if (!this.filterData) {
      this.filterData = this.ready().then(() => this.retrying(() => this.file("f.js", "f", 0)));
      this.filterData.catch(() => { this.filterData = null; });
    }
    return this.filterData;
  }

  // words and parse expose the tokeniser and the query parser, for tests that compare them with
  // the Go ones.
  words(text) { return words(text); }
  async parse(q) { await this.ready(); return parseQuery(q, this.stop); }

  // find is the chunk whose word range holds word.
  find(word) {
    const cs = this.m.chunks;
    let lo = 0, hi = cs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cs[mid] > word) hi = mid; else lo = mid + 1;
    }
    return lo - 1;
  }

  prefixChunks(prefix) {
    const lo = this.find(prefix);
    let hi = lo + 1;
    while (hi < this.m.chunks.length && this.m.chunks[hi].startsWith(prefix)) hi++;
    return [lo, hi];
  }

  async chunksIn([lo, hi]) {
    const out = [];
    for (let c = lo; c < hi; c++) out.push(this.chunk(c));
    return Promise.all(out);
  }

  // expand finds the stems a term reaches, as a Map "chunk:stem" → weight, and the words of
  // those stems (for highlighting).
  async expand(t) {
    const found = new Map();
    const note = (c, chunk, s, w) => {
      const key = c + ":" + s;
      if (!found.has(key) || found.get(key).w < w) found.set(key, { c, chunk, s, w });
    };
    if (t.prefix) {
      const range = this.prefixChunks(t.word);
      const chunks = await this.chunksIn(range);
      chunks.forEach((chunk, k) => {
        chunk.w.forEach((w, i) => {
          if (w.startsWith(t.word)) note(range[0] + k, chunk, chunk.s[i], w === t.word ? WEIGHT_EXACT : WEIGHT_PREFIX);
        });
      });
      if (found.size > MAX_EXPAND) {
        const keep = [...found.entries()].sort((a, b) => b[1].chunk.p[b[1].s].length - a[1].chunk.p[a[1].s].length).slice(0, MAX_EXPAND);
        found.clear();
        for (const [k, v] of keep) found.set(k, v);
      }
    } else {
      const c = this.find(t.word);
      const chunk = await this.chunk(c);
      const i = bsearch(chunk.w, t.word);
      if (i >= 0) note(c, chunk, chunk.s[i], WEIGHT_EXACT);
    }
    if (found.size === 0 && runes(t.word) >= TYPO_MIN_LEN) {
      // Typos among the words sharing the first two letters, then the first letter (query.go).
      const rs = [...t.word];
      for (const pre of [rs[0] + rs[1], rs[0]]) {
        const range = this.prefixChunks(pre);
        const chunks = await this.chunksIn(range);
        chunks.forEach((chunk, k) => {
          chunk.w.forEach((w, i) => {
            if (w.startsWith(pre) && oneEdit(t.word, w)) note(range[0] + k, chunk, chunk.s[i], WEIGHT_TYPO);
          });
        });
        if (found.size > 0) break;
      }
    }
    // A form of the word the site never uses ("escalation" where the text only says
    // "escalate"): cut a common ending and take the words that begin with the rest.
    if (found.size === 0 && runes(t.word) >= TYPO_MIN_LEN) {
      const base = strip(t.word);
      if (base) {
        const more = await this.expand({ word: base, prefix: true });
        for (const st of more.stems) note(st.c, st.chunk, st.s, WEIGHT_TYPO);
      }
    }
    const words = new Set();
    for (const { chunk, s } of found.values()) {
      chunk.s.forEach((st, i) => { if (st === s) words.add(chunk.w[i]); });
    }
    return { stems: [...found.values()], words };
  }

  postings(chunk, s) {
    return chunk.decoded[s] || (chunk.decoded[s] = decodePostings(chunk.p[s]));
  }

  // termDocs merges the postings of a term's stems: each document once, with its best
  // weighted score. It returns parallel arrays of documents and scores.
  termDocs(stems) {
    const acc = this.acc, isItem = this.isItem, touched = [];
    for (const { chunk, s, w } of stems) {
      const p = this.postings(chunk, s);
      for (let i = 0; i < p.length; i += 2) {
        const d = p[i], v = w * (p[i + 1] >> 1);
        isItem[d] = p[i + 1] & 1;
        if (acc[d] === 0) touched.push(d);
        if (v > acc[d]) acc[d] = v;
      }
    }
    const ids = Int32Array.from(touched), vals = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) { vals[i] = acc[ids[i]]; acc[ids[i]] = 0; }
    return { ids, vals };
  }

  // combine keeps the documents every term matched, summing their scores in the order of the
  // terms, or, when none matches them all, the documents matching any (as query.go does).
  combine(terms) {
    const acc = this.acc;
    if (terms.length === 0) return { ids: new Int32Array(0), vals: new Float64Array(0) };
    if (terms.length === 1) return terms[0];
    const smallest = terms.reduce((a, t) => (t.ids.length < a.ids.length ? t : a));
    let ids = smallest.ids;
    for (const t of terms) {
      if (t === smallest) continue;
      for (let i = 0; i < t.ids.length; i++) acc[t.ids[i]] = 1;
      ids = ids.filter((d) => acc[d] === 1);
      for (let i = 0; i < t.ids.length; i++) acc[t.ids[i]] = 0;
    }
    if (ids.length === 0) {
      const all = [];
      for (const t of terms) {
        for (let i = 0; i < t.ids.length; i++) if (acc[t.ids[i]] === 0) { acc[t.ids[i]] = 1; all.push(t.ids[i]); }
      }
      for (const d of all) acc[d] = 0;
      ids = Int32Array.from(all);
    }
    const sums = new Float64Array(ids.length);
    for (const t of terms) {
      for (let i = 0; i < t.ids.length; i++) acc[t.ids[i]] = t.vals[i]; // scores are never 0
      for (let i = 0; i < ids.length; i++) sums[i] += acc[ids[i]];
      for (let i = 0; i < t.ids.length; i++) acc[t.ids[i]] = 0;
    }
    return { ids, vals: sums };
  }

  // search runs a query. opts: kind, role (page filters), items (checklist items only), open (a
  // function (id, checkedByDefault) telling whether an item is still open; implies items), limit.
  // It resolves with { results, words, prefixes, query }; each result has its page data.
  async search(q, opts = {}) {
    await this.ready();
    const limit = opts.limit || 10;
    const pq = parseQuery(q, this.stop);
    const expanded = await Promise.all(pq.terms.map((t) => this.expand(t)));
    const excluded = await Promise.all(pq.excludes.map((w) => this.expand({ word: w, prefix: false })));
    let { ids, vals } = this.combine(expanded.map(({ stems }) => this.termDocs(stems)));
    if (excluded.length) {
      const out = this.termDocs(excluded.flatMap((e) => e.stems));
      const acc = this.acc;
      for (const d of out.ids) acc[d] = 1;
      const kept = [];
      for (let i = 0; i < ids.length; i++) if (acc[ids[i]] === 0) kept.push(i);
      for (const d of out.ids) acc[d] = 0;
      ids = Int32Array.from(kept, (i) => ids[i]);
      vals = Float64Array.from(kept, (i) => vals[i]);
    }
    const needPage = pq.phrases.length > 0 || !!opts.open;
    const filt = opts.kind || opts.role ? await this.filters() : null;
    const results = [];
    const shown = new Map();
    const count = (page) => shown.get(page) || 0;
    const order = bestFirst(ids, vals);
    let checked = 0, done = false;
    // Without phrases or the open-items filter a result is decided without its page's data, and
    // only the pages shown are loaded; with them, pages are loaded in batches and checked, up to
    // MAX_CHECKED documents.
    while (results.length < limit && !done && checked < MAX_CHECKED) {
      const batch = [];
      const want = needPage ? limit * 2 : limit - results.length;
      while (batch.length < want) {
        const next = order.next();
        if (next.done) { done = true; break; }
        const i = next.value, d = ids[i], page = this.pageOf[d];
        const item = this.isItem[d] === 1;
        if (!keep(filt, page, item, opts) || count(page) >= PER_PAGE) continue;
        if (!needPage) shown.set(page, count(page) + 1);
        batch.push({ doc: d, page, item, n: d - this.first[page], score: vals[i] });
      }
      checked += batch.length;
      const data = await Promise.all(batch.map((r) => this.page(r.page)));
      batch.forEach((r, i) => {
        r.data = data[i];
        if (r.item) r.n -= r.data.s.length;
        if (needPage) {
          if (results.length >= limit || count(r.page) >= PER_PAGE) return;
          if (pq.phrases.length && !hasPhrases(docText(r), pq.phrases)) return;
          const it = r.item ? r.data.i[r.n] : null;
          if (opts.open && !(it && it[0] && opts.open(it[0], it[3] === "1"))) return;
          shown.set(r.page, count(r.page) + 1);
        }
        results.push(this.describe(r));
      });
    }
    const highlight = new Set();
    for (const { words: ws } of expanded) for (const w of ws) highlight.add(w);
    for (const ph of pq.phrases) for (const w of ph) highlight.add(w);
    return { results, words: highlight, prefixes: pq.terms.filter((t) => t.prefix).map((t) => t.word), query: pq };
  }

  // describe adds what the results list shows: the link, the title, the section or item, and
  // the text a snippet is cut from.
  describe(r) {
    const d = r.data;
    let url = new URL(d.u.slice(1), siteRoot()).href;
    if (url.endsWith("/") && (this.m.file || location.protocol === "file:")) url += "index.html";
    const out = { doc: r.doc, score: r.score, title: d.t, kind: d.k, url, within: "", text: "", item: null };
    if (r.item) {
      const [id, text, section] = d.i[r.n];
      out.item = id;
      out.within = text;
      out.text = text;
      if (id) out.url += "#task-" + id;
      else if (section) out.url += "#" + section;
    } else {
      const [anchor, heading, text] = d.s[r.n];
      out.within = heading;
      out.text = text;
      if (r.n > 0) out.url += "#" + anchor;
    }
    return out;
  }
}

function bsearch(arr, w) {
  let lo = 0, hi = arr.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] === w) return mid;
    if (arr[mid] < w) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

// bestFirst yields the indexes of vals from the highest value down, ties by lower document.
// It sorts only the best few hundred at a time: a common word matches tens of thousands of
// documents, and a query shows ten.
function* bestFirst(ids, vals) {
  let rest = Uint32Array.from(ids.keys());
  let take = 256;
  const cmp = (a, b) => vals[b] - vals[a] || ids[a] - ids[b];
  while (rest.length > 0) {
    if (rest.length <= take * 2) {
      yield* rest.sort(cmp);
      return;
    }
    const cut = kthLargest(Float64Array.from(rest, (i) => vals[i]), take);
    yield* rest.filter((i) => vals[i] >= cut).sort(cmp);
    rest = rest.filter((i) => vals[i] < cut);
    take *= 4;
  }
}

// kthLargest returns the k-th largest value of a (which it reorders), by quickselect.
function kthLargest(a, k) {
  let lo = 0, hi = a.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] > pivot) i++;
      while (a[j] < pivot) j--;
      if (i <= j) { const t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (target <= j) hi = j; else if (target >= i) lo = i; else return a[target];
  }
  return a[target];
}

function keep(filt, page, item, opts) {
  if ((opts.items || opts.open) && !item) return false;
  if (opts.kind && filt.kinds[filt.pk[page]] !== opts.kind) return false;
  if (opts.role && !(filt.pr[page] || []).some((r) => filt.roles[r][0] === opts.role)) return false;
  return true;
}

function docText(r) {
  if (r.item) return r.data.i[r.n][1];
  const s = r.data.s[r.n];
  return (r.n === 0 ? r.data.t : s[1]) + "\n" + s[2];
}

function hasPhrases(text, phrases) {
  const t = " " + words(text).join(" ") + " ";
  return phrases.every((ph) => t.includes(" " + ph.join(" ") + " "));
}

// snippet cuts the part of text around the first matching word, about max characters long,
// and returns it as pieces [{text, mark}] for the caller to put in text nodes: nothing from the
// index is ever parsed as HTML.
export function snippet(text, found, max = 180) {
  const toks = tokenize(text);
  const hit = (t) => found.words.has(t.word) || found.prefixes.some((p) => t.word.startsWith(p));
  const first = toks.find(hit);
  let start = 0;
  if (first && first.start > max / 3) {
    start = first.start - Math.floor(max / 3);
    const sp = text.indexOf(" ", start);
    if (sp >= 0 && sp < first.start) start = sp + 1;
  }
  let end = Math.min(text.length, start + max);
  if (end < text.length) {
    const sp = text.lastIndexOf(" ", end);
    if (sp > start + max / 2) end = sp;
  }
  const pieces = [];
  if (start > 0) pieces.push({ text: "…", mark: false });
  let at = start;
  for (const t of toks) {
    if (t.start < start || t.end > end || !hit(t)) continue;
    if (t.start > at) pieces.push({ text: text.slice(at, t.start), mark: false });
    pieces.push({ text: text.slice(t.start, t.end), mark: true });
    at = t.end;
  }
  if (end > at) pieces.push({ text: text.slice(at, end), mark: false });
  if (end < text.length) pieces.push({ text: "…", mark: false });
  return pieces;
}
