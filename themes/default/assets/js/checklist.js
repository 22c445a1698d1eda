// checklist.js brings a page's checklist items to life. The build writes every item as a
// disabled checkbox showing its default tick, so the page reads without JavaScript; here the
// boxes are enabled, show the reader's own ticks, and every tick is kept by progress-store.js.
// The page gets "7 of 12 done" bars for itself and each section, due dates from the reader's
// start date, "changed since you ticked it" notes, and for recurring checklists the history.
// With a "#share=…" fragment it shows someone else's progress, read-only.
import * as S from "./progress-store.js";
import { h, meter, dueOn, overdue, fmtDate, fmtPeriod, pageKey, dateInput, confirmButton } from "./progress.js";
import { readShare } from "./progress-portable.js";
import { mount } from "./theme-data.js";
import { initDashboard } from "./dashboard.js";

const clean = (t) => t.replace(/\s+/g, " ").trim();

export function initChecklist() {
  const boxes = [...document.querySelectorAll("main input.task-box[data-id]")];
  if (!boxes.length) return;
  const url = document.body.dataset.page || location.pathname;
  // A layout without the status block (the start page) gets only its section bars, and the
  // announcements and notices in a block of their own.
  let root = mount("data-checklist");
  const bare = !root;
  if (bare) {
    root = h("div", { class: "checklist-status is-bare" });
    boxes[0].closest("ul,ol").after(root);
  }
  root.hidden = false;
  const cadence = root.dataset.cadence || "";
  const title = clean((document.querySelector("main h1") || document).textContent || document.title);
  const share = readShare();
  const items = boxes.map((box) => ({
    id: box.dataset.id, hash: box.dataset.hash, def: box.defaultChecked, box,
    text: clean(box.closest("label").textContent), li: box.closest("li"),
    sec: box.dataset.section || "", days: box.dataset.dueDays,
  }));
  if (!share) S.update((s) => S.follow(s, pageKey(url), items) + S.rollover(s, url, cadence, items.map((i) => i.id)) > 0);
  const done = (it) => (share ? share.done(it.id, it.def) : S.isDone(it.id, it.def));
  const start = () => (share ? share.start : S.startDate());

  const total = meter("page-meter", "Progress on this page");
  const live = h("p", { class: "visually-hidden", "aria-live": "polite" });
  const notice = h("p", { class: "progress-notice", role: "alert", hidden: true });
  // Bad stored data may turn up at any read (another tab's write): say so when it does.
  const problem = () => {
    if (!S.problem()) return;
    notice.hidden = false;
    notice.textContent = S.problem();
  };
  const dated = items.some((it) => it.days != null);
  const due = h("p", { class: "start-hint" });
  const tools = h("div", { class: "progress-tools" });
  const history = h("p", { class: "cadence-history" });
  root.replaceChildren(...(bare ? [live, notice] : [total, live, notice, due, history, tools]));
  if (share) {
    root.prepend(h("p", { class: "share-banner" }, share.problem || "You are looking at shared progress, read-only. ",
      h("a", { href: location.href.split("#")[0] }, "Show my own progress")));
  } else if (!bare) {
    if (dated) tools.append(dateInput(S.startDate(), S.setStartDate), " ");
    tools.append(
      h("button", { type: "button", class: "button", onclick: () => print() }, "Print"), " ",
      confirmButton("Reset this checklist", "Untick everything on this page?", "Reset", () => {
        S.update((s) => {
          S.forget(s, items.map((i) => i.id));
          S.recordPeriod(s, url, cadence, items.filter((i) => i.def).length, items.length);
        });
        live.textContent = "Checklist reset.";
      }),
    );
  }

  // Section bars go after the heading of each section that has items.
  const sections = new Map();
  for (const it of items) {
    const head = it.sec && document.getElementById(it.sec);
    if (!head) continue;
    if (!sections.has(it.sec)) {
      const m = meter("section-meter", "Progress in " + clean(head.textContent));
      const when = h("span", { class: "section-due" });
      m.append(when);
      head.after(m);
      sections.set(it.sec, { m, when, days: it.days, items: [] });
    }
    sections.get(it.sec).items.push(it);
  }

  function paint() {
    let n = 0;
    for (const it of items) {
      const d = done(it);
      n += d;
      it.box.checked = d;
      it.li.classList.toggle("is-done", d);
      paintDue(it, d);
      paintChanged(it, d);
    }
    total.set(n, items.length);
    for (const s of sections.values()) {
      const sd = s.items.filter(done).length;
      s.m.set(sd, s.items.length);
      const when = dueOn(s.days, start());
      s.when.textContent = when ? " · due " + fmtDate(when) : "";
      s.m.classList.toggle("is-overdue", sd < s.items.length && overdue(when));
    }
    due.textContent = !dated || start() ? "" : share ? "No start date was shared." : "Set your start date to see when each phase is due.";
    paintHistory();
    if (!share) problem();
    return n;
  }

  function paintDue(it, d) {
    if (it.days == null) return;
    const when = dueOn(it.days, start());
    if (!it.dueEl) it.box.nextElementSibling.append((it.dueEl = h("span", { class: "task-due" })));
    const late = !d && overdue(when);
    it.li.classList.toggle("is-overdue", late);
    it.dueEl.hidden = !when || d;
    if (when) it.dueEl.textContent = (late ? " overdue since " : " due ") + fmtDate(when);
  }

  function paintChanged(it, d) {
    const ch = !share && d && S.changed(it.id, it.hash);
    if (ch && !it.chEl) {
      it.chEl = h("span", { class: "task-changed", role: "note" }, "Changed since you ticked it. ",
        h("button", { type: "button", class: "button small", onclick: () => {
          S.update((s) => S.confirm(s, it.id, it.hash, it.text));
          it.box.focus();
          live.textContent = "Confirmed: " + it.text;
        } }, "Read it, still done"));
      it.box.closest("label").after(it.chEl);
    } else if (!ch && it.chEl) {
      it.chEl.remove();
      it.chEl = null;
    }
  }

  function paintHistory() {
    if (!cadence || share) return;
    const hist = S.load().hist[url];
    const past = (hist && hist.past) || [];
    history.textContent = "Resets every " + { daily: "day", weekly: "week", monthly: "month" }[cadence] + " (your local time)." +
      (past.length ? " Before: " + past.slice(0, 5).map((p) => fmtPeriod(p.p) + ": " + p.d + " of " + p.n).join(" · ") + "." : "");
  }

  if (!share) {
    for (const it of items) {
      it.box.disabled = false;
      it.box.addEventListener("change", () => {
        const d = it.box.checked;
        const n = items.filter((x) => (x === it ? d : done(x))).length;
        const saved = S.update((s) => {
          S.recordPeriod(s, url, cadence, n, items.length);
          S.setLast(s, url, title, it.id);
          S.setDone(s, it.id, d, { hash: it.hash, text: it.text, cadence });
        });
        if (!saved) {
          notice.hidden = false;
          notice.textContent = "This browser does not let the page save your progress (private mode or storage full).";
        }
        live.textContent = (d ? "Done: " : "Not done: ") + it.text + ". " + n + " of " + items.length + " done.";
      });
    }
    S.subscribe(paint);
  }
  paint();
}

// initChecklists starts everything checklist-related the page has: its items, and the
// dashboard or the start page's site-wide bar.
export function initChecklists() {
  initChecklist();
  initDashboard();
  // Following a share link from a page of the same address only changes the fragment.
  addEventListener("hashchange", (e) => {
    if (e.newURL.includes("#share=") || e.oldURL.includes("#share=")) location.reload();
  });
}
