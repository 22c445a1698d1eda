// search-ui.js is the search box in the header (results as you type, ↑ ↓ Enter Esc, "/" to
// focus) and the results page at /search/ (?q=…&kind=…&role=…&items=1&open=1, shareable).
// Without JavaScript the box is a plain form that opens the results page.
import { Search, snippet, marks } from "./search-core.js";
import { isDone } from "./progress-store.js";
import { safeURL, setHref } from "./url.js";

let engine = null;

// searchEngine returns the page's one Search, created on first use.
function searchEngine(form) {
  if (!engine) {
    engine = new Search(form.getAttribute("data-search-index"));
    // For scripts, tests and benchmarks: window.cmplaySearch.search("escalation", {limit: 5}).
    window.cmplaySearch = engine;
  }
  return engine;
}

// initSearch sets up the header box and the results page, whichever the page has.
export function initSearch() {
  const box = document.querySelector("form.search-box[data-search-index]");
  if (box) initBox(box);
  const page = document.querySelector("form.search-form[data-search-index]");
  if (page) initPage(page);
  if (!box && !page) return;
  document.addEventListener("keydown", (e) => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const t = e.target;
    if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    const input = (page || box).querySelector('input[type="search"]');
    e.preventDefault();
    input.focus();
    input.select();
  });
}

const KINDS = { checklist: "Checklist", framework: "Framework", role: "Role", guideline: "Guideline", practice: "Practice", program: "Program", page: "Page" };

// append adds pieces [{text, mark}] to an element as text nodes and <mark> elements.
function append(el, pieces) {
  for (const piece of pieces) {
    if (piece.mark) {
      const m = document.createElement("mark");
      m.textContent = piece.text;
      el.append(m);
    } else {
      el.append(piece.text);
    }
  }
}

// renderResult builds one result with DOM text nodes only: titles and snippets from the index
// can never become markup. A page's best result shows its title, kind and breadcrumb; the
// page's other results (r.sub) follow under it with their section and snippet only.
function renderResult(r, found, tag, id) {
  const el = document.createElement(tag);
  if (r.sub) el.className = "search-sub";
  const a = document.createElement("a");
  setHref(a, r.url);
  a.className = "search-result";
  if (id) { a.id = id; a.setAttribute("role", "option"); a.tabIndex = -1; el.setAttribute("role", "presentation"); }
  const head = document.createElement("span");
  head.className = "search-result-title";
  if (!r.sub) append(head, marks(r.title, found));
  if (r.within && !r.item) {
    const sec = document.createElement("span");
    sec.className = "search-result-section";
    append(sec, marks(r.within, found));
    head.append(r.sub ? "› " : " › ", sec);
  } else if (r.sub) {
    head.append(r.item ? "☐ Checklist item" : "› Introduction");
  }
  a.append(head);
  if (!r.sub) {
    const meta = document.createElement("span");
    meta.className = "search-result-meta";
    const kind = document.createElement("span");
    kind.className = "search-result-kind";
    kind.textContent = r.item ? "Checklist item" : KINDS[r.kind] || r.kind;
    meta.append(kind);
    if (r.path && r.path.length) {
      const crumbs = document.createElement("span");
      crumbs.className = "search-result-path";
      crumbs.textContent = r.path.join(" › ");
      meta.append(" · ", crumbs);
    }
    a.append(meta);
  }
  const snip = document.createElement("span");
  snip.className = "search-result-snippet";
  append(snip, snippet(r.text || r.within, found));
  a.append(snip);
  el.append(a);
  return el;
}

// emptyMessage says why a search found nothing: the words no page has, with the site's nearest
// words as links that search for them, or that the filters left nothing.
function emptyMessage(el, q, res, searchFor) {
  el.replaceChildren();
  if (!res.missing || res.missing.length === 0) {
    el.textContent = "No results for “" + q.trim() + "”" + (res.filtered ? " with these filters." : ".");
    return;
  }
  res.missing.forEach((m, i) => {
    if (i > 0) el.append(" ");
    el.append("No page has “" + m.word + "”.");
    if (m.suggest.length) {
      el.append(" Did you mean ");
      m.suggest.forEach((w, k) => {
        if (k > 0) el.append(k === m.suggest.length - 1 ? " or " : ", ");
        const a = document.createElement("a");
        a.href = "#";
        a.className = "search-suggest";
        a.textContent = w;
        a.addEventListener("click", (e) => { e.preventDefault(); searchFor(replaceWord(q, m.word, w)); });
        a.addEventListener("mousedown", (e) => e.preventDefault()); // keep the focus in the box
        el.append(a);
      });
      el.append("?");
    }
  });
}

// replaceWord puts a suggested word in the place of the missing one in the query.
function replaceWord(q, word, by) {
  const re = new RegExp("(^|[^\\p{L}\\p{N}])" + word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?=$|[^\\p{L}\\p{N}])", "iu");
  return re.test(q) ? q.replace(re, (m, pre) => pre + by) : by;
}

function pageURL(form, params) {
  const u = new URL(form.getAttribute("action"), location.href);
  u.search = new URLSearchParams(params).toString();
  return u.href;
}

// initBox wires the header search box.
function initBox(form) {
  const input = form.querySelector("input[type=search]");
  const popup = form.querySelector(".search-popup");
  let seq = 0;
  let active = -1;
  let options = [];
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  popup.id = "search-popup";
  input.setAttribute("aria-controls", popup.id);

  const close = () => {
    popup.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const setActive = (i) => {
    options.forEach((o, k) => o.setAttribute("aria-selected", String(k === i)));
    active = i;
    if (i >= 0 && options[i]) {
      input.setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };
  const run = async () => {
    const q = input.value;
    const mine = ++seq;
    if (!q.trim()) { close(); return; }
    let res;
    try {
      res = await searchEngine(form).search(q, { limit: 5 });
    } catch (e) {
      res = { error: e };
    }
    if (mine !== seq) return;
    popup.replaceChildren();
    const list = document.createElement("ul");
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Search results");
    list.className = "search-list";
    const status = document.createElement("p");
    status.className = "search-status";
    if (res.error) {
      status.textContent = "Search is not available: the index did not load.";
    } else if (res.results.length === 0) {
      emptyMessage(status, q, res, (nq) => { input.value = nq; input.focus(); run(); });
    }
    (res.results || []).forEach((r, i) => list.append(renderResult(r, res, "li", "search-opt-" + i)));
    options = [...list.querySelectorAll("[role=option]")];
    const all = document.createElement("a");
    all.className = "search-all";
    setHref(all, pageURL(form, { q }));
    all.textContent = "All results and filters for “" + q.trim() + "” →";
    if (status.textContent) popup.append(status);
    if (options.length) popup.append(list);
    popup.append(all);
    popup.hidden = false;
    input.setAttribute("aria-expanded", "true");
    setActive(options.length ? 0 : -1);
  };
  input.addEventListener("focus", () => { searchEngine(form).ready().catch(() => {}); }, { once: true });
  input.addEventListener("input", run);
  input.addEventListener("focus", () => { if (input.value.trim() && popup.hidden) run(); });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (popup.hidden) { run(); return; }
      e.preventDefault();
      if (!options.length) return;
      const d = e.key === "ArrowDown" ? 1 : -1;
      setActive((active + d + options.length) % options.length);
    } else if (e.key === "Escape") {
      if (!popup.hidden) { e.preventDefault(); e.stopPropagation(); close(); } else if (input.value) { input.value = ""; } else { input.blur(); }
    }
  });
  // Enter submits the form: to the highlighted result when the popup shows one, else to the
  // results page as without JavaScript.
  form.addEventListener("submit", (e) => {
    if (!popup.hidden && active >= 0 && options[active]) {
      e.preventDefault();
      const to = safeURL(options[active].getAttribute("href"));
      if (to) location.href = to;
    }
  });
  document.addEventListener("click", (e) => { if (!form.contains(e.target)) close(); });
  form.addEventListener("focusout", (e) => { if (!form.contains(e.relatedTarget)) close(); });
}

// initPage runs the results page: the query and filters come from the address and go back
// into it as they change, so a search can be shared as a link.
function initPage(form) {
  const input = form.querySelector("input[type=search]");
  const kind = form.elements.kind, role = form.elements.role, items = form.elements.items, open = form.elements.open;
  const list = document.getElementById("search-page-results");
  const status = form.parentElement.querySelector(".search-status[role=status]");
  const more = form.parentElement.querySelector(".search-more");
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  kind.value = params.get("kind") || "";
  items.checked = params.get("items") === "1";
  open.checked = params.get("open") === "1";
  const wantRole = params.get("role") || "";
  let rolesLoaded = false;
  let limit = 20;
  // exact is set once the reader asks for more results: the search then loads the posting tiers
  // its ranking needs, where a first search ranks from the first tiers (search-core.js search).
  let exact = false;
  let seq = 0;
  const s = searchEngine(form);

  // The role list comes from the index's filters file, loaded when the reader first reaches for
  // the list (or when the address names a role), not on every visit.
  const loadRoles = () => s.filters().then((f) => {
    if (rolesLoaded) return;
    for (const [slug, title] of f.roles.slice().sort((a, b) => a[1].localeCompare(b[1]))) {
      const o = document.createElement("option");
      o.value = slug;
      o.textContent = title;
      role.append(o);
    }
    role.value = wantRole;
    rolesLoaded = true;
  }).catch(() => {});
  if (wantRole) loadRoles();
  role.addEventListener("focus", loadRoles, { once: true });
  role.addEventListener("pointerdown", loadRoles, { once: true });

  const state = () => {
    const p = { q: input.value };
    if (kind.value) p.kind = kind.value;
    const r = rolesLoaded ? role.value : wantRole;
    if (r) p.role = r;
    if (items.checked) p.items = "1";
    if (open.checked) p.open = "1";
    return p;
  };
  const run = async () => {
    const p = state();
    const mine = ++seq;
    try {
      history.replaceState(null, "", "?" + new URLSearchParams(p).toString());
    } catch (e) { /* some browsers refuse it for file:// pages; the search still runs */ }
    if (!p.q.trim()) {
      list.replaceChildren();
      status.textContent = "Type to search every page, section and checklist item.";
      more.hidden = true;
      return;
    }
    let res;
    try {
      res = await s.search(p.q, { limit: limit + 1, exact, kind: p.kind, role: p.role, items: !!p.items, open: p.open ? (id, checked) => !isDone(id, checked) : null });
    } catch (e) {
      if (mine === seq) status.textContent = "Search is not available: the index did not load.";
      return;
    }
    if (mine !== seq) return;
    // Results come page by page; limit counts pages, and one more is asked for to know whether
    // there are more.
    const pages = res.results.filter((r) => !r.sub).length;
    let cut = res.results.length;
    if (pages > limit) {
      let seen = 0;
      cut = res.results.findIndex((r) => !r.sub && ++seen > limit);
    }
    const shown = res.results.slice(0, cut);
    list.replaceChildren(...shown.map((r) => renderResult(r, res, "li", "")));
    if (shown.length === 0) {
      res.filtered = !!(p.kind || p.role || p.items || p.open);
      emptyMessage(status, p.q, res, (nq) => { input.value = nq; fresh(); });
    } else {
      const n = shown.filter((r) => !r.sub).length;
      status.textContent = (pages > limit ? "The first " + n + " pages" : n + (n === 1 ? " page" : " pages")) + " of results for “" + p.q.trim() + "”.";
    }
    more.hidden = pages <= limit;
  };
  const fresh = () => { limit = 20; exact = false; run(); };
  form.addEventListener("submit", (e) => { e.preventDefault(); fresh(); });
  input.addEventListener("input", fresh);
  for (const el of [kind, role, items, open]) el.addEventListener("change", fresh);
  more.addEventListener("click", () => { limit += 20; exact = true; run(); });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") {
      const first = list.querySelector("a");
      if (first) { e.preventDefault(); first.focus(); }
    }
  });
  list.addEventListener("keydown", (e) => {
    const links = [...list.querySelectorAll("a")];
    const i = links.indexOf(document.activeElement);
    if (i < 0) return;
    if (e.key === "ArrowDown" && links[i + 1]) { e.preventDefault(); links[i + 1].focus(); }
    if (e.key === "ArrowUp") { e.preventDefault(); (links[i - 1] || input).focus(); }
    if (e.key === "Escape") { e.preventDefault(); input.focus(); }
  });
  run();
}

initSearch();
