// url.js is the theme's one gate for addresses it puts into a page. Every href, src or
// location the theme's scripts set goes through safeURL, so data that reached the page from
// content, storage, a share link or an index file can never become a "javascript:" (or data:,
// file:, …) link.
import { siteRoot } from "./store.js";

// safeURL returns u resolved against the page when it is a relative address or an http(s) one,
// and "" for anything else (javascript:, data:, vbscript:, blob:, non-strings). A site opened
// from disk (file://) has file: addresses of its own: there, and only there, a file: address
// inside the site's folder is accepted too.
export function safeURL(u, base = document.baseURI) {
  if (typeof u !== "string") return "";
  try {
    // Resolved against a web address, a relative u stays http(s); an absolute one keeps its own
    // scheme. The parser drops the spaces and control characters that hide a scheme.
    const probe = new URL(u, "https://relative.invalid/");
    const abs = new URL(u, base).href;
    if (probe.protocol === "http:" || probe.protocol === "https:") return abs;
    // The root of a file:// build is its index.html; the site's folder is the one holding it.
    if (probe.protocol === "file:" && location.protocol === "file:" && abs.startsWith(new URL(".", siteRoot()).href)) return abs;
    return "";
  } catch (e) {
    return "";
  }
}

// setHref points a link at u when safeURL accepts it, and leaves it without an address (plain
// text to the reader) when not. It reports whether the link got its address.
export function setHref(a, u) {
  const safe = safeURL(u);
  if (safe) a.href = safe;
  else a.removeAttribute("href");
  return !!safe;
}

// download saves text as a file named name: the one place the theme makes a blob: address, of
// data it made itself.
export function download(name, text, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
