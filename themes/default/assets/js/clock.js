// clock.js is the theme's one clock and its one way to write a day, in the reader's own time
// zone: ticks of a daily checklist, "review by" dates and visit dates all change at the reader's
// midnight, not at UTC's.
//
// Tests and demos set the clock before the page's scripts run (chromedp's
// Page.addScriptToEvaluateOnNewDocument): window.__cmplayNow = "2026-11-24T09:00" (a Date, a
// number of ms or an ISO string). Nothing in a page's address sets it: a link must never move a
// reader's clock, which would roll their daily checklists over.

// now is the reader's current time, or the injected one.
export function now() {
  const inj = window.__cmplayNow;
  // An element with id="__cmplayNow" is also window.__cmplayNow; only values count.
  if (typeof inj === "string" || typeof inj === "number" || inj instanceof Date) {
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
