// cmplay theme script: progressive enhancements only. Every page reads and works without it.
import { initTheme } from "./js/theme-toggle.js";
import { initMenu } from "./js/menu.js";
import { initReviewDates } from "./js/review.js";
import { initVisits } from "./js/visits.js";
import { initRecord } from "./js/record.js";
import { initChecklists } from "./js/checklist.js";
import { initCopyButtons } from "./js/copy.js";
import "./js/search-ui.js"; // the header search box and /search/; sets itself up

initTheme();
initMenu();
initReviewDates();
initVisits();
initRecord();
initChecklists();
initCopyButtons();
