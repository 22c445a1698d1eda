// Runs in <head> before the page paints: applies the reader's saved light/dark choice so the
// page never flashes the wrong theme. Kept tiny; everything else is in main.js.
import { themeChoice } from "./js/store.js";

const t = themeChoice(); // storage may be disabled: the system preference still applies
if (t) document.documentElement.dataset.theme = t;
document.documentElement.classList.add("js");
