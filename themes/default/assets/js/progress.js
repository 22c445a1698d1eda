// progress.js holds the small pieces the checklist pages and the dashboard share: a DOM builder,
// progress meters, due dates and links into the site.
import { siteRoot } from "./store.js";
import { now, localDate, startDate } from "./progress-store.js";
import { safeURL } from "./url.js";

// h makes an element: h("button", { type: "button", onclick: f }, "Print"). An href or src
// goes through safeURL: one it refuses is left out.
export function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v == null) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "href" || k === "src") {
      if (safeURL(v)) e.setAttribute(k, safeURL(v));
    }
    else e.setAttribute(k, v === true ? "" : v);
  }
  e.append(...kids.flat().filter((k) => k != null && k !== false));
  return e;
}

// meter is "7 of 12 done" with a <progress> bar; call m.set(done, total) to update it.
export function meter(cls, label) {
  const text = h("span", { class: "meter-text" });
  const bar = h("progress", { max: 1, value: 0, "aria-label": label });
  const m = h("div", { class: "meter " + cls }, text, bar);
  m.set = (done, total) => {
    bar.max = total || 1;
    bar.value = done;
    text.textContent = done + " of " + total + " done";
    m.dataset.done = done;
    m.dataset.total = total;
  };
  return m;
}

// percent is a whole percentage, 0 for nothing to do.
export function percent(done, total) {
  return total ? Math.round((100 * done) / total) : 0;
}

// dueOn is the date an item is due on, days after the reader's start date, or null.
export function dueOn(days, start = startDate()) {
  if (!start || days == null || days === "") return null;
  const [y, m, d] = start.split("-").map(Number);
  return new Date(y, m - 1, d + Number(days));
}

// overdue reports whether a due date has passed, in the reader's local time. A phase due before
// the start (days < 0, "before day 1") is preparation: it is never overdue, and once its date has
// passed its open items are "still open from before the start" instead (see docs/checklists.md).
export function overdue(due, days) {
  return !!due && !beforeStart(days) && localDate(due) < localDate(now());
}

// beforeStart reports whether a phase due days after the start date is due before the start.
export function beforeStart(days) {
  return days != null && days !== "" && Number(days) < 0;
}

// passed reports whether a due date is behind us, whatever the phase.
export function passed(due) {
  return !!due && localDate(due) < localDate(now());
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

// fmtDate writes a date as the built pages do ("30 November 2026", Go's "2 January 2006"), so a
// page's review date, its history and a due date set by this script read alike.
export function fmtDate(d) {
  return d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear();
}

// fmtPeriod names a period of a recurring checklist ("2026-11-23", "w2026-11-16", "2026-11").
export function fmtPeriod(p) {
  if (p[0] === "w") return "week of " + fmtDate(dueOn(0, p.slice(1)));
  if (p.length === 7) return MONTHS[Number(p.slice(5, 7)) - 1] + " " + p.slice(0, 4);
  return fmtDate(dueOn(0, p));
}

// siteHref is the address of a site path ("/onboarding/") from this page, for file:// too.
export function siteHref(path, frag = "") {
  // A file:// build names its root by its index.html; links start from the folder holding it.
  let u = new URL(".", siteRoot()).href + String(path).replace(/^\/+/, "");
  if (location.protocol === "file:" && u.endsWith("/")) u += "index.html";
  return u + frag;
}

// pageKey is the prefix of a page's automatic item ids (see generator/internal/checklist).
export function pageKey(url) {
  return url.replace(/^\/+|\/+$/g, "") || "home";
}

// dateInput is the start date setting: a labelled date field that calls set on change.
export function dateInput(value, set) {
  const input = h("input", { type: "date", class: "start-date", value, onchange: (e) => set(e.target.value) });
  return h("label", { class: "start-date-label" }, "Your start date ", input);
}

// confirmButton is a button that asks again in place before it acts (no dialogs to block on).
export function confirmButton(label, question, yes, act) {
  const btn = h("button", { type: "button", class: "button" }, label);
  const ask = h("span", { class: "confirm", role: "group", hidden: true }, question + " ");
  const close = () => { ask.hidden = true; btn.hidden = false; btn.focus(); };
  ask.append(
    h("button", { type: "button", class: "button danger", onclick: () => { close(); act(); } }, yes),
    " ",
    h("button", { type: "button", class: "button", onclick: close }, "Cancel"),
  );
  btn.addEventListener("click", () => { btn.hidden = true; ask.hidden = false; ask.querySelector("button").focus(); });
  return h("span", {}, btn, ask);
}
