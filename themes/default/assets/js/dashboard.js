// dashboard.js draws the "My progress" page and the start page's site-wide bar from the manifest
// the build writes (checklists.js sets window.cmplayChecklists) and the reader's progress: every
// checklist with its share done, overall completion, what is overdue and due next, what changed
// since it was ticked, where to continue; plus export, import, share link and reset.
import * as S from "./progress-store.js";
import { h, meter, percent, dueOn, overdue, fmtDate, fmtPeriod, siteHref, pageKey, dateInput, confirmButton } from "./progress.js";
import { exportFile, parseImport, preview, merge, shareFragment, readShare } from "./progress-portable.js";
import { mount } from "./theme-data.js";

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
      for (const c of m.checklists) moved += S.follow(s, pageKey(c.url), c.items) + S.rollover(s, c.url, c.cadence, c.items.map((i) => i.id));
      return moved > 0;
    });
  }
  if (home) siteBar(home, m);
  if (dash) dashboard(dash, m, share);
}

// tally counts every checklist with the reader's (or the shared) progress.
function tally(m, share) {
  const start = share ? share.start : S.startDate();
  let done = 0;
  let total = 0;
  const lists = m.checklists.map((c) => {
    const items = c.items.map((it) => {
      const d = share ? share.done(it.id, it.checked) : S.isDone(it.id, it.checked);
      return { ...it, list: c, done: d, due: dueOn(it.days, start), changed: !share && d && S.changed(it.id, it.hash) };
    });
    const n = items.filter((i) => i.done).length;
    done += n;
    total += items.length;
    return { c, items, done: n };
  });
  return { lists, done, total, start };
}

function siteBar(el, m) {
  const bar = meter("site-meter", "Progress across the playbook");
  const cont = h("p", { class: "continue" });
  el.replaceChildren(bar, cont, h("p", {}, h("a", { href: siteHref("/progress/") }, "See all your progress")));
  el.hidden = false;
  const paint = () => {
    const t = tally(m);
    bar.set(t.done, t.total);
    cont.replaceChildren(...continueLink());
  };
  S.subscribe(paint);
  paint();
}

function continueLink() {
  const last = S.load().last;
  if (!last || !last.u) return [];
  return ["Continue where you left off: ", h("a", { href: siteHref(last.u, last.i ? "#task-" + last.i : ""), class: "continue-link" }, last.t || last.u)];
}

function dashboard(el, m, share) {
  const report = h("div", { class: "dashboard-report" });
  const live = h("p", { class: "visually-hidden", "aria-live": "polite" });
  const head = [];
  if (share) {
    head.push(h("p", { class: "share-banner" }, share.problem || "You are looking at shared progress, read-only. ",
      h("a", { href: location.href.split("#")[0] }, "Show my own progress")));
  } else if (S.problem()) {
    head.push(h("p", { class: "progress-notice", role: "alert" }, S.problem()));
  }
  el.replaceChildren(...head, report, live, share ? "" : tools(m, live));
  const paint = () => report.replaceChildren(...draw(m, share));
  if (!share) S.subscribe(paint);
  paint();
}

function draw(m, share) {
  const t = tally(m, share);
  const frag = share ? share.fragment : "";
  const link = (it) => h("a", { href: siteHref(it.list.url, frag || "#task-" + it.id) }, it.text);
  const where = (it) => h("span", { class: "muted" }, " · " + it.list.title);
  // Open items with a due date, by phase: a phase is due as a whole.
  const phases = [];
  for (const l of t.lists) {
    const by = new Map();
    for (const i of l.items) if (!i.done && i.due) by.set(i.section, [...(by.get(i.section) || []), i]);
    for (const [sec, items] of by) {
      const s = (l.c.sections || []).find((x) => x.id === sec);
      phases.push({ list: l.c, sec, title: s ? s.title : l.c.title, due: items[0].due, items });
    }
  }
  phases.sort((a, b) => a.due - b.due);
  const late = phases.filter((p) => overdue(p.due));
  const next = phases.filter((p) => !overdue(p.due)).slice(0, 5);
  const changed = t.lists.flatMap((l) => l.items).filter((i) => i.changed);
  const total = meter("site-meter", "Progress across the playbook");
  total.set(t.done, t.total);
  const out = [h("section", { class: "dash-overall", "aria-labelledby": "dash-overall" },
    h("h2", { id: "dash-overall" }, "Overall"), total,
    h("p", {}, percent(t.done, t.total) + "% of " + t.lists.length + " checklists"),
    share ? "" : h("p", { class: "continue" }, ...continueLink()),
    share ? "" : h("p", {}, dateInput(t.start, S.setStartDate)),
    t.start ? "" : h("p", { class: "start-hint" }, share ? "No start date shared." : "Set your start date to see what is due when."))];
  const list = (id, title, ps, late) => ps.length && h("section", { class: "dash-" + id, "aria-labelledby": "dash-" + id },
    h("h2", { id: "dash-" + id }, title + " (" + ps.reduce((n, p) => n + p.items.length, 0) + ")"),
    h("ul", { class: "dash-phases" }, ps.map((p) => h("li", { class: late ? "is-overdue" : "" }, h("details", {},
      // A summary is itself the control that opens the details: a link inside it would be an
      // interactive element nested in another (axe: nested-interactive), so the link comes first
      // in the opened part.
      h("summary", {}, p.title,
        h("span", { class: "muted" }, " · " + p.list.title + " · " + p.items.length + " open · "),
        h("span", { class: "task-due" }, (late ? "was due " : "due ") + fmtDate(p.due))),
      h("p", { class: "dash-phase-link" }, h("a", { href: siteHref(p.list.url, frag || (p.sec ? "#" + p.sec : "")) }, "Open " + p.title)),
      h("ul", { class: "dash-items" }, p.items.map((i) => h("li", {}, link(i)))))))));
  out.push(list("overdue", "Overdue", late, true) || "", list("next", "Due next", next, false) || "");
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
  return h("section", { class: "dash-tools", "aria-labelledby": "dash-tools" },
    h("h2", { id: "dash-tools" }, "Keep, move and share your progress"),
    h("p", { class: "muted" }, "Your progress stays in this browser only. Export it to keep a copy or to move it to another browser."),
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
