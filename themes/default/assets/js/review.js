import { now, localDate } from "./clock.js";

// initReviewDates marks "review by" dates that have passed, in the reader's own time, so the
// built pages stay identical from one day to the next.
export function initReviewDates() {
  const today = localDate(now());
  for (const el of document.querySelectorAll("time[data-review-by]")) {
    if (el.getAttribute("datetime") < today) {
      el.classList.add("is-overdue");
      el.textContent += " (overdue)";
    }
  }
}
