// progress-valid.js checks progress data field by field. Whatever the source — this browser's
// storage, another tab's write, an imported file, a share link — the theme only ever works on
// what clean returns: fresh objects with no prototype (so a key named "__proto__" is a key like
// any other and can never reach Object.prototype), holding only fields of the right type.
// Anything else is counted as dropped, and the caller sets the original aside and says so.

export const VERSION = 1;
export const HISTORY = 12; // periods of a recurring checklist kept
const CADENCES = ["daily", "weekly", "monthly"];
const DATE = /^\d{4}-\d\d-\d\d$/;
const PERIOD = /^(\d{4}-\d\d-\d\d|w\d{4}-\d\d-\d\d|\d{4}-\d\d)$/;

// map is an empty object without a prototype.
export const map = () => Object.create(null);

const isObj = (x) => !!x && typeof x === "object" && !Array.isArray(x);
const isStr = (x) => typeof x === "string";
const isTime = (x) => typeof x === "number" && Number.isFinite(x) && x >= 0;
const isCount = (x) => Number.isInteger(x) && x >= 0;

// isDate reports whether x is a day written YYYY-MM-DD.
export const isDate = (x) => isStr(x) && DATE.test(x);

// empty is progress with nothing in it.
export function empty() {
  return { v: VERSION, items: map(), hist: map() };
}

// clean returns { state, dropped }: the valid part of v as progress, and how many fields were not
// valid and left out; dropped is -1 when v is not progress of this version at all (state is then
// empty).
export function clean(v) {
  const s = empty();
  if (!isObj(v) || v.v !== VERSION || !isObj(v.items)) return { state: s, dropped: -1 };
  let dropped = 0;
  for (const [k, x] of Object.entries(v)) {
    if (k === "v") continue;
    else if (k === "items") dropped += cleanMap(x, s.items, cleanItem);
    else if (k === "hist") dropped += isObj(x) ? cleanMap(x, s.hist, cleanHist) : 1;
    else if (k === "start" && isDate(x)) s.start = x;
    else if (k === "last" && cleanLast(x)) s.last = cleanLast(x);
    else dropped++;
  }
  return { state: s, dropped };
}

// cleanMap copies the entries of from that f accepts into to and returns how many it refused.
function cleanMap(from, to, f) {
  let dropped = 0;
  for (const [k, x] of Object.entries(from)) {
    const c = k ? f(x) : null;
    if (c) to[k] = c;
    else dropped++;
  }
  return dropped;
}

// cleanItem is a tick: { d: done, h?: text hash, t?: ms, x?: text, c?: cadence, p?: period }. A
// hand-written { "d": true } is a tick made at an unknown time of an unknown text.
function cleanItem(e) {
  if (!isObj(e) || typeof e.d !== "boolean") return null;
  if ((e.h !== undefined && !isStr(e.h)) || (e.t !== undefined && !isTime(e.t))) return null;
  const out = { d: e.d, h: e.h || "", t: e.t || 0 };
  if (e.x !== undefined) {
    if (!isStr(e.x)) return null;
    out.x = e.x;
  }
  if (e.c !== undefined || e.p !== undefined) {
    if (!CADENCES.includes(e.c) || !isStr(e.p) || !PERIOD.test(e.p)) return null;
    out.c = e.c;
    out.p = e.p;
  }
  return out;
}

// cleanPeriod is one period's count of a recurring checklist: { p: period, d: done, n: total }.
export function cleanPeriod(x) {
  if (!isObj(x) || !isStr(x.p) || !PERIOD.test(x.p) || !isCount(x.d) || !isCount(x.n) || x.d > x.n) return null;
  return { p: x.p, d: x.d, n: x.n };
}

// cleanHist is a recurring checklist's history: { cur?: period, past: [period, newest first] }.
function cleanHist(h) {
  if (!isObj(h) || (h.past !== undefined && !Array.isArray(h.past))) return null;
  const past = (h.past || []).map(cleanPeriod);
  if (past.includes(null) || past.length > HISTORY) return null;
  const out = { past };
  if (h.cur !== undefined) {
    out.cur = cleanPeriod(h.cur);
    if (!out.cur) return null;
  }
  return out;
}

// cleanLast is the checklist worked on last: { u: site path, t: title, i: item id, at: ms }.
function cleanLast(l) {
  if (!isObj(l) || !isStr(l.u) || !/^\/(?!\/)/.test(l.u) || !isTime(l.at)) return null;
  if ((l.t !== undefined && !isStr(l.t)) || (l.i !== undefined && !isStr(l.i))) return null;
  const out = { u: l.u, at: l.at };
  if (l.t !== undefined) out.t = l.t;
  if (l.i !== undefined) out.i = l.i;
  return out;
}

// cleanShare checks a decoded share link: { v: 1, s?: start date, d: [ids], u: [ids] }, ids being
// short hashes. It returns null when the link is not one.
export function cleanShare(v) {
  const ids = (x) => x === undefined || (Array.isArray(x) && x.length <= 100000 && x.every((k) => isStr(k) && k.length <= 16));
  if (!isObj(v) || v.v !== 1 || (v.s !== undefined && !isDate(v.s)) || !ids(v.d) || !ids(v.u)) return null;
  return { s: v.s || "", d: v.d || [], u: v.u || [] };
}

// freeze makes a cleaned state read-only, so code that forgets to go through update throws
// instead of changing a shared copy.
export function freeze(s) {
  for (const e of Object.values(s.items)) Object.freeze(e);
  for (const h of Object.values(s.hist)) {
    h.past.forEach(Object.freeze);
    Object.freeze(h.past);
    if (h.cur) Object.freeze(h.cur);
    Object.freeze(h);
  }
  if (s.last) Object.freeze(s.last);
  Object.freeze(s.items);
  Object.freeze(s.hist);
  return Object.freeze(s);
}
