// progress-portable.js moves progress out of the browser and back: a JSON export file, an import
// that merges (with a preview of what changes), and a share link that carries the progress in
// the URL fragment, which never reaches a server, for a read-only view.
import { load, entry, isDone, startDate, valid, tidy } from "./progress-store.js";
import { siteRoot } from "./store.js";
import { localDate, now } from "./progress-store.js";

const FORMAT = "cmplay-progress";

// exportFile downloads the progress as a JSON file.
export function exportFile() {
  const data = { format: FORMAT, version: 1, site: siteRoot(), exported: now().toISOString(), progress: load() };
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = "progress-" + localDate(now()) + ".json";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return data;
}

// parseImport reads an export file (or a bare progress value); it throws a message for people.
export function parseImport(text) {
  let v;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error("This file is not JSON.");
  }
  if (v && v.format === FORMAT) v = v.progress;
  if (!valid(v)) throw new Error("This file does not hold cmplay progress this site understands.");
  return tidy(v);
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

// merge folds incoming into the stored progress: per item the newer record wins; histories are
// joined; the incoming start date wins when it has one. The caller saves.
export function merge(incoming) {
  const s = load();
  for (const [id, e] of Object.entries(incoming.items)) {
    const mine = s.items[id];
    if (!mine || (e.t || 0) > (mine.t || 0)) s.items[id] = e;
  }
  for (const [url, h] of Object.entries(incoming.hist || {})) {
    const mine = (s.hist[url] = s.hist[url] || { past: [] });
    const seen = new Set((mine.past || []).map((x) => x.p));
    mine.past = [...(mine.past || []), ...(h.past || []).filter((x) => !seen.has(x.p))].sort((a, b) => (a.p < b.p ? 1 : -1)).slice(0, 12);
    if (h.cur && (!mine.cur || h.cur.p > mine.cur.p)) mine.cur = h.cur;
  }
  if (incoming.start) s.start = incoming.start;
  if (incoming.last && (!s.last || incoming.last.at > s.last.at)) s.last = incoming.last;
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
// none (or it cannot be read). The result answers done(id, byDefault) and has the start date.
export function readShare(hash = location.hash) {
  if (!hash.startsWith("#share=")) return null;
  try {
    const v = JSON.parse(atob(hash.slice(7).replace(/-/g, "+").replace(/_/g, "/")));
    const d = new Set(v.d || []);
    const u = new Set(v.u || []);
    return {
      start: v.s || "",
      fragment: hash,
      done(id, byDefault) {
        const k = shortHash(id);
        return d.has(k) ? true : u.has(k) ? false : !!byDefault;
      },
    };
  } catch (e) {
    return null;
  }
}
