// visits.js tells a returning reader that a page changed since their last visit, listing the
// commits in between. The page carries its recent commits in data attributes of its history
// block (no inline script, so strict CSP holds); the last commit seen per page is kept in this
// site's storage under "visits".
import { readJSON, writeJSON } from "./store.js";
import { fmtDate } from "./progress.js";

// day writes a stored YYYY-MM-DD date as the pages write dates.
const day = (iso) => /^\d{4}-\d{2}-\d{2}$/.test(iso) ? fmtDate(new Date(iso + "T12:00")) : "";

export function initVisits() {
  const block = document.querySelector(".page-history[data-history-head]");
  const page = document.body.dataset.page;
  if (!block || !page || !block.dataset.historyHead) return;
  const head = block.dataset.historyHead;
  let commits = [];
  try { commits = JSON.parse(block.dataset.history || "[]"); } catch (e) { commits = []; }
  const visits = readJSON("visits", {}) || {};
  const seen = visits[page];
  if (seen && seen.h && seen.h !== head) {
    const at = commits.findIndex((c) => c.h === seen.h);
    showChanges(block, at >= 0 ? commits.slice(0, at) : commits, at < 0, seen.t);
  }
  visits[page] = { h: head, t: new Date().toISOString().slice(0, 10) };
  writeJSON("visits", visits);
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

function showChanges(block, changes, partial, since) {
  const box = el("aside", "history-since");
  box.setAttribute("role", "status");
  box.setAttribute("aria-labelledby", "history-since-title");
  const h = el("h2", "", "Changed since your last visit");
  h.id = "history-since-title";
  box.append(h);
  const n = changes.length;
  box.append(el("p", "", (day(since) ? "Since " + day(since) + ", " : "") + n + (n === 1 ? " change:" : " changes" + (partial ? " or more:" : ":"))));
  const list = el("ol");
  for (const c of changes) {
    const li = el("li");
    const t = el("time", "", day(c.d));
    t.setAttribute("datetime", c.d);
    li.append(t, document.createTextNode(" · " + c.a + " · "));
    if (c.u) {
      const a = el("a", "", c.s);
      a.href = c.u;
      li.append(a);
    } else {
      li.append(document.createTextNode(c.s));
    }
    list.append(li);
  }
  box.append(list);
  if (block.dataset.historyUrl) {
    const p = el("p");
    const a = el("a", "", "See the full history");
    a.href = block.dataset.historyUrl;
    p.append(a);
    box.append(p);
  }
  const header = document.querySelector("main .page-header");
  if (header) header.after(box);
  else document.querySelector("main").prepend(box);
}
