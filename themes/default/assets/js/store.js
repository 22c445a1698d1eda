// store.js is the one place the theme touches localStorage (theme.js and theme-toggle.js
// import it too). Keys are namespaced by the site's root path (from <meta name="cmplay-root">),
// so two playbooks on one host — or two folders opened from file:// — never read each other's
// data; the light/dark choice alone is kept for the whole host, "cmplay:theme".

// siteRoot is the absolute URL of the site's root folder, resolved from the current page.
export function siteRoot() {
  const meta = document.querySelector('meta[name="cmplay-root"]');
  return new URL(meta ? meta.content : "./", location.href).href;
}

let rootPath = "";

// storageKey names a value of this site: "cmplay:/playbook/:progress".
export function storageKey(name) {
  if (!rootPath) {
    rootPath = siteRoot();
    try { rootPath = new URL(rootPath).pathname; } catch (e) { /* keep the full URL */ }
  }
  return "cmplay:" + rootPath + ":" + name;
}

// readRaw is the text stored under this site's key name, or null when missing or storage is
// unavailable (private mode, disabled).
export function readRaw(name) {
  try { return localStorage.getItem(storageKey(name)); } catch (e) { return null; }
}

// readJSON returns the parsed value under this site's key, or fallback when missing. Data that
// does not parse is moved aside under "<key>:corrupt:<time>" (never thrown away) and onCorrupt
// is told, so the page keeps working.
export function readJSON(name, fallback, onCorrupt) {
  const raw = readRaw(name);
  if (raw === null) return fallback;
  try {
    return JSON.parse(raw);
  } catch (e) {
    setAside(name, raw);
    if (onCorrupt) onCorrupt(e);
    return fallback;
  }
}

// setAside keeps a copy of data the theme cannot use, so a person can still recover it.
export function setAside(name, raw) {
  try { localStorage.setItem(storageKey(name) + ":corrupt:" + Date.now(), raw); } catch (e) { /* full or disabled */ }
}

// writeJSON stores a value under this site's key; it reports false when storage is unavailable.
export function writeJSON(name, value) {
  try {
    localStorage.setItem(storageKey(name), JSON.stringify(value));
    return true;
  } catch (e) {
    return false;
  }
}

// THEME is the key of the reader's light/dark choice, one for the whole host.
const THEME = "cmplay:theme";

// themeChoice is the reader's saved "dark" or "light", or "" when they made no choice.
export function themeChoice() {
  let t = null;
  try { t = localStorage.getItem(THEME); } catch (e) { /* storage disabled */ }
  return t === "dark" || t === "light" ? t : "";
}

// setThemeChoice saves "dark" or "light"; it reports false when storage is unavailable.
export function setThemeChoice(t) {
  try {
    localStorage.setItem(THEME, t);
    return true;
  } catch (e) {
    return false;
  }
}
