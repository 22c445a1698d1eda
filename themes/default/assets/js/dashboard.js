// dashboard.js draws the "My progress" page and the start page's site-wide bar from the manifest
// the build writes (checklists.js sets window.cmplayChecklists) and the reader's progress: every
// checklist with its share done, overall completion, what is overdue and due next, what changed
// since it was ticked, where to continue; plus export, import, share link and reset.
import * as S from "./progress-store.js";
import { h, meter, percent, dueOn, overdue, passed, beforeStart, fmtDate, fmtPeriod, siteHref, pageKey, dateInput, confirmButton } from "./progress.js";
import { exportFile, parseImport, preview, merge, shareFragment, readShare } from "./progress-portable.js";
import { mount } from "./theme-data.js";
import { download } from "./url.js";
import { ics } from "./calendar.js";

export function initDashboard() {
  const home = mount("data-site-progress");
  const dash = mount("data-dashboard");
  if (!home && !dash) return;
  const m = window.cmplayChecklists;
  if (!m || m.version !== 1 || !Array.isArray(m.checklists)) {
    if (dash) dash.prepend(h("p", { class: "progress-notice", role: "alert" }, "The list of checklists could not be loaded; rebuild the site."));
    return;
  }
  const share = dash ? readShare() : null;
  if (!share) {
    S.update((s) => {
      let moved = 0;
      for (const c of m.checklists) moved += S.carry(s, c.url, pageKey(c.url), c.moved, c.items) + S.follow(s, pageKey(c.url), c.items) + S.rollover(s, c.url, c.cadence, c.items.map((i) => i.id));
      return moved > 0;
    });
  }
  if (home) siteBar(home, m);
  if (dash) dashboard(dash, m, share);
}

// scope is what the figures cover: the chosen onboarding path (or the shared one) unless the
// reader asked to see everything. It returns { path, steps, habits, reads } or null for
// everything. A path a rebuilt site no longer has counts as no path.
let showAll = false;
function scope(m, share) {
  const chosen = share ? share.path : S.pathChoice();
  const path = (Array.isArray(m.paths) ? m.paths : []).find((p) => p && p.url === chosen && Array.isArray(p.steps));
  if (!path) return null;
  const lists = new Map(m.checklists.map((c) => [c.url, c]));
  const steps = path.steps.filter((st) => st && typeof st.url === "string");
  return {
    path,
    all: showAll,
    counted: new Set(steps.filter((st) => lists.has(st.url) && !lists.get(st.url).cadence).map((st) => st.url)),
    habits: steps.filter((st) => lists.has(st.url) && lists.get(st.url).cadence).map((st) => lists.get(st.url)),
    reads: steps.filter((st) => !lists.has(st.url)),
  };
}

// tally counts the checklists in scope with the reader's (or the shared) progress. On a path,
// recurring checklists are habits: not counted (see scope).
function tally(m, share) {
  const start = share ? share.start : S.startDate();
  const sc = scope(m, share);
  const inScope = (c) => !sc || sc.all || sc.counted.has(c.url);
  let done = 0;
  let total = 0;
  const lists = m.checklists.filter(inScope).map((c) => {
    const items = c.items.map((it) => {
      const d = share ? share.done(it.id, it.checked) : S.isDone(it.id, it.checked);
      return { ...it, list: c, done: d, due: dueOn(it.days, start), changed: !share && d && S.changed(it.id, it.hash) };
    });
    const n = items.filter((i) => i.done).length;
    done += n;
    total += items.length;
    return { c, items, done: n };
  });
  return { lists, done, total, start, scope: sc };
}

// pathPicker is the choice of onboarding path, or nothing on a site without paths.
function pathPicker(m) {
  const paths = Array.isArray(m.paths) ? m.paths.filter((p) => p && typeof p.url === "string") : [];
  if (!paths.length) return "";
  const chosen = S.pathChoice();
  const sel = h("select", { class: "path-choice", onchange: (e) => S.setPath(e.target.value) },
    h("option", { value: "" }, "Everything (no path chosen)"),
    paths.map((p) => h("option", { value: p.url, selected: p.url === chosen }, String(p.title))));
  return h("label", { class: "path-label" }, "Your onboarding path ", sel);
}

// showEverything is the visible way out of the path's figures, and back.
function showEverything(sc, repaint) {
  if (!sc) return "";
  return h("button", { type: "button", class: "button small show-all", "aria-pressed": String(sc.all), onclick: () => { showAll = !showAll; repaint(); } },
    sc.all ? "Show my path only" : "Show everything");
}

function siteBar(el, m) {
  const bar = meter("site-meter", "Progress across the playbook");
  const label = h("p", { class: "site-scope" });
  const cont = h("p", { class: "continue" });
  const pick = h("p", { class: "path-pick" });
  el.replaceChildren(pick, label, bar, cont, h("p", {}, h("a", { href: siteHref("/progress/") }, "See all your progress")));
  el.hidden = false;
  const paint = () => {
    const t = tally(m);
    bar.set(t.done, t.total);
    pick.replaceChildren(pathPicker(m));
    label.replaceChildren(t.scope ? (t.scope.all ? "Everything" : "Your path: " + t.scope.path.title) + " " : "", showEverything(t.scope, paint));
    cont.replaceChildren(...continueLink(t));
  };
  S.subscribe(paint);
  paint();
}

// continueLink points at the item touched last, or on a path whose last touch was elsewhere,
// at the first open item of the path.
function continueLink(t) {
  const last = S.load().last;
  if (last && last.u && (!t || !t.scope || t.scope.all || t.scope.counted.has(last.u))) {
    return ["Continue where you left off: ", h("a", { href: siteHref(last.u, last.i ? "#task-" + last.i : ""), class: "continue-link" }, last.t || last.u)];
  }
  if (!t || !t.scope) return [];
  for (const l of t.lists) {
    const open = l.items.find((i) => !i.done);
    if (open) return ["Next on your path: ", h("a", { href: siteHref(l.c.url, "#task-" + open.id), class: "continue-link" }, l.c.title)];
  }
  return [];
}

function dashboard(el, m, share) {
  const report = h("div", { class: "dashboard-report" });
  const live = h("p", { class: "visually-hidden", "aria-live": "polite" });
  const head = [];
  if (share) {
    // The page is someone else's progress: say so in its title, not "My progress".
    const title = (share.name ? share.name + "’s progress" : "Shared progress") + " — shared, read only";
    const h1 = document.querySelector("main h1");
    if (h1) h1.textContent = title;
    const lede = document.querySelector("main .page-header .lede");
    if (lede) lede.textContent = "Progress someone shared with you through a link. Nothing here is kept in this browser.";
    document.title = title;
    head.push(h("p", { class: "share-banner" }, share.problem || "You are looking at shared progress, read-only. ",
      h("a", { href: location.href.split("#")[0] }, "Show my own progress")));
  } else if (S.problem()) {
    head.push(h("p", { class: "progress-notice", role: "alert" }, S.problem()));
  }
  el.replaceChildren(...head, report, live, share ? "" : tools(m, live));
  const paint = () => report.replaceChildren(...draw(m, share, paint));
  if (!share) S.subscribe(paint);
  paint();
}

// openPhases lists the phases in scope with open items and a due date, soonest first: a phase is
// due as a whole.
function openPhases(t) {
  const phases = [];
  for (const l of t.lists) {
    const by = new Map();
    for (const i of l.items) if (!i.done && i.due) by.set(i.section, [...(by.get(i.section) || []), i]);
    for (const [sec, items] of by) {
      const s = (l.c.sections || []).find((x) => x.id === sec);
      phases.push({ list: l.c, sec, title: s ? s.title : l.c.title, due: items[0].due, before: beforeStart(items[0].days), items });
    }
  }
  return phases.sort((a, b) => a.due - b.due);
}

// calendarButton downloads the open phases in scope as an .ics file.
function calendarButton(m) {
  return h("button", { type: "button", class: "button add-calendar", onclick: () => {
    const t = tally(m);
    const name = t.scope && !t.scope.all ? "Onboarding: " + t.scope.path.title : "Onboarding";
    download("onboarding.ics", ics(openPhases(t), location.host || "file", name), "text/calendar");
  } }, "Add to calendar");
}

function draw(m, share, repaint) {
  const t = tally(m, share);
  const frag = share ? share.fragment : "";
  const link = (it) => h("a", { href: siteHref(it.list.url, frag || "#task-" + it.id) }, it.text);
  const where = (it) => h("span", { class: "muted" }, " · " + it.list.title);
  // Open items with a due date, by phase: a phase is due as a whole.
  const phases = openPhases(t);
  // A phase due before the start is never overdue: once its date is behind, it is still open.
  const late = phases.filter((p) => overdue(p.due, p.before ? -1 : 0));
  const pre = phases.filter((p) => p.before && passed(p.due));
  const next = phases.filter((p) => !passed(p.due)).slice(0, 5);
  const changed = t.lists.flatMap((l) => l.items).filter((i) => i.changed);
  const total = meter("site-meter", "Progress across the playbook");
  total.set(t.done, t.total);
  const sc = t.scope;
  const out = [h("section", { class: "dash-overall", "aria-labelledby": "dash-overall" },
    h("h2", { id: "dash-overall" }, sc && !sc.all ? "Your path: " + sc.path.title : "Overall"),
    share ? "" : h("p", { class: "path-pick" }, pathPicker(m)),
    sc ? h("p", { class: "site-scope" }, showEverything(sc, repaint)) : "",
    total,
    h("p", {}, percent(t.done, t.total) + "% of " + t.lists.length + " checklists" + (sc && !sc.all ? " on your path" : "")),
    share ? "" : h("p", { class: "continue" }, ...continueLink(t)),
    share ? "" : h("p", {}, dateInput(t.start, S.setStartDate), t.start ? [" ", calendarButton(m)] : ""),
    t.start ? "" : h("p", { class: "start-hint" }, share ? "No start date shared." : "Set your start date to see what is due when."))];
  const when = (p) => (passed(p.due) ? "was due " : "due ") + (p.before ? "before the start, " : "") + fmtDate(p.due);
  const list = (id, title, ps, late) => ps.length && h("section", { class: "dash-" + id, "aria-labelledby": "dash-" + id },
    h("h2", { id: "dash-" + id }, title + " (" + ps.reduce((n, p) => n + p.items.length, 0) + ")"),
    h("ul", { class: "dash-phases" }, ps.map((p) => h("li", { class: late ? "is-overdue" : "" }, h("details", {},
      // A summary is itself the control that opens the details: a link inside it would be an
      // interactive element nested in another (axe: nested-interactive), so the link comes first
      // in the opened part.
      h("summary", {}, p.title,
        h("span", { class: "muted" }, " · " + p.list.title + " · " + p.items.length + " open · "),
        h("span", { class: "task-due" }, when(p))),
       h("p", { class: "dash-phase-link" }, h("a", { href: siteHref(p.list.url, frag || (p.sec ? "#" + p.sec : "")) }, "Open " + p.title)),
      h("ul", { class: "dash-items" }, p.items.map((i) => h("li", {}, link(i)))))))));
  out.push(list("overdue", "Overdue", late, true) || "", list("before", "Still open from before the start", pre, false) || "",
    list("next", "Due next", next, false) || "");
  if (sc && sc.habits.length) {
    out.push(h("section", { class: "dash-habits", "aria-labelledby": "dash-habits" },
      h("h2", { id: "dash-habits" }, "Today's habits"),
      h("p", { class: "muted" }, "Recurring checklists: they reset each period and are not counted in your path."),
      h("ul", { class: "dash-checklists" }, sc.habits.map((c) => {
        const n = c.items.filter((it) => (share ? share.done(it.id, it.checked) : S.isDone(it.id, it.checked))).length;
        const bar = meter("list-meter", "Progress in " + c.title);
        bar.set(n, c.items.length);
        return h("li", { "data-url": c.url }, h("a", { href: siteHref(c.url, frag), class: "dash-title" }, c.title),
          h("span", { class: "muted" }, " · " + c.cadence), bar);
      }))));
  }
  if (sc && sc.reads.length) {
    out.push(h("section", { class: "dash-reads", "aria-labelledby": "dash-reads" },
      h("h2", { id: "dash-reads" }, "To read on your path"),
      h("ol", { class: "dash-items" }, sc.reads.map((r) => h("li", {}, h("a", { href: siteHref(r.url, frag) }, String(r.title || r.url)))))));
  }
  const acks = ackRows(m, share);
  if (acks.length) {
    out.push(h("section", { class: "dash-acks", "aria-labelledby": "dash-acks" },
      h("h2", { id: "dash-acks" }, "Policies to acknowledge"),
      h("ul", { class: "dash-items" }, acks.map((a) => h("li", { class: a.state === "changed" ? "is-overdue" : "" },
        h("a", { href: siteHref(a.url, frag) }, a.title),
        h("span", { class: "muted ack-state" }, " · " + (a.state === "todo" ? "not acknowledged yet" : a.state === "changed" ? "changed since you acknowledged it on " + a.when : "acknowledged on " + a.when)))))));
  }
  if (changed.length) {
    out.push(h("section", { class: "dash-changed", "aria-labelledby": "dash-changed" },
      h("h2", { id: "dash-changed" }, "Changed since you ticked them (" + changed.length + ")"),
      h("ul", { class: "dash-items" }, changed.map((i) => h("li", {}, link(i), where(i))))));
  }
  out.push(h("section", { class: "dash-lists", "aria-labelledby": "dash-lists" },
    h("h2", { id: "dash-lists" }, "Checklists"),
    h("ul", { class: "dash-checklists" }, t.lists.map((l) => {
      const bar = meter("list-meter", "Progress in " + l.c.title);
      bar.set(l.done, l.items.length);
      const hist = !share && l.c.cadence && (S.load().hist[l.c.url] || {}).past;
      return h("li", { "data-url": l.c.url },
        h("a", { href: siteHref(l.c.url, frag), class: "dash-title" }, l.c.title),
        h("span", { class: "muted" }, " " + percent(l.done, l.items.length) + "%" + (l.c.cadence ? " · " + l.c.cadence : "")),
        bar,
        hist && hist.length ? h("p", { class: "cadence-history" }, "Before: " + hist.slice(0, 5).map((p) => fmtPeriod(p.p) + ": " + p.d + " of " + p.n).join(" · ")) : "");
    }))));
  return out;
}

// ackRows is each page to acknowledge with the reader's state: "todo", "done" or "changed".
function ackRows(m, share) {
  if (share || !Array.isArray(m.acks)) return [];
  return m.acks.filter((a) => a && typeof a.url === "string").map((a) => {
    const e = S.entry("ack:" + a.url);
    const state = !e || !e.d ? "todo" : a.commit && e.v && e.v !== a.commit ? "changed" : "done";
    return { url: a.url, title: String(a.title || a.url), state, when: e && e.t ? fmtDate(new Date(e.t)) : "" };
  });
}

// askToPersist asks the browser to keep this site's storage; where it will not (or cannot say),
// the reminder to export shows.
function askToPersist(reminder) {
  const st = navigator.storage;
  if (!st || !st.persist || !st.persisted) {
    reminder.hidden = false;
    return;
  }
  st.persisted().then((p) => p || st.persist()).then((ok) => { reminder.hidden = !!ok; }, () => { reminder.hidden = false; });
}

function tools(m, live) {
  const result = h("div", { class: "import-preview", "aria-live": "polite" });
  const shareOut = h("p", { class: "share-out", hidden: true });
  const file = h("input", { type: "file", accept: "application/json,.json", class: "import-file" });
  file.addEventListener("change", async () => {
    const f = file.files[0];
    file.value = "";
    if (!f) return;
    let incoming;
    try {
      incoming = parseImport(await f.text());
    } catch (e) {
      result.replaceChildren(h("p", { class: "progress-notice", role: "alert" }, e.message));
      return;
    }
    const p = preview(incoming.state, m);
    const lines = p.changes.map((c) => h("li", {}, (c.to ? "Tick: " : "Untick: ") + c.text, h("span", { class: "muted" }, " · " + c.where)));
    if (p.start) lines.unshift(h("li", {}, "Start date: " + (p.start.from || "none") + " → " + p.start.to));
    if (p.path) lines.unshift(h("li", {}, "Onboarding path: " + p.path.from + " → " + p.path.to));
    const skipped = incoming.dropped > 0 ? h("p", { class: "progress-notice", role: "alert" }, incoming.dropped + (incoming.dropped === 1 ? " entry" : " entries") + " of the file " + (incoming.dropped === 1 ? "is" : "are") + " not valid progress and will be left out.") : "";
    const apply = h("button", { type: "button", class: "button primary", onclick: () => {
      S.update((s) => merge(s, incoming.state));
      result.replaceChildren(h("p", {}, "Imported."));
      live.textContent = "Progress imported.";
    } }, "Apply import");
    result.replaceChildren(skipped,
      h("p", {}, lines.length ? "Importing will change " + lines.length + (lines.length === 1 ? " thing:" : " things:") : "Importing changes nothing you can see; it only adds older records."),
      h("ul", { class: "import-changes" }, lines),
      apply, " ", h("button", { type: "button", class: "button", onclick: () => result.replaceChildren() }, "Cancel"));
    apply.focus();
  });
  const makeShare = () => {
    const url = location.href.split("#")[0] + shareFragment(m);
    const out = h("input", { type: "text", readonly: true, value: url, class: "share-url", "aria-label": "Share link" });
    shareOut.replaceChildren(out, " ", h("button", { type: "button", class: "button", onclick: () => {
      out.select();
      (navigator.clipboard ? navigator.clipboard.writeText(url) : Promise.reject()).then(() => { live.textContent = "Link copied."; }, () => { live.textContent = "Select the link and copy it."; });
    } }, "Copy"));
    shareOut.hidden = false;
    out.select();
  };
  const reminder = h("p", { class: "progress-notice persist-reminder", role: "note", hidden: true },
    "This browser has not promised to keep your progress: some browsers (Safari) delete what a site stored after seven days without a visit. Export your progress now and then.");
  askToPersist(reminder);
  return h("section", { class: "dash-tools", "aria-labelledby": "dash-tools" },
    h("h2", { id: "dash-tools" }, "Keep, move and share your progress"),
    h("p", { class: "muted" }, "Your progress stays in this browser only. Export it to keep a copy or to move it to another browser."),
    reminder,
    h("p", { class: "tool-row" },
      h("button", { type: "button", class: "button", onclick: () => { exportFile(); live.textContent = "Progress exported."; } }, "Export progress"), " ",
      h("label", { class: "button" }, "Import progress…", file), " ",
      h("button", { type: "button", class: "button", onclick: makeShare }, "Create share link"), " ",
      h("button", { type: "button", class: "button", onclick: () => print() }, "Print"), " ",
      confirmButton("Reset all progress", "Untick every item on every checklist?", "Reset everything", () => {
        S.update(S.reset);
        live.textContent = "All progress reset.";
      })),
    shareOut, result);
}
