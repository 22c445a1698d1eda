// progress-store.js keeps a reader's checklist progress: which items they ticked, when, and the
// text hash each item had then; their start date; the history of recurring checklists; and the
// last checklist they worked on. All storage goes through store.js under the key "progress".
//
// The stored value (version 1):
//   { v: 1, start: "2026-11-02",
//     items: { "<item id>": { d: true, h: "<text hash>", t: <ms>, p: "<period>", c: "daily", x: "<text>" } },
//     hist:  { "<page url>": { cur: { p: "<period>", d: <done>, n: <total> }, past: [ …same, newest first ] } },
//     last:  { u: "<page url>", t: "<title>", i: "<item id>", at: <ms> } }
// An item with no entry shows its default tick ("- [x]" in the source). An entry of a recurring
// checklist (c set) counts only during the period p it was made in.
//
// The clock can be injected for tests and demos: window.__cmplayNow (a Date, a number of ms or
// an ISO string), or a "?now=2026-11-24T09:00" query parameter.
import { readJSON, writeJSON, setAside, storageKey } from "./store.js";

const KEY = "progress";
const VERSION = 1;
const HISTORY = 12;
const listeners = new Set();
let state = null;
let lastProblem = "";

// now is the reader's current time, or the injected one.
export function now() {
  const inj = window.__cmplayNow || new URLSearchParams(location.search).get("now");
  if (inj) {
    const d = new Date(inj);
    if (!isNaN(d)) return d;
  }
  return new Date();
}

// localDate formats a date as YYYY-MM-DD in the reader's time zone.
export function localDate(d) {
  const p = (n) => String(n).padStart(2, "0");
  return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
}

// periodOf names the current period of a cadence in local time: "2026-11-23" for daily, the
// Monday of the week ("w2026-11-23") for weekly, "2026-11" for monthly, "" otherwise.
export function periodOf(cadence, d = now()) {
  if (cadence === "daily") return localDate(d);
  if (cadence === "weekly") {
    const m = new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7));
    return "w" + localDate(m);
  }
  if (cadence === "monthly") return localDate(d).slice(0, 7);
  return "";
}

function empty() {
  return { v: VERSION, items: {}, hist: {} };
}

// valid reports whether a value looks like progress this version of the theme can use.
export function valid(v) {
  return !!v && typeof v === "object" && v.v === VERSION && !!v.items && typeof v.items === "object" &&
    !Array.isArray(v.items) && (v.hist === undefined || (typeof v.hist === "object" && !Array.isArray(v.hist)));
}

// load reads the stored progress once per page. Data that does not parse, or that is not
// progress of this version, is set aside under a ":corrupt:" key and problem() says so.
export function load() {
  if (state) return state;
  const raw = readJSON(KEY, null, () => { lastProblem = "Your saved progress could not be read. It was set aside and progress starts empty."; });
  if (raw === null) {
    state = empty();
  } else if (!valid(raw)) {
    setAside(KEY, JSON.stringify(raw));
    lastProblem = "Your saved progress was in a format this site does not understand. It was set aside and progress starts empty.";
    state = empty();
  } else {
    state = tidy(raw);
  }
  return state;
}

// tidy drops the parts of a valid value that are not what they should be (hand-edited or
// half-written data), so the rest of the theme can trust its shape.
export function tidy(s) {
  const obj = (x) => !!x && typeof x === "object" && !Array.isArray(x);
  for (const id of Object.keys(s.items)) if (!obj(s.items[id])) delete s.items[id];
  s.hist = obj(s.hist) ? s.hist : {};
  for (const u of Object.keys(s.hist)) {
    const h = s.hist[u];
    if (!obj(h)) delete s.hist[u];
    else {
      h.past = Array.isArray(h.past) ? h.past.filter((x) => obj(x) && typeof x.p === "string") : [];
      if (!obj(h.cur) || typeof h.cur.p !== "string") delete h.cur;
    }
  }
  if (typeof s.start !== "string" || !/^\d{4}-\d\d-\d\d$/.test(s.start)) delete s.start;
  if (!obj(s.last)) delete s.last;
  return s;
}

// problem is the message to show when stored progress had to be set aside, or "".
export function problem() { return lastProblem; }

// save writes the progress and tells every subscriber.
export function save() {
  const ok = writeJSON(KEY, load());
  for (const f of listeners) f();
  return ok;
}

// replace swaps in a whole progress value (import, reset) and saves it.
export function replace(v) {
  state = valid(v) ? tidy(v) : empty();
  return save();
}

// Another tab changed the progress: read it again and redraw.
addEventListener("storage", (e) => {
  if (e.key === storageKey(KEY)) {
    state = null;
    for (const f of listeners) f();
  }
});

// subscribe calls f after every change; it returns a function that unsubscribes.
export function subscribe(f) {
  listeners.add(f);
  return () => listeners.delete(f);
}

// entry is the stored tick of an item when it still counts (a recurring checklist's tick counts
// only in its own period), else undefined.
export function entry(id, s = load()) {
  const e = s.items[id];
  if (!e || typeof e !== "object") return undefined;
  if (e.c && e.p !== periodOf(e.c)) return undefined;
  return e;
}

// isDone reports whether the reader has done an item: their own tick when they made one, else
// byDefault (pass the item's default tick from the page or the manifest when you know it).
export function isDone(id, byDefault = false) {
  const e = entry(id);
  return e ? !!e.d : !!byDefault;
}

// setDone records a tick or untick with the item's current text hash and text.
export function setDone(id, done, item = {}) {
  const s = load();
  const e = { d: !!done, h: item.hash || "", t: now().getTime() };
  if (item.text) e.x = item.text;
  if (item.cadence) {
    e.c = item.cadence;
    e.p = periodOf(item.cadence);
  }
  s.items[id] = e;
  return save();
}

// startDate is the reader's start date ("YYYY-MM-DD") or "".
export function startDate() {
  return load().start || "";
}

// setStartDate stores the start date; an empty value forgets it.
export function setStartDate(d) {
  const s = load();
  if (d) s.start = d; else delete s.start;
  return save();
}

// forget drops the reader's own ticks of items, so they show their defaults again (no save).
export function forget(ids) {
  const s = load();
  for (const id of ids) delete s.items[id];
}

// changed reports whether the reader ticked an item whose text has been reworded since.
export function changed(id, hash) {
  const e = entry(id);
  return !!(e && e.d && e.h && hash && e.h !== hash);
}

// confirm records that the reader has read the reworded item and it stays done.
export function confirm(id, hash, text) {
  const e = load().items[id];
  if (!e) return;
  e.h = hash;
  if (text) e.x = text;
  save();
}

// setLast remembers the checklist (and item) the reader worked on last (no save).
export function setLast(url, title, id) {
  load().last = { u: url, t: title, i: id, at: now().getTime() };
}

// rollover starts a new period of a recurring checklist: the last period's count moves into its
// history and the old ticks are dropped. It reports whether anything changed (no save).
export function rollover(url, cadence, ids) {
  if (!cadence) return false;
  const s = load();
  const p = periodOf(cadence);
  let moved = false;
  const h = s.hist[url];
  if (h && h.cur && h.cur.p !== p) {
    h.past = [h.cur, ...(h.past || []).filter((x) => x.p !== h.cur.p)].slice(0, HISTORY);
    delete h.cur;
    moved = true;
  }
  for (const id of ids) {
    const e = s.items[id];
    if (e && e.c && e.p !== p) {
      delete s.items[id];
      moved = true;
    }
  }
  return moved;
}

// recordPeriod keeps the current period's count of a recurring checklist (no save).
export function recordPeriod(url, cadence, done, total) {
  if (!cadence) return;
  const s = load();
  const h = (s.hist[url] = s.hist[url] || { past: [] });
  h.cur = { p: periodOf(cadence), d: done, n: total };
}

// follow keeps a reader's ticks when an author rewords the start of an item, which gives it a new
// automatic id: a tick whose id (under this page's key) is gone moves to the most similar item
// of the page that has no tick of its own. Its old hash makes it show as changed. Items are
// { id, text }; it returns how many ticks moved (no save).
export function follow(key, items) {
  const s = load();
  const ids = new Set(items.map((i) => i.id));
  const free = items.filter((i) => !s.items[i.id]);
  let moved = 0;
  for (const id of Object.keys(s.items)) {
    const e = s.items[id];
    if (!id.startsWith(key + "/") || ids.has(id) || !e || !e.x) continue;
    let best = null;
    let score = 0.5;
    for (const it of free) {
      const sc = similarity(e.x, it.text);
      if (sc >= score) [best, score] = [it, sc];
    }
    if (best) {
      s.items[best.id] = e;
      delete s.items[id];
      free.splice(free.indexOf(best), 1);
      moved++;
    }
  }
  return moved;
}

function words(t) {
  return new Set(String(t).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
}

// similarity is the Dice coefficient of two texts' sets of words: the rule of
// checklist.Reworded in Go, which says why (themes' TestRewordParity holds the two equal).
function similarity(a, b) {
  const A = words(a);
  const B = words(b);
  let n = 0;
  for (const w of A) if (B.has(w)) n++;
  return (2 * n) / (A.size + B.size || 1);
}
