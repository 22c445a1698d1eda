// record.js fills /progress/record/: for every checklist, the items the reader completed and
// when, and the commit of the version of the page they worked through (from the checklist
// manifest, window.cmplayChecklists). It prints cleanly and downloads as JSON.
import { load, entry } from "./progress-store.js";
import { localDate, now } from "./clock.js";
import { mount } from "./theme-data.js";
import { setHref, download } from "./url.js";
import { siteHref, fmtDate } from "./progress.js";

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

// day is the reader's local date of a time in ms.
function day(ms) {
  const d = new Date(ms);
  return isNaN(d) ? "" : localDate(d);
}

// recordOf is the record as data: checklists with at least one completed item.
export function recordOf(manifest, state) {
  const out = [];
  for (const c of (manifest && manifest.checklists) || []) {
    const done = [];
    for (const it of c.items || []) {
      const e = entry(it.id, state);
      if (!e || !e.d) continue;
      done.push({ id: it.id, text: it.text, completed: e.t ? day(e.t) : "", reworded: !!(e.h && it.hash && e.h !== it.hash) });
    }
    if (done.length) out.push({ title: c.title, url: c.url, commit: c.commit || "", total: (c.items || []).length, done });
  }
  return out;
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
  const record = recordOf(manifest, load());
  const commitURL = root.dataset.commitUrl || "";
  status.textContent = record.length ? "Record made on " + fmtDate(now()) + "." : "You have not completed any checklist item in this browser yet.";
  for (const c of record) {
    const sec = el("section", "", "record-checklist");
    const h = el("h2");
    const a = el("a", c.title);
    setHref(a, siteHref(c.url));
    h.append(a);
    sec.append(h);
    const v = el("p", c.done.length + " of " + c.total + " items completed. Version: ", "record-version");
    if (c.commit) {
      const code = el("code", c.commit.slice(0, 12));
      if (commitURL) {
        const l = el("a");
        if (setHref(l, commitURL.replace("COMMIT", encodeURIComponent(c.commit)))) {
          l.append(code);
          v.append(l);
        } else {
          v.append(code);
        }
      } else {
        v.append(code);
      }
    } else {
      v.append("not recorded (built without git history)");
    }
    sec.append(v);
    const ol = el("ol");
    for (const d of c.done) {
      const li = el("li", d.text + (d.completed ? " — " + fmtDate(new Date(d.completed + "T12:00")) : ""));
      if (d.reworded) li.append(el("span", " (reworded since you completed it)", "muted"));
      ol.append(li);
    }
    sec.append(ol);
    body.append(sec);
  }
  const print = root.querySelector("[data-record-print]");
  const dl = root.querySelector("[data-record-download]");
  print.hidden = dl.hidden = false;
  print.addEventListener("click", () => window.print());
  dl.addEventListener("click", () => {
    download("completion-record.json", JSON.stringify({ site: root.dataset.recordSite, made: now().toISOString(), checklists: record }, null, 2));
  });
}
