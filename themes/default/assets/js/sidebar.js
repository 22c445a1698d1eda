// initSidebar scrolls the sidebar, not the page, so that the current page's entry is in view:
// in a long folder it would otherwise sit below the sidebar's fold.
export function initSidebar() {
  const nav = document.getElementById("sidebar");
  const cur = nav && nav.querySelector('a[aria-current="page"]');
  if (!cur) return;
  const box = nav.getBoundingClientRect();
  const at = cur.getBoundingClientRect();
  if (box.height === 0 || (at.top >= box.top && at.bottom <= box.bottom)) return;
  nav.scrollTop += at.top - box.top - nav.clientHeight / 3;
}
