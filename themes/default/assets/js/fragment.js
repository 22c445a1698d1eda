// initFragments finds the target of a #fragment that differs from an id on the page only in case:
// GitHub matches heading anchors case-insensitively, so links written for GitHub
// ("#Upgrade-Strategy") rely on it, and `cmplay check` accepts them.
export function initFragments() {
  const go = () => {
    let want;
    try {
      want = decodeURIComponent(location.hash.slice(1));
    } catch {
      return; // a malformed fragment names nothing
    }
    if (!want || document.getElementById(want)) return;
    const lower = want.toLowerCase();
    for (const el of document.querySelectorAll(".content [id]")) {
      if (el.id.toLowerCase() === lower) {
        el.scrollIntoView();
        return;
      }
    }
  };
  go();
  addEventListener("hashchange", go);
}
