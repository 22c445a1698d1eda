// theme-data.js finds what the theme's templates put in a page for its scripts. Content can add
// classes, ids and data-* attributes to headings ({.class #id data-x=…} after a heading), so a
// lookup by class, id or attribute alone may find an element the page's author made. The theme's
// data and mount points are therefore elements content cannot produce with unsafe_html off: a
// <script type="application/json"> block, or a <div>/<section> the layouts write.

// themeJSON parses the JSON block <script type="application/json" id="ID"> and returns
// { data, el }, or null when the page has none or it does not parse.
export function themeJSON(id) {
  for (const el of document.querySelectorAll('script[type="application/json"]')) {
    if (el.id !== id) continue;
    try {
      return { data: JSON.parse(el.textContent), el };
    } catch (e) {
      return null;
    }
  }
  return null;
}

// mount finds the layout's element for a feature: a <div> with the data attribute attr.
// Headings from content can carry any attribute but are never divs.
export function mount(attr) {
  return document.querySelector("div[" + attr + "]");
}
