// initMenu turns the sidebar into a toggled panel on small screens.
export function initMenu() {
  const btn = document.querySelector(".menu-button");
  const nav = document.getElementById("sidebar");
  if (!btn || !nav) return;
  btn.hidden = false;
  const set = (open) => {
    nav.classList.toggle("is-open", open);
    btn.setAttribute("aria-expanded", String(open));
  };
  btn.addEventListener("click", () => set(!nav.classList.contains("is-open")));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && nav.classList.contains("is-open")) { set(false); btn.focus(); }
  });
}
