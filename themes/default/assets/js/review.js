// initReviewDates marks "review by" dates that have passed, in the reader's own time, so the
// built pages stay identical from one day to the next.
export function initReviewDates() {
  const today = new Date().toISOString().slice(0, 10);
  for (const el of document.querySelectorAll("time[data-review-by]")) {
    if (el.getAttribute("datetime") < today) {
      el.classList.add("is-overdue");
      el.textContent += " (overdue)";
    }
  }
}
