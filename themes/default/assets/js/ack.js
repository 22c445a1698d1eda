// ack.js asks the reader to acknowledge a page marked `acknowledge: true`: "I have read this" is
// stored like a tick (id "ack:" + the page's URL) with the commit of the version read. When the
// page has changed since, it says so with the date, shows the words added and removed between
// that version and now (a diff the build made from git, see generator/internal/acknowledge) and asks
// again. Diff text only ever goes into text nodes.
import * as S from "./progress-store.js";
import { h, fmtDate } from "./progress.js";
import { mount, themeJSON } from "./theme-data.js";
import { readShare } from "./progress-portable.js";
import { isCommit } from "./progress-valid.js";

// ackID is the progress id of a page's acknowledgement.
export const ackID = (url) => "ack:" + url;

// diffOps returns the diff from commit to now as [[op, text]], or null when the build made none.
function diffOps(commit) {
  const j = themeJSON("cmplay-ack");
  const d = j && j.data && typeof j.data === "object" && !Array.isArray(j.data) ? j.data : null;
  if (!d || !Object.prototype.hasOwnProperty.call(d, commit) || !Array.isArray(d[commit])) return null;
  const ops = d[commit].filter((o) => Array.isArray(o) && o.length === 2 && ["=", "-", "+"].includes(o[0]) && typeof o[1] === "string");
  return ops.length === d[commit].length ? ops : null;
}

// renderDiff draws a word diff: kept words as text, removed in <del>, added in <ins>. Long
// unchanged stretches are cut to their ends so the changes stand out.
function renderDiff(ops) {
  const p = h("p", { class: "ack-diff" });
  for (const [op, text] of ops) {
    if (op === "-") p.append(h("del", {}, text));
    else if (op === "+") p.append(h("ins", {}, text));
    else p.append(text.length > 240 ? text.slice(0, 100) + " … " + text.slice(-100) : text);
  }
  return p;
}

export function initAck() {
  const root = mount("data-acknowledge");
  if (!root) return;
  const url = root.dataset.url || document.body.dataset.page || location.pathname;
  const commit = isCommit(root.dataset.commit) ? root.dataset.commit : "";
  const share = readShare();
  const live = h("p", { class: "visually-hidden", "aria-live": "polite" });
  root.hidden = false;
  const paint = () => {
    const e = share ? null : S.entry(ackID(url));
    const parts = [];
    const button = (label) => h("button", { type: "button", class: "button primary ack-button", onclick: () => {
      S.update((s) => S.setDone(s, ackID(url), true, { commit, text: document.title }));
      live.textContent = "Acknowledged.";
    } }, label);
    if (share) {
      parts.push(h("p", { class: "muted" }, "This page asks each reader to acknowledge it."));
    } else if (!e || !e.d) {
      parts.push(h("p", { class: "ack-ask" }, "Please read this policy, then confirm you have. "), button("I have read this"));
    } else if (commit && e.v && e.v !== commit) {
      const when = e.t ? fmtDate(new Date(e.t)) : "an earlier date";
      parts.push(h("p", { class: "ack-changed", role: "note" }, "This policy changed since you acknowledged it on " + when + "."));
      const ops = diffOps(e.v);
      parts.push(ops ? h("details", { class: "ack-changes", open: true }, h("summary", {}, "What changed (words removed and added)"), renderDiff(ops))
        : h("p", { class: "muted" }, "The changes since then are listed in this page's history, below."));
      parts.push(button("I have read the changes"));
    } else {
      parts.push(h("p", { class: "ack-done" }, "You acknowledged this policy on " + (e.t ? fmtDate(new Date(e.t)) : "an earlier date") + "."));
    }
    root.replaceChildren(...parts, live);
  };
  S.subscribe(paint);
  paint();
}
