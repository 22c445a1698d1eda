// store.js is the one place the theme touches localStorage. Keys are namespaced by the site's
// root path (from <meta name="cmplay-root">), so two playbooks on one host — or two folders
// opened from file:// — never read each other's data.

// siteRoot is the absolute URL of the site's root folder, resolved from the current page.
export function siteRoot() {
  const meta = document.querySelector('meta[name="cmplay-root"]');
  return new URL(meta ? meta.content : "./", location.href).href;
}

// storageKey names a value of this site: "cmplay:/playbook/:progress".
export function storageKey(name) {
  let root = siteRoot();
  try { root = new URL(root).pathname; } catch (e) { /* keep the full URL */ }
  return "cmplay:" + root + ":" + name;
}

// readJSON returns the parsed value under this site's key, or fallback when missing. Data that
// does not parse is moved aside under "<key>:corrupt:<time>" (never thrown away) and onCorrupt
// is told, so the page keeps working.
export function readJSON(name, fallback, onCorrupt) {
  const key = storageKey(name);
  let raw = null;
  try { raw = localStorage.getItem(key); } catch (e) { return fallback; }
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
