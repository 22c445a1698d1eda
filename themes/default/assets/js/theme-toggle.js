import { setThemeChoice } from "./store.js";

// initTheme shows the light/dark toggle and remembers the reader's choice.
export function initTheme() {
  const btn = document.querySelector(".theme-toggle");
  if (!btn) return;
  btn.hidden = false;
  const root = document.documentElement;
  const current = () => root.dataset.theme || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  const label = () => btn.setAttribute("aria-label", current() === "dark" ? "Switch to light mode" : "Switch to dark mode");
  label();
  btn.addEventListener("click", () => {
    const next = current() === "dark" ? "light" : "dark";
    root.dataset.theme = next;
    setThemeChoice(next); // when not saved, still applied
    label();
  });
}
