// initCopyButtons gives every code block in the page content a "Copy" button. The button is
// added by script because without script it could not work; a polite live region says
// "Copied" (or why not) so a screen reader user hears the result.
export function initCopyButtons() {
  for (const pre of document.querySelectorAll(".content pre")) {
    if (pre.closest(".code-block")) continue;
    const wrap = document.createElement("div");
    wrap.className = "code-block";
    pre.replaceWith(wrap);
    wrap.append(pre);
    const btn = document.createElement("button");
    btn.type = "button";
    btn.className = "code-copy";
    btn.textContent = "Copy";
    const status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrap.append(btn, status);
    btn.addEventListener("click", async () => {
      const text = (pre.querySelector("code") || pre).innerText.replace(/\n$/, "");
      let ok = false;
      try {
        await navigator.clipboard.writeText(text);
        ok = true;
      } catch {
        ok = copyBySelection(text); // file:// and older browsers have no clipboard API
      }
      btn.textContent = ok ? "Copied" : "Copy failed";
      status.textContent = ok ? "Code copied to the clipboard" : "Could not copy: select the code and copy it by hand";
      setTimeout(() => { btn.textContent = "Copy"; status.textContent = ""; }, 2000);
    });
  }
}

function copyBySelection(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "visually-hidden";
  document.body.append(area);
  area.select();
  let ok = false;
  try { ok = document.execCommand("copy"); } catch { ok = false; }
  area.remove();
  return ok;
}
