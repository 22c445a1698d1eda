// cmplay theme script: progressive enhancements only. Every page reads and works without it.
import { initTheme } from "./js/theme-toggle.js";
import { initMenu } from "./js/menu.js";
import { initSidebar } from "./js/sidebar.js";
import { initReviewDates } from "./js/review.js";
import { initVisits } from "./js/visits.js";
import { initRecord } from "./js/record.js";
import { initChecklists } from "./js/checklist.js";
import { initAck } from "./js/ack.js";
import { initCopyButtons } from "./js/copy.js";
import { initFragments } from "./js/fragment.js";
import "./js/search-ui.js"; // the header search box and /search/; sets itself up

initTheme();
initMenu();
initSidebar();
initReviewDates();
initVisits();
initRecord();
initChecklists();
initAck();
initCopyButtons();
initFragments();
