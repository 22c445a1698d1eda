// visits.js tells a returning reader that a page changed since their last visit, listing the
// commits in between. The page's history partial carries its recent commits in a
// <script type="application/json" id="cmplay-visits"> block (data, not script, so a strict CSP
// holds; a block content cannot forge, see theme-data.js); the last commit seen per page is kept
// in this site's storage under "visits".
import { readJSON, writeJSON } from "./store.js";
import { themeJSON } from "./theme-data.js";
import { setHref } from "./url.js";
import { now, localDate } from "./clock.js";

const str = (x) => (typeof x === "string" ? x : "");
import { fmtDate } from "./progress.js";

// day writes a stored YYYY-MM-DD date as the pages write dates.
const day = (iso) => /^\d{4}-\d{2}-\d{2}$/.test(iso) ? fmtDate(new Date(iso + "T12:00")) : "";

export function initVisits() {
  const block = themeJSON("cmplay-visits");
  const page = document.body.dataset.page;
  if (!block || !page || !str(block.el.dataset.head)) return;
  const head = block.el.dataset.head;
  const commits = (Array.isArray(block.data) ? block.data : [])
    .filter((c) => c && typeof c === "object")
    .map((c) => ({ h: str(c.h), d: str(c.d), a: str(c.a), s: str(c.s), u: str(c.u) }));
  const visits = readVisits();
  const seen = visits[page];
  if (seen && seen.h !== head) {
    const at = commits.findIndex((c) => c.h === seen.h);
    showChanges(block.el.dataset.url, at >= 0 ? commits.slice(0, at) : commits, at < 0, seen.t);
  }
  visits[page] = { h: head, t: localDate(now()) };
  writeJSON("visits", visits);
}

// readVisits is the stored { "<page>": { h: "<commit>", t: "YYYY-MM-DD" } }, keeping only
// entries of that shape, in a map without a prototype (a page named "__proto__" is a page).
function readVisits() {
  const raw = readJSON("visits", null);
  const out = Object.create(null);
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return out;
  for (const [page, v] of Object.entries(raw)) {
    if (v && typeof v.h === "string" && v.h) out[page] = { h: v.h, t: /^\d{4}-\d\d-\d\d$/.test(v.t) ? v.t : "" };
  }
  return out;
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

function showChanges(moreURL, changes, partial, since) {
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
    const a = el("a", "", c.s);
    li.append(c.u && setHref(a, c.u) ? a : document.createTextNode(c.s));
    list.append(li);
  }
  box.append(list);
  const more = el("a", "", "See the full history");
  if (moreURL && setHref(more, moreURL)) {
    const p = el("p");
    p.append(more);
    box.append(p);
  }
  const header = document.querySelector("main .page-header");
  if (header) header.after(box);
  else document.querySelector("main").prepend(box);
}
