// record.js fills /progress/record/: the items the reader completed, with when they ticked each
// and the version (commit) of its page they ticked it against — stored with the tick, not taken
// from this build — and, when the page has changed since, "policy changed since you completed
// this" with a link to what changed. It names the person (typed once, kept with the progress) and
// their onboarding path, covers only that path when one is chosen, prints cleanly and downloads
// as JSON.
import { load, entry, setName } from "./progress-store.js";
import { now } from "./clock.js";
import { mount } from "./theme-data.js";
import { setHref, download } from "./url.js";
import { siteHref, fmtDate } from "./progress.js";

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

// day is the reader's local date of a time in ms, written as every page writes dates
// ("23 November 2026").
function day(ms) {
  const d = new Date(ms);
  return isNaN(d) ? "" : fmtDate(d);
}

// when is the reader's local date and time of a time in ms, "23 November 2026, 10:05".
function when(ms) {
  const d = new Date(ms);
  if (!ms || isNaN(d)) return "";
  return fmtDate(d) + ", " + String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
}

// pathOf is the onboarding path the state chose, when the manifest still has it.
export function pathOf(manifest, state) {
  const paths = manifest && Array.isArray(manifest.paths) ? manifest.paths : [];
  return paths.find((p) => p && p.url === state.path && Array.isArray(p.steps)) || null;
}

// recordOf is the record as data: checklists (of the chosen path, if any; recurring ones are
// habits, not part of a record) with at least one completed item.
export function recordOf(manifest, state) {
  const out = [];
  const path = pathOf(manifest, state);
  const on = path ? new Set(path.steps.map((s) => s && s.url)) : null;
  for (const c of (manifest && manifest.checklists) || []) {
    if (on && (!on.has(c.url) || c.cadence)) continue;
    const done = [];
    for (const it of c.items || []) {
      const e = entry(it.id, state);
      if (!e || !e.d) continue;
      const version = e.v || "";
      done.push({
        id: it.id, text: it.text, completed: e.t ? day(e.t) : "", ticked: e.t ? new Date(e.t).toISOString() : "", at: e.t || 0,
        version, changed: !!(version && c.commit && version !== c.commit),
        reworded: !!(e.h && it.hash && e.h !== it.hash),
      });
    }
    if (done.length) out.push({ title: c.title, url: c.url, commit: c.commit || "", total: (c.items || []).length, done });
  }
  return out;
}

// acksOf is the pages the reader acknowledged, with when and the version then.
export function acksOf(manifest, state) {
  const out = [];
  for (const a of (manifest && Array.isArray(manifest.acks) ? manifest.acks : [])) {
    if (!a || typeof a.url !== "string") continue;
    const e = entry("ack:" + a.url, state);
    if (!e || !e.d) continue;
    out.push({ id: "ack:" + a.url, text: "I have read " + String(a.title || a.url), url: a.url, title: String(a.title || a.url),
      completed: e.t ? day(e.t) : "", ticked: e.t ? new Date(e.t).toISOString() : "", at: e.t || 0,
      version: e.v || "", commit: a.commit || "", changed: !!(e.v && a.commit && e.v !== a.commit) });
  }
  return out;
}

// commitLink is a commit hash, linked to the forge when the site knows one.
function commitLink(commitURL, hash) {
  const code = el("code", hash.slice(0, 12), "commit-hash");
  if (!commitURL) return code;
  const l = el("a");
  if (!setHref(l, commitURL.replace("COMMIT", encodeURIComponent(hash)))) return code;
  l.append(code);
  return l;
}

export function initRecord() {
  const root = mount("data-record");
  if (!root) return;
  const status = root.querySelector("[data-record-status]");
  const body = root.querySelector("[data-record-body]");
  const manifest = window.cmplayChecklists;
  if (!manifest || !Array.isArray(manifest.checklists)) {
    status.textContent = "The list of checklists (checklists.js) could not be loaded.";
    return;
  }
  const commitURL = root.dataset.commitUrl || "";
  const who = el("p", "", "record-person");
  const nameIn = el("input", "", "record-name");
  nameIn.type = "text";
  nameIn.maxLength = 120;
  nameIn.autocomplete = "name";
  nameIn.addEventListener("change", () => {
    setName(nameIn.value);
    paint();
  });
  const label = el("label", "Your name ", "record-name-label");
  label.append(nameIn);
  const person = el("p", "", "record-name-print");
  who.append(label);
  body.before(who, person);

  let record = [];
  function paint() {
    const state = load();
    const path = pathOf(manifest, state);
    record = recordOf(manifest, state);
    nameIn.value = state.name || "";
    person.textContent = (state.name ? "Completed by " + state.name : "Name not given") + (path ? " · Path: " + path.title : " · All checklists");
    status.textContent = record.length ? "Record made on " + day(now().getTime()) + "." : "You have not completed any checklist item in this browser yet.";
    body.replaceChildren();
    for (const c of record) {
      const sec = el("section", "", "record-checklist");
      const h = el("h2");
      const a = el("a", c.title);
      setHref(a, siteHref(c.url));
      h.append(a);
      sec.append(h);
      const v = el("p", c.done.length + " of " + c.total + " items completed. Current version: ", "record-version");
      v.append(c.commit ? commitLink(commitURL, c.commit) : "not recorded (built without git history)");
      sec.append(v);
      const ol = el("ol", "", "record-items");
      for (const d of c.done) {
        const li = el("li", "", "record-item");
        li.dataset.id = d.id;
        li.append(el("span", d.text, "record-text"), " — ticked ", el("time", when(d.at), "record-ticked"), " · version then: ");
        li.append(d.version ? commitLink(commitURL, d.version) : el("span", "not recorded", "muted"));
        if (d.changed) {
          const ch = el("span", " Policy changed since you completed this: ", "record-changed");
          const l = el("a", "see what changed");
          setHref(l, siteHref(c.url, "#page-history-title"));
          ch.append(l);
          li.append(ch);
        }
        if (d.reworded) li.append(el("span", " (reworded since you completed it)", "muted"));
        ol.append(li);
      }
      sec.append(ol);
      body.append(sec);
    }
    const acks = acksOf(manifest, state);
    if (acks.length) {
      const sec = el("section", "", "record-checklist record-acks");
      sec.append(el("h2", "Policies acknowledged"));
      const ol = el("ol", "", "record-items");
      for (const a of acks) {
        const li = el("li", "", "record-item");
        li.dataset.id = a.id;
        const l = el("a", a.title);
        setHref(l, siteHref(a.url));
        li.append(l, " — acknowledged ", el("time", when(a.at), "record-ticked"), " · version then: ");
        li.append(a.version ? commitLink(commitURL, a.version) : el("span", "not recorded", "muted"));
        if (a.changed) li.append(el("span", " Policy changed since you acknowledged it.", "record-changed"));
        ol.append(li);
      }
      sec.append(ol);
      body.append(sec);
    }
    if (acks.length && !record.length) status.textContent = "Record made on " + day(now().getTime()) + ".";
  }
  paint();
  const print = root.querySelector("[data-record-print]");
  const dl = root.querySelector("[data-record-download]");
  print.hidden = dl.hidden = false;
  print.addEventListener("click", () => window.print());
  dl.addEventListener("click", () => {
    const state = load();
    const path = pathOf(manifest, state);
    download("completion-record.json", JSON.stringify(recordJSON(root.dataset.recordSite, state, path, record, acksOf(manifest, state)), null, 2));
  });
}

// recordJSON is the downloadable record: site, path, person, and per item its text, checklist,
// tick time and the versions then and now.
export function recordJSON(site, state, path, record, acks = []) {
  return {
    format: "cmplay-completion-record", version: 1, site, made: now().toISOString(),
    person: state.name || "", path: path ? { url: path.url, title: path.title } : null,
    items: record.flatMap((c) => c.done.map((d) => ({
      id: d.id, text: d.text, checklist: c.title, url: c.url, ticked: d.ticked, version: d.version, current: c.commit, changed: d.changed,
    }))),
    acknowledgements: acks.map((a) => ({ url: a.url, title: a.title, acknowledged: a.ticked, version: a.version, current: a.commit, changed: a.changed })),
  };
}
