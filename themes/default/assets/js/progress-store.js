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
// Two rules keep progress from breaking:
//   - Every read checks the stored value field by field (progress-valid.js). What is not valid is
//     set aside under "<key>:corrupt:<time>" (never thrown away), the reader is told (problem()),
//     and only the valid part is stored back.
//   - Every write is a read-modify-write of what is stored at that moment (update), never a copy
//     the page held: another tab's ticks made meanwhile are kept.
import { readRaw, writeJSON, setAside, storageKey } from "./store.js";
import { now, localDate } from "./clock.js";
import { VERSION, HISTORY, map, empty, clean, freeze, isDate } from "./progress-valid.js";

export { now, localDate };

const KEY = "progress";
const listeners = new Set();
let memo = { raw: undefined, state: null }; // the last stored text read and its frozen state
let volatile = null; // progress the browser would not store (storage disabled or full)
let lastProblem = "";

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

// read parses and checks the stored progress. Bad data is set aside, the reader told, and the
// valid part written back, so it is set aside once, not at every read.
function read() {
  const raw = readRaw(KEY);
  if (raw === null) return empty();
  let v;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    return setAsideAndKeep(raw, empty(), "Your saved progress could not be read. It was set aside and progress starts empty.");
  }
  const { state, dropped } = clean(v);
  if (dropped < 0) return setAsideAndKeep(raw, state, "Your saved progress was in a format this site does not understand. It was set aside and progress starts empty.");
  if (dropped > 0) return setAsideAndKeep(raw, state, "Part of your saved progress was not valid (" + dropped + (dropped === 1 ? " entry" : " entries") + "). A copy of it all was set aside, and the rest kept.");
  return state;
}

function setAsideAndKeep(raw, state, message) {
  setAside(KEY, raw);
  writeJSON(KEY, state);
  lastProblem = message;
  return state;
}

// load is the reader's progress as stored now, checked, and read-only (frozen): change it only
// through update. Reads of unchanged storage share one parse.
export function load() {
  if (volatile) return volatile;
  const raw = readRaw(KEY);
  if (raw === memo.raw && memo.state) return memo.state;
  const state = freeze(read());
  memo = { raw: readRaw(KEY), state }; // read may have stored the valid part of bad data
  return state;
}

// update is the one way to change progress: f changes a fresh copy of what is stored now, which
// is then written back and every subscriber told. f returns false when it changed nothing (no
// write). update reports false when the browser would not store it (the change still shows on
// this page).
export function update(f) {
  const s = volatile ? structuredCopy(volatile) : read();
  const before = { items: Object.assign(map(), s.items), start: s.start, last: s.last };
  if (f(s) === false) return true;
  remember(before, s);
  const ok = writeJSON(KEY, s);
  volatile = ok ? null : freeze(s);
  notify();
  return ok;
}

// Each tab of a browser may read another tab's write a moment late, so two tabs ticking at once
// can each write back a state without the other's tick. A tab therefore remembers its own
// changes for a while (RECENT ms) and, when another tab writes, puts back any the write lost:
// per item the newer tick wins (t), a removal wins over the entry it removed, never over a newer
// one.
const RECENT = 10000;
let recent = []; // { at: Date.now(), id, e: entry or null (removed), was: the removed entry's t }

function remember(before, s) {
  const at = Date.now();
  recent = recent.filter((r) => at - r.at < RECENT);
  for (const id of new Set([...Object.keys(before.items), ...Object.keys(s.items)])) {
    const a = before.items[id];
    const b = s.items[id];
    if (a === b) continue;
    recent = recent.filter((r) => r.id !== id);
    recent.push(b ? { at, id, e: { ...b } } : { at, id, e: null, was: a.t });
  }
}

// reconcile puts back this tab's recent changes that another tab's write lost.
function reconcile() {
  const at = Date.now();
  recent = recent.filter((r) => at - r.at < RECENT);
  if (!recent.length) return;
  update((s) => {
    let lost = false;
    for (const r of recent) {
      const cur = s.items[r.id];
      if (r.e && (!cur || cur.t < r.e.t)) {
        s.items[r.id] = { ...r.e };
        lost = true;
      } else if (!r.e && cur && cur.t <= r.was) {
        delete s.items[r.id];
        lost = true;
      }
    }
    return lost;
  });
}

// structuredCopy copies a state through JSON, keeping maps without a prototype.
function structuredCopy(s) {
  return clean(JSON.parse(JSON.stringify(s))).state;
}

function notify() {
  for (const f of listeners) f();
}

// problem is the message to show when stored progress had to be set aside, or "".
export function problem() {
  load();
  return lastProblem;
}

// Another tab changed the progress: put back what its write lost of ours, and subscribers read
// it again (checked like any read).
addEventListener("storage", (e) => {
  if (e.key !== storageKey(KEY) && e.key !== null) return;
  reconcile();
  notify();
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
  if (!e) return undefined;
  if (e.c && e.p !== periodOf(e.c)) return undefined;
  return e;
}

// isDone reports whether the reader has done an item: their own tick when they made one, else
// byDefault (pass the item's default tick from the page or the manifest when you know it).
export function isDone(id, byDefault = false) {
  const e = entry(id);
  return e ? !!e.d : !!byDefault;
}

// changed reports whether the reader ticked an item whose text has been reworded since.
export function changed(id, hash) {
  const e = entry(id);
  return !!(e && e.d && e.h && hash && e.h !== hash);
}

// startDate is the reader's start date ("YYYY-MM-DD") or "".
export function startDate() {
  return load().start || "";
}

// setStartDate stores the start date; an empty value forgets it.
export function setStartDate(d) {
  return update((s) => {
    if (isDate(d)) s.start = d;
    else delete s.start;
  });
}

// The functions below change the state s they are given; call them inside update.

// setDone records a tick or untick with the item's current text hash and text.
export function setDone(s, id, done, item = {}) {
  const e = { d: !!done, h: typeof item.hash === "string" ? item.hash : "", t: now().getTime() };
  if (item.text) e.x = String(item.text);
  if (periodOf(item.cadence)) {
    e.c = item.cadence;
    e.p = periodOf(item.cadence);
  }
  s.items[id] = e;
}

// forget drops the reader's own ticks of items, so they show their defaults again.
export function forget(s, ids) {
  for (const id of ids) delete s.items[id];
}

// confirm records that the reader has read the reworded item and it stays done.
export function confirm(s, id, hash, text) {
  const e = s.items[id];
  if (!e) return false;
  s.items[id] = { ...e, h: hash, x: text || e.x }; // a new entry, so update sees the change
}

// setLast remembers the checklist (and item) the reader worked on last.
export function setLast(s, url, title, id) {
  s.last = { u: url, t: title, i: id, at: now().getTime() };
}

// rollover starts a new period of a recurring checklist: the last period's count moves into its
// history and the old ticks are dropped. It reports whether anything changed.
export function rollover(s, url, cadence, ids) {
  const p = periodOf(cadence);
  if (!p) return false;
  let moved = false;
  const h = s.hist[url];
  if (h && h.cur && h.cur.p !== p) {
    h.past = [h.cur, ...h.past.filter((x) => x.p !== h.cur.p)].slice(0, HISTORY);
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

// recordPeriod keeps the current period's count of a recurring checklist.
export function recordPeriod(s, url, cadence, done, total) {
  const p = periodOf(cadence);
  if (!p) return;
  const h = (s.hist[url] = s.hist[url] || { past: [] });
  h.cur = { p, d: done, n: total };
}

// reset unticks everything, keeping the start date.
export function reset(s) {
  s.items = map();
  s.hist = map();
}

// follow keeps a reader's ticks when an author rewords the start of an item, which gives it a new
// automatic id: a tick whose id (under this page's key) is gone moves to the most similar item
// of the page that has no tick of its own. Its old hash makes it show as changed. Items are
// { id, text }; it returns how many ticks moved.
export function follow(s, key, items) {
  const ids = new Set(items.map((i) => i.id));
  const free = items.filter((i) => !s.items[i.id]);
  let moved = 0;
  for (const id of Object.keys(s.items)) {
    const e = s.items[id];
    if (!id.startsWith(key + "/") || ids.has(id) || !e.x) continue;
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

export { VERSION };
