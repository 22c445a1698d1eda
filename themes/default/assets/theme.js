// Runs in <head> before the page paints: applies the reader's saved light/dark choice so the
// page never flashes the wrong theme. Kept tiny; everything else is in main.js.
try {
  const t = localStorage.getItem("cmplay:theme");
  if (t === "dark" || t === "light") document.documentElement.dataset.theme = t;
} catch (e) { /* storage may be disabled: the system preference still applies */ }
document.documentElement.classList.add("js");
