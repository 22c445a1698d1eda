// progress-portable.js moves progress out of the browser and back: a JSON export file, an import
// that merges (with a preview of what changes), and a share link that carries the progress in
// the URL fragment, which never reaches a server, for a read-only view.
import { load, entry, isDone, startDate } from "./progress-store.js";
import { clean, cleanPeriod, cleanShare, HISTORY } from "./progress-valid.js";
import { siteRoot } from "./store.js";
import { localDate, now } from "./clock.js";
import { download } from "./url.js";

const FORMAT = "cmplay-progress";

// exportFile downloads the progress as a JSON file.
export function exportFile() {
  const data = { format: FORMAT, version: 1, site: siteRoot(), exported: now().toISOString(), progress: load() };
  download("progress-" + localDate(now()) + ".json", JSON.stringify(data, null, 1));
  return data;
}

// parseImport reads an export file (or a bare progress value) and returns { state, dropped }:
// its valid progress (see progress-valid.js) and how many entries were not valid and are left
// out. It throws a message for people when the file holds no progress at all.
export function parseImport(text) {
  let v;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error("This file is not JSON.");
  }
  if (v && typeof v === "object" && v.format === FORMAT) v = v.progress;
  const got = clean(v);
  if (got.dropped < 0) throw new Error("This file does not hold cmplay progress this site understands.");
  return got;
}

// preview lists what merging incoming into the reader's progress would change, item by item:
// [{ id, text, where, from, to }], plus the start date when it differs.
export function preview(incoming, manifest) {
  const changes = [];
  for (const c of manifest.checklists) {
    for (const it of c.items) {
      const e = incoming.items[it.id];
      const mine = load().items[it.id];
      if (!e || (mine && (mine.t || 0) >= (e.t || 0))) continue;
      const from = isDone(it.id, it.checked);
      const te = entry(it.id, incoming);
      const to = te ? !!te.d : !!it.checked;
      if (from !== to) changes.push({ id: it.id, text: it.text, where: c.title, from, to });
    }
  }
  const start = incoming.start && incoming.start !== startDate() ? { from: startDate(), to: incoming.start } : null;
  return { changes, start };
}

// merge folds incoming (a cleaned state, see parseImport) into s: per item the newer record
// wins; histories are joined; the incoming start date wins when it has one. Call it inside
// update.
export function merge(s, incoming) {
  for (const [id, e] of Object.entries(incoming.items)) {
    const mine = s.items[id];
    if (!mine || e.t > mine.t) s.items[id] = { ...e };
  }
  for (const [url, h] of Object.entries(incoming.hist || {})) {
    const mine = (s.hist[url] = s.hist[url] || { past: [] });
    const seen = new Set(mine.past.map((x) => x.p));
    mine.past = [...mine.past, ...h.past.filter((x) => !seen.has(x.p)).map(cleanPeriod)].sort((a, b) => (a.p < b.p ? 1 : -1)).slice(0, HISTORY);
    if (h.cur && (!mine.cur || h.cur.p > mine.cur.p)) mine.cur = cleanPeriod(h.cur);
  }
  if (incoming.start) s.start = incoming.start;
  if (incoming.last && (!s.last || incoming.last.at > s.last.at)) s.last = { ...incoming.last };
}

// shortHash names an id in a share link: FNV-1a, 32 bits, base 36.
export function shortHash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

// shareFragment encodes the reader's progress as "#share=…": the items whose state differs
// from their default, and the start date.
export function shareFragment(manifest) {
  const d = [];
  const u = [];
  for (const c of manifest.checklists) {
    for (const it of c.items) {
      const done = isDone(it.id, it.checked);
      if (done !== !!it.checked) (done ? d : u).push(shortHash(it.id));
    }
  }
  const json = JSON.stringify({ v: 1, s: startDate() || undefined, d, u });
  return "#share=" + btoa(json).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// readShare decodes a share fragment of this page's address, or returns null when there is
// none. The result answers done(id, byDefault) and has the start date. A fragment that is not a
// share link this site made (cut short, edited) still gives a read-only view, of the defaults,
// with problem saying so: the page paints either way, and never from the reader's own storage.
export function readShare(hash = location.hash) {
  if (!hash.startsWith("#share=")) return null;
  let v = null;
  try {
    v = cleanShare(JSON.parse(atob(hash.slice(7).replace(/-/g, "+").replace(/_/g, "/"))));
  } catch (e) {
    v = null;
  }
  const d = new Set(v ? v.d : []);
  const u = new Set(v ? v.u : []);
  return {
    start: v ? v.s : "",
    fragment: hash,
    problem: v ? "" : "This share link could not be read (it may be cut short); showing the checklists unticked. ",
    done(id, byDefault) {
      const k = shortHash(id);
      return d.has(k) ? true : u.has(k) ? false : !!byDefault;
    },
  };
}
