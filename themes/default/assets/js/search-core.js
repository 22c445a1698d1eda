// search-core.js answers queries from the index cmplay writes at build time (generator/internal/search):
// a small manifest, dictionary chunks by word range, one data file per page and a filters file.
// Every file is a script calling window.__cmplaySearch, so the index loads from file:// and under
// any sub-path, where fetch and XHR do not work. Nothing is loaded before the reader first uses
// the search, and each query loads only the chunks holding its words. A chunk holds the first
// tier of each word's postings, its best pages; the tier files after it are loaded only while
// the ranking needs them (Tiers, search), so a first query loads a bounded number of bytes.
//
// The query language and the ranking are the same as generator/internal/search (query.go, rank.go), which
// the Go tests exercise: words (the last one a prefix while typing), "quoted phrases", -excluded
// words; results that match more of the words come first, then BM25F decides, with a boost for
// words standing close together; synonyms, word families and one typo widen a word. Every weight
// and limit comes from the manifest's "tune", written by the build: none is a constant here.
import { siteRoot } from "./store.js";
import { safeURL } from "./url.js";

const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) VALUE[DIGITS.charCodeAt(i)] = i;

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
  let last = "";
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
        if (j === q.length && k === ws.length - 1) last = w;
        else if (indexed(w)) add(w, false);
      });
    }
  }
  // A stop word at the end is a prefix only when it is the whole query (query.go).
  if (runes(last) >= 2 && (indexed(last) || out.terms.length === 0)) add(last, true);
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

// editDistance is the optimal string alignment distance (suggest.go editDistance).
export function editDistance(a, b) {
  const x = [...a], y = [...b];
  let prev2 = new Array(y.length + 1).fill(0), prev = y.map((_, j) => j + 1), cur = new Array(y.length + 1).fill(0);
  prev.unshift(0);
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[y.length];
}

// strip cuts the first of the manifest's endings a word has, when at least four letters remain
// (query.go strip).
function strip(w, endings) {
  for (const e of endings) {
    if (w.endsWith(e) && runes(w) - runes(e) >= 4) return w.slice(0, w.length - e.length);
  }
  return "";
}

// decodeNumbers reads a string of variable-length numbers (see generator/internal/search/encode.go).
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
    window.__cmplaySearch = { waiting, m: got("m"), c: got("c"), p: got("p"), f: got("f"), t: got("t") };
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
    this.pageFiles = [];
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
        // Page files hold runs of consecutive pages (m.pf: how many each).
        this.fileOf = new Int32Array(counts.length);
        this.fileFirst = [];
        let pg = 0;
        decodeNumbers(m.pf).forEach((n, f) => { this.fileFirst.push(pg); this.fileOf.fill(f, pg, pg + n); pg += n; });
        this.acc = new Float64Array(total); // scratch, all zero between uses
        this.cnt = new Uint8Array(total); // scratch, all zero between uses
        this.isItem = new Uint8Array(total);
        this.pageBest = new Float64Array(counts.length); // scratch: best key of each page, 0 for none
        this.pageBestI = new Int32Array(counts.length);
        this.pageMark = new Uint8Array(counts.length);
        this.dir = new URL(m.dir, siteRoot()).href;
        this.chunks = [];
        this.pageFiles = [];
        this.tierFiles = [];
        this.tierData = [];
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
        // The stems whose postings go on in tier files: [stem, first file, size, then for each
        // tier its highest score, its length and its lead page] (generator/internal/search/tiers.go).
        c.tails = new Map();
        for (const t of c.t || []) {
          const e = { first: t[1], size: t[2], high: [], bytes: [], lead: [] };
          for (let k = 3; k + 2 < t.length; k += 3) { e.high.push(t[k]); e.bytes.push(t[k + 1]); e.lead.push(t[k + 2]); }
          c.tails.set(t[0], e);
        }
        return c;
      });
      this.chunks[i].catch(() => { this.chunks[i] = null; });
    }
    return this.chunks[i];
  }

  // page loads page i's data from the page file that holds it.
  page(i) {
    const f = this.fileOf[i];
    if (!this.pageFiles[f]) {
      this.pageFiles[f] = this.retrying(() => this.file("p" + f + ".js", "p", f));
      this.pageFiles[f].catch(() => { this.pageFiles[f] = null; });
    }
    return this.pageFiles[f].then((group) => group[i - this.fileFirst[f]]);
  }

  // tierFile loads tier file n: the postings of one tier of one stem, decoded, kept in
  // tierData[n] for the synchronous ranking.
  tierFile(n) {
    if (!this.tierFiles[n]) {
      this.tierFiles[n] = this.retrying(() => this.file("t" + n + ".js", "t", n)).then((enc) => {
        this.tierData[n] = decodePostings(enc);
        return this.tierData[n];
      });
      this.tierFiles[n].catch(() => { this.tierFiles[n] = null; });
    }
    return this.tierFiles[n];
  }

  // size is how common a stem is: the length of all its postings.
  size(chunk, s) {
    const t = chunk.tails.get(s);
    return t ? t.size : chunk.p[s].length;
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

  // expand finds the stems a term reaches, as a Map "chunk:stem" → {c, chunk, s, w}, and the
  // words of those stems (for the proximity boost and highlighting), as query.go expand does.
  async expand(t) {
    const tu = this.m.tune;
    const found = new Map();
    const note = (c, chunk, s, w) => {
      const key = c + ":" + s;
      if (!found.has(key) || found.get(key).w < w) found.set(key, { c, chunk, s, w });
    };
    const exact = (c, chunk, s) => {
      note(c, chunk, s, tu.exact);
      for (const f of chunk.f || []) if (f.includes(s)) for (const st of f) note(c, chunk, st, tu.related);
    };
    if (t.prefix) {
      const range = this.prefixChunks(t.word);
      const chunks = await this.chunksIn(range);
      const cands = new Map(), whole = [];
      chunks.forEach((chunk, k) => {
        chunk.w.forEach((w, i) => {
          if (!w.startsWith(t.word)) return;
          const c = range[0] + k, s = chunk.s[i];
          if (w === t.word) whole.push([c, chunk, s]);
          const key = c + ":" + s;
          if (!cands.has(key)) cands.set(key, { c, chunk, s, size: this.size(chunk, s) });
        });
      });
      const keep = [...cands.values()].sort((a, b) => b.size - a.size).slice(0, tu.maxExpand);
      for (const { c, chunk, s } of keep) note(c, chunk, s, tu.prefix);
      for (const [c, chunk, s] of whole) exact(c, chunk, s);
    } else {
      const c = this.find(t.word);
      const chunk = await this.chunk(c);
      const i = bsearch(chunk.w, t.word);
      if (i >= 0) exact(c, chunk, chunk.s[i]);
    }
    if (found.size === 0 && runes(t.word) >= tu.typoMinLen) {
      // Typos among the words sharing the first two letters, then the first letter (query.go).
      const rs = [...t.word];
      for (const pre of [rs[0] + rs[1], rs[0]]) {
        const range = this.prefixChunks(pre);
        const chunks = await this.chunksIn(range);
        chunks.forEach((chunk, k) => {
          chunk.w.forEach((w, i) => {
            if (w.startsWith(pre) && oneEdit(t.word, w)) note(range[0] + k, chunk, chunk.s[i], tu.typo);
          });
        });
        if (found.size > 0) break;
      }
      // A form of the word the site never uses ("escalation" where the text only says
      // "escalate"): cut a common ending and take the words that begin with the rest.
      const base = found.size === 0 ? strip(t.word, tu.endings) : "";
      if (base) {
        const more = await this.expand({ word: base, prefix: true });
        for (const st of more.stems) note(st.c, st.chunk, st.s, tu.typo);
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

  // synonymsOf is the synonyms the site declares for a word, or for the word less a common
  // ending (rank.go synonymsOf).
  synonymsOf(w) {
    const syn = this.m.syn || {};
    if (Object.hasOwn(syn, w)) return syn[w];
    const base = strip(w, this.m.tune.endings);
    return base && Object.hasOwn(syn, base) ? syn[base] : [];
  }

  // reach finds what a query word reaches: its own stems and those of its synonyms' words.
  async reach(t) {
    const own = await this.expand(t);
    const alts = await Promise.all(this.synonymsOf(t.word).map((alt) => Promise.all(alt.map((w) => this.expand({ word: w, prefix: false })))));
    return { own, alts };
  }

  // termMatch scores a query word's documents through its stems and its synonyms, from the
  // tiers loaded (rank.go termMatch): parallel arrays of documents and scores, the words it
  // stands for, and the stems with tiers not loaded (hidden), with the most they may add to a
  // document for this word (bound) and the page such a document is at or after (lead).
  termMatch(t, { own, alts }, tiers) {
    const words = new Set(own.words);
    const acc = this.acc, isItem = this.isItem, touched = [];
    const put = (d, v) => { if (acc[d] === 0) touched.push(d); if (v > acc[d]) acc[d] = v; };
    const m = { hidden: [], bound: 0, lead: -1 };
    const raise = (bound, lead) => {
      if (bound > m.bound) { m.bound = bound; m.lead = lead; } else if (bound === m.bound) m.lead = Math.min(m.lead, lead);
    };
    for (const st of own.stems) {
      const p = tiers.postings(st), w = st.w;
      for (let i = 0; i < p.length; i += 2) {
        const d = p[i], v = w * (p[i + 1] >> 1);
        isItem[d] = p[i + 1] & 1;
        if (acc[d] === 0) touched.push(d);
        if (v > acc[d]) acc[d] = v;
      }
      if (tiers.hidden(st)) { m.hidden.push(st); raise(w * tiers.bound(st), tiers.lead(st)); }
    }
    const syn = this.m.tune.synonym;
    for (const parts of alts) {
      let hidden = false, top = 0; // a part's mean is at most its best part's best score
      const maps = parts.map(({ stems, words: ws }) => {
        for (const w of ws) words.add(w);
        const m2 = new Map();
        for (const st of stems) {
          const p = tiers.postings(st), w = st.w;
          for (let i = 0; i < p.length; i += 2) {
            isItem[p[i]] = p[i + 1] & 1;
            const v = w * (p[i + 1] >> 1);
            if (!(m2.get(p[i]) >= v)) m2.set(p[i], v);
          }
          top = Math.max(top, w * tiers.top(st));
          if (tiers.hidden(st)) { m.hidden.push(st); hidden = true; }
        }
        return m2;
      });
      if (hidden) raise(syn * top, -1);
      for (const [d, first] of maps[0]) {
        let sum = 0, all = true;
        for (const m2 of maps) {
          const v = m2 === maps[0] ? first : m2.get(d);
          if (v === undefined) { all = false; break; }
          sum += v;
        }
        if (all) put(d, syn * (sum / maps.length));
      }
    }
    const ids = Int32Array.from(touched), vals = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) { vals[i] = acc[ids[i]]; acc[ids[i]] = 0; }
    return Object.assign(m, { ids, vals, words, prefix: t.prefix ? t.word : "" });
  }

  // rank gives every document a query word reaches Tuning.coverage per word it matches plus the
  // sum of the words' scores, in the order of the words (rank.go rank).
  rank(ms) {
    const cov = this.m.tune.coverage;
    if (ms.length === 1) {
      const { ids, vals } = ms[0];
      return { ids, keys: vals.map((v) => 1 * cov + v), sums: vals, counts: new Uint8Array(ids.length).fill(1) };
    }
    const sum = this.acc, cnt = this.cnt, touched = [];
    for (const m of ms) {
      for (let i = 0; i < m.ids.length; i++) {
        const d = m.ids[i];
        if (cnt[d] === 0) touched.push(d);
        sum[d] += m.vals[i];
        cnt[d]++;
      }
    }
    const ids = Int32Array.from(touched), keys = new Float64Array(ids.length), sums = new Float64Array(ids.length), counts = new Uint8Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const d = ids[i];
      sums[i] = sum[d]; counts[i] = cnt[d];
      keys[i] = cnt[d] * cov + sum[d];
      sum[d] = 0; cnt[d] = 0;
    }
    return { ids, keys, sums, counts };
  }

  // search runs a query. opts: kind, role (page filters), items (checklist items only), open (a
  // function (id, checkedByDefault) telling whether an item is still open; implies items), limit
  // (pages of results, 10 by default). It resolves with { results, terms, words, prefixes,
  // query, missing }: the results of each page together, its best first (the others have sub
  // set); missing, when nothing was found, names the query words no page has, with the nearest
  // words of the site.
  //
  // Postings come in tiers (tiers.go): the search ranks from the first tier of each stem, then
  // loads further tiers while its results are not certain (certain): all it takes with
  // opts.exact, all it takes while fewer than limit pages were found (and phrases or open items
  // have checked fewer than maxChecked documents), or else as long as they fit in tune.tierBudget
  // bytes. exact in the answer tells whether the results are certain; tiers counts the tier
  // files loaded.
  async search(q, opts = {}) {
    await this.ready();
    const tu = this.m.tune;
    const limit = opts.limit || 10;
    const pq = parseQuery(q, this.stop);
    const reached = await Promise.all(pq.terms.map((t) => this.reach(t)));
    const excluded = await Promise.all(pq.excludes.map((w) => this.expand({ word: w, prefix: false })));
    const tiers = new Tiers(this);
    // A document an excluded word is in must go wherever it ranks: all its tiers are loaded.
    await Promise.all(excluded.flatMap((e) => e.stems.map((st) => tiers.all(st))));
    const needPage = pq.phrases.length > 0 || !!opts.open;
    const filt = opts.kind || opts.role ? await this.filters() : null;
    const budget = { left: tu.tierBudget };
    let ms, groups, sure;
    for (;;) {
      ms = pq.terms.map((t, i) => this.termMatch(t, reached[i], tiers));
      let { ids, keys, sums, counts } = this.rank(ms);
      if (excluded.length) {
        const mark = this.cnt, drop = [];
        for (const e of excluded) for (const st of e.stems) {
          const p = tiers.postings(st);
          for (let i = 0; i < p.length; i += 2) { mark[p[i]] = 1; drop.push(p[i]); }
        }
        const kept = [];
        for (let i = 0; i < ids.length; i++) if (mark[ids[i]] === 0) kept.push(i);
        for (const d of drop) mark[d] = 0;
        ids = Int32Array.from(kept, (i) => ids[i]);
        keys = Float64Array.from(kept, (i) => keys[i]);
        sums = Float64Array.from(kept, (i) => sums[i]);
        counts = Uint8Array.from(kept, (i) => counts[i]);
      }
      // Phrases and open items are never certain (their check follows the order of every
      // document): the search takes the tiers its budget allows before it checks page text.
      if (needPage && (await tiers.deeper(hiddenOf(ms), budget))) continue;
      const chosen = await this.pick(pq, opts, filt, limit, { ids, keys, sums, counts });
      groups = chosen.groups;
      sure = this.certain(ms, groups, ids, keys, limit, filt, opts, tiers, needPage);
      if (sure) break;
      const hidden = hiddenOf(ms);
      if (opts.exact || (groups.length < limit && !chosen.spent)) {
        if (await tiers.deeper(hidden, null)) continue;
      } else if (await tiers.deeper(hidden, budget)) continue;
      break;
    }
    // The proximity boost, on the documents chosen (rank.go): their pages are loaded to be shown.
    const pages = await Promise.all(groups.map((g) => this.page(g.page)));
    const cov = tu.coverage;
    groups.forEach((g, k) => {
      for (const r of g.docs) {
        r.data = pages[k];
        if (r.item) r.n -= r.data.s.length;
        // One query word has no neighbours: closeness is 0 and the text need not be read.
        r.score = r.count * cov + r.sum * (1 + tu.prox * (ms.length < 2 ? 0 : closeness(words(docText(r)), ms)));
      }
      g.docs.sort((a, b) => b.score - a.score || a.doc - b.doc);
    });
    groups.sort((a, b) => b.docs[0].score - a.docs[0].score || a.docs[0].doc - b.docs[0].doc);
    const results = [];
    for (const g of groups) g.docs.forEach((r, i) => { const o = this.describe(r); o.sub = i > 0; results.push(o); });
    const highlight = new Set();
    for (const m of ms) for (const w of m.words) highlight.add(w);
    for (const ph of pq.phrases) for (const w of ph) highlight.add(w);
    const terms = ms.map((m) => ({ words: m.words, prefix: m.prefix }));
    const out = { results, terms, words: highlight, prefixes: pq.terms.filter((t) => t.prefix).map((t) => t.word), query: pq, missing: [],
      exact: sure, tiers: tiers.files() };
    if (results.length === 0) {
      for (let i = 0; i < ms.length; i++) {
        if (ms[i].ids.length === 0) out.missing.push({ word: pq.terms[i].word, suggest: await this.suggest(pq.terms[i].word) });
      }
    }
    return out;
  }

  // pick takes the documents in order of their keys into groups by page, as rank.go's choose
  // does: up to limit pages, up to perPage documents each, those that pass the filters, have the
  // phrases and, with opts.open, are open items. spent tells that it stopped at maxChecked
  // documents checked against page text.
  async pick(pq, opts, filt, limit, { ids, keys, sums, counts }) {
    const tu = this.m.tune;
    const needPage = pq.phrases.length > 0 || !!opts.open;
    const groups = [], byPage = new Map();
    let checked = 0, spent = false;
    // consider decides one document, in order of keys; it returns false when no later
    // document can be taken.
    const full = () => groups.length >= limit && groups.every((g) => g.docs.length >= tu.perPage);
    const consider = async (i) => {
      const d = ids[i], page = this.pageOf[d], item = this.isItem[d] === 1;
      if (!keep(filt, page, item, opts)) return true;
      const g = byPage.get(page);
      if (g ? g.docs.length >= tu.perPage : groups.length >= limit) return true;
      if (needPage) {
        if (checked >= tu.maxChecked) { spent = true; return false; }
        checked++;
        const r = { doc: d, page, item, n: d - this.first[page], data: await this.page(page) };
        if (r.item) r.n -= r.data.s.length;
        if (pq.phrases.length && !hasPhrases(docText(r), pq.phrases)) return true;
        const it = r.item ? r.data.i[r.n] : null;
        if (opts.open && !(it && it[0] && opts.open(it[0], it[3] === "1"))) return true;
      }
      let grp = g;
      if (!grp) { grp = { page, docs: [] }; byPage.set(page, grp); groups.push(grp); }
      grp.docs.push({ doc: d, page, item, n: d - this.first[page], sum: sums[i], count: counts[i], key: keys[i] });
      return !full();
    };
    if (needPage) {
      // Phrases and open items are checked against page text, one document after another in
      // order, loading pages ahead.
      const order = ordered(ids, keys);
      let going = true;
      while (going && groups.length < limit) {
        const next = order.next();
        if (next.done) break;
        await this.prefetch(ids, next.value, order);
        going = await consider(next.value);
      }
      if (going && groups.length >= limit) {
        const rest = [];
        const after = (i, j) => keys[i] < keys[j] || (keys[i] === keys[j] && ids[i] > ids[j]);
        const last = order.last;
        for (let i = 0; i < ids.length; i++) if (byPage.has(this.pageOf[ids[i]]) && (last < 0 || after(i, last))) rest.push(i);
        rest.sort((a, b) => keys[b] - keys[a] || ids[a] - ids[b]);
        for (const i of rest) if (!(await consider(i))) break;
      }
    } else {
      // Without them the outcome is known without going through every document in order: the
      // pages are those of the best documents of the best pages, and each page takes its best
      // documents (the same as the loop above).
      for (const i of this.choose(ids, keys, limit, filt, opts)) await consider(i);
    }
    return { groups, spent };
  }

  // certain tells whether the groups picked from the tiers loaded are those the whole postings
  // would give (tiers.go certain): no word has a tier not loaded; or, with no phrase nor open
  // items, limit pages were found, every page picked is covered by every stem not wholly loaded,
  // and no other document can pass the best result d of the last page (a document seen nowhere
  // reaching d's key only on a page after d's, a document seen numbered after d).
  certain(ms, groups, ids, keys, limit, filt, opts, tiers, needPage) {
    const cov = this.m.tune.coverage;
    let unseen = 0, open = false, lead = -1;
    for (const m of ms) {
      if (m.hidden.length) { unseen += cov + m.bound; open = true; lead = Math.max(lead, m.lead); }
    }
    if (!open) return true;
    if (needPage || groups.length < limit) return false;
    const chosen = new Set();
    for (const g of groups) {
      chosen.add(g.page);
      for (const m of ms) if (!tiers.covers(m.hidden, g.page)) return false;
    }
    const best = groups[groups.length - 1].docs[0], d = best.doc, last = best.key;
    if (passes(unseen, last) || (same(unseen, last) && lead <= this.pageOf[d])) return false;
    const scores = ms.map((m) => {
      if (!m.hidden.length) return null;
      const byDoc = new Map();
      for (let i = 0; i < m.ids.length; i++) byDoc.set(m.ids[i], m.vals[i]);
      return byDoc;
    });
    for (let i = 0; i < ids.length; i++) {
      const e = ids[i], page = this.pageOf[e];
      if (chosen.has(page) || !keep(filt, page, this.isItem[e] === 1, opts)) continue;
      let up = keys[i];
      ms.forEach((m, t) => {
        if (tiers.covers(m.hidden, page)) return;
        const v = scores[t].get(e);
        if (v !== undefined) up += Math.max(v, m.bound) - v;
        else up += cov + m.bound;
      });
      if (passes(up, last) || (same(up, last) && e < d)) return false;
    }
    return true;
  }

  // choose returns, best first, the documents a search without phrases keeps: the best `limit`
  // pages by their best document (ties to the lower document), and up to perPage documents of
  // each. It goes through the documents twice and sorts only pages and the documents kept.
  choose(ids, keys, limit, filt, opts) {
    const best = this.pageBest, bestI = this.pageBestI, pages = [];
    for (let i = 0; i < ids.length; i++) {
      const d = ids[i], page = this.pageOf[d];
      if (!keep(filt, page, this.isItem[d] === 1, opts)) continue;
      const k = keys[i];
      if (best[page] === 0) pages.push(page);
      else if (k < best[page] || (k === best[page] && d > ids[bestI[page]])) continue;
      best[page] = k;
      bestI[page] = i;
    }
    // The best `limit` pages, kept in order by insertion: a sort of every page costs more.
    const chosen = [];
    const before = (a, b) => best[a] > best[b] || (best[a] === best[b] && ids[bestI[a]] < ids[bestI[b]]);
    for (const p of pages) {
      if (chosen.length === limit && !before(p, chosen[limit - 1])) continue;
      let at = chosen.length < limit ? chosen.length : limit - 1;
      while (at > 0 && before(p, chosen[at - 1])) { chosen[at] = chosen[at - 1]; at--; }
      chosen[at] = p;
    }
    for (const p of pages) best[p] = 0;
    const mark = this.pageMark;
    for (const p of chosen) mark[p] = 1;
    const docs = [];
    for (let i = 0; i < ids.length; i++) {
      if (mark[this.pageOf[ids[i]]] === 1 && keep(filt, this.pageOf[ids[i]], this.isItem[ids[i]] === 1, opts)) docs.push(i);
    }
    for (const p of chosen) mark[p] = 0;
    docs.sort((a, b) => keys[b] - keys[a] || ids[a] - ids[b]);
    const taken = new Map(), out = [];
    for (const i of docs) {
      const page = this.pageOf[ids[i]], n = taken.get(page) || 0;
      if (n < this.m.tune.perPage) { taken.set(page, n + 1); out.push(i); }
    }
    return out;
  }

  // prefetch loads, in parallel, the pages of the next documents in order, so that checking
  // phrases or open items does not wait for one page after another.
  async prefetch(ids, i, order) {
    if (this.pageFiles[this.fileOf[this.pageOf[ids[i]]]]) return;
    const more = [this.page(this.pageOf[ids[i]])];
    const peek = order.peek(16);
    for (const j of peek) more.push(this.page(this.pageOf[ids[j]]));
    await Promise.all(more);
  }

  // suggest returns the words of the site nearest to a word no page has (suggest.go suggest).
  async suggest(w) {
    const tu = this.m.tune;
    const first = [...w][0];
    const limit = runes(w) < tu.typoMinLen ? 1 : 2;
    const range = this.prefixChunks(first);
    const chunks = await this.chunksIn(range);
    const cands = [];
    chunks.forEach((chunk) => {
      const best = new Map();
      chunk.w.forEach((cw, i) => {
        if (!cw.startsWith(first)) return;
        const d = editDistance(w, cw);
        if (d > limit || d === 0) return;
        const st = chunk.s[i];
        if (best.has(st)) {
          const c = cands[best.get(st)];
          if (d < c.dist) { c.word = cw; c.dist = d; }
          return;
        }
        best.set(st, cands.length);
        cands.push({ word: cw, dist: d, size: this.size(chunk, st) });
      });
    });
    cands.sort((a, b) => a.dist - b.dist || b.size - a.size || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
    return cands.slice(0, tu.suggest).map((c) => c.word);
  }

  // describe adds what the results list shows: the link, the title, the kind, the breadcrumb,
  // the section or item, and the text a snippet is cut from.
  describe(r) {
    const d = r.data;
    let url = new URL(d.u.slice(1), siteRoot()).href;
    if (url.endsWith("/") && (this.m.file || location.protocol === "file:")) url += "index.html";
    const out = { doc: r.doc, score: r.score, title: d.t, kind: d.k, path: d.b || [], url, within: "", text: "", item: null, sub: false };
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

// Tiers is what one search has loaded of each stem's postings (tiers.go tierState): how many
// tiers (one when not named), and the pages each stem's loaded tiers cover.
class Tiers {
  constructor(search) { this.s = search; this.n = new Map(); this.pageSets = new Map(); this.cache = new Map(); }
  key(st) { return st.c + ":" + st.s; }
  loaded(st) { return this.n.get(this.key(st)) || 1; }
  count(st) { const t = st.chunk.tails.get(st.s); return t ? 1 + t.high.length : 1; }
  hidden(st) { return this.loaded(st) < this.count(st); }
  // bound is the highest score of the tiers not loaded, lead the lowest page that may hold it.
  bound(st) { return this.hidden(st) ? st.chunk.tails.get(st.s).high[this.loaded(st) - 1] : 0; }
  lead(st) { return this.hidden(st) ? st.chunk.tails.get(st.s).lead[this.loaded(st) - 1] : -1; }
  // top is the stem's highest score: its first tier holds its best page.
  top(st) {
    const p = this.s.postings(st.chunk, st.s);
    if (p.top === undefined) { let t = 0; for (let i = 1; i < p.length; i += 2) t = Math.max(t, p[i] >> 1); p.top = t; }
    return p.top;
  }
  // postings is [doc, score×2 + item, …] of the tiers loaded.
  postings(st) {
    const n = this.loaded(st), first = this.s.postings(st.chunk, st.s);
    if (n === 1) return first;
    const key = this.key(st) + ":" + n;
    if (!this.cache.has(key)) {
      const t = st.chunk.tails.get(st.s), parts = [first];
      for (let k = 0; k < n - 1; k++) parts.push(this.s.tierData[t.first + k]);
      const all = new Int32Array(parts.reduce((a, p) => a + p.length, 0));
      let at = 0;
      for (const p of parts) { all.set(p, at); at += p.length; }
      this.cache.set(key, all);
    }
    return this.cache.get(key);
  }
  async load(st, n) {
    const t = st.chunk.tails.get(st.s);
    await Promise.all(Array.from({ length: n - 1 }, (_, k) => this.s.tierFile(t.first + k)));
    this.n.set(this.key(st), n);
    this.pageSets.delete(this.key(st));
  }
  all(st) { return this.hidden(st) ? this.load(st, this.count(st)) : Promise.resolve(); }
  // deeper loads one more tier of each stem that has one when their postings fit in
  // budget.left bytes (no limit when budget is null) and takes them from it; it resolves with
  // whether it loaded any.
  async deeper(sts, budget) {
    let cost = 0;
    for (const st of sts) if (this.hidden(st)) cost += st.chunk.tails.get(st.s).bytes[this.loaded(st) - 1];
    if (cost === 0 || (budget && cost > budget.left)) return false;
    if (budget) budget.left -= cost;
    await Promise.all(sts.filter((st) => this.hidden(st)).map((st) => this.load(st, this.loaded(st) + 1)));
    return true;
  }
  // covers tells whether every stem of sts has its postings on page loaded.
  covers(sts, page) {
    for (const st of sts) {
      const key = this.key(st);
      if (!this.pageSets.has(key)) {
        const set = new Set(), p = this.postings(st);
        for (let i = 0; i < p.length; i += 2) set.add(this.s.pageOf[p[i]]);
        this.pageSets.set(key, set);
      }
      if (!this.pageSets.get(key).has(page)) return false;
    }
    return true;
  }
  // files counts the tier files loaded.
  files() { let n = 0; for (const v of this.n.values()) n += v - 1; return n; }
}

// hiddenOf lists, once each, the stems of the matches with tiers not loaded.
function hiddenOf(ms) {
  const out = new Map();
  for (const m of ms) for (const st of m.hidden) out.set(st.c + ":" + st.s, st);
  return [...out.values()];
}

// same tells whether two keys are equal but for rounding; passes whether a is above b by more
// (tiers.go).
const same = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
const passes = (a, b) => a > b && !same(a, b);

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

// ordered is bestFirst with a look ahead, for prefetching pages.
function ordered(ids, vals) {
  const gen = bestFirst(ids, vals), buf = [];
  return {
    last: -1, // the last index yielded
    next() {
      const x = buf.length ? { value: buf.shift(), done: false } : gen.next();
      if (!x.done) this.last = x.value;
      return x;
    },
    peek(n) {
      while (buf.length < n) { const x = gen.next(); if (x.done) break; buf.push(x.value); }
      return buf.slice(0, n);
    },
  };
}

// closeness is k/w for the narrowest window of w words holding one of each of the k query words
// found in the words, 0 when fewer than two are found (rank.go closeness).
function closeness(ws, ms) {
  const at = [];
  for (const m of ms) {
    const ps = [];
    ws.forEach((w, i) => { if (m.words.has(w) || (m.prefix && w.startsWith(m.prefix))) ps.push(i); });
    if (ps.length) at.push(ps);
  }
  const k = at.length;
  if (k < 2) return 0;
  const all = [];
  at.forEach((ps, t) => { for (const p of ps) all.push([p, t]); });
  all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const last = new Array(k).fill(-1);
  let seen = 0, best = ws.length + 1;
  for (const [p, t] of all) {
    if (last[t] < 0) seen++;
    last[t] = p;
    if (seen === k) best = Math.min(best, p - Math.min(...last) + 1);
  }
  return k / best;
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

// matcher returns a test telling whether a word of a text is one the search found: a form of a
// query word, of its family or of its synonyms, or a word the last query word begins.
function matcher(found) {
  return (w) => found.words.has(w) || found.prefixes.some((p) => w.startsWith(p));
}

// marks splits text into pieces [{text, mark}] with every found word marked, for the caller to
// put in text nodes: nothing from the index is ever parsed as HTML.
export function marks(text, found) {
  return snippet(text, found, Infinity);
}

// snippet cuts the part of text about max characters long that holds the most of the query's
// words, and returns it as pieces [{text, mark}] with every found word in it marked.
export function snippet(text, found, max = 180) {
  const toks = tokenize(text);
  const hit = matcher(found);
  const terms = found.terms || [];
  const termOf = (t) => {
    const i = terms.findIndex((m) => m.words.has(t.word) || (m.prefix && t.word.startsWith(m.prefix)));
    return i >= 0 ? i : t.word;
  };
  const hits = toks.filter((t) => hit(t.word));
  let first = hits[0], most = 0;
  if (max !== Infinity) {
    for (const h of hits) {
      const lo = h.start - Math.floor(max / 3), hi = lo + max;
      const inside = new Set(hits.filter((x) => x.start >= lo && x.end <= hi).map(termOf));
      if (inside.size > most) { most = inside.size; first = h; }
    }
  }
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
  for (const t of hits) {
    if (t.start < start || t.end > end) continue;
    if (t.start > at) pieces.push({ text: text.slice(at, t.start), mark: false });
    pieces.push({ text: text.slice(t.start, t.end), mark: true });
    at = t.end;
  }
  if (end > at) pieces.push({ text: text.slice(at, end), mark: false });
  if (end < text.length) pieces.push({ text: "…", mark: false });
  return pieces;
}
