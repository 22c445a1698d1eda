// cmplay serve's live reload. Only `cmplay serve` adds this script to pages; `cmplay build`
// output never contains it. It listens to the server's event stream and
//   - reloads the page after a rebuild, keeping the scroll position;
//   - swaps stylesheets in place when only CSS changed;
//   - shows the build's problems (file:line:col: message) over the page until they are fixed;
//   - reconnects after the server restarts, and reloads when it finds a newer build.
(function () {
  "use strict";
  var KEY = "cmplay-live-scroll";
  var build = null;
  var expected = null; // the build a reload asked for: a newer one may have come meanwhile
  var overlay = null;

  try {
    var saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
    sessionStorage.removeItem(KEY);
    if (saved && saved.path === location.pathname) {
      expected = saved.build;
      window.addEventListener("load", function () { window.scrollTo(saved.x, saved.y); });
    }
  } catch (e) { /* storage may be disabled; reloading still works */ }

  function reload(id) {
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname, x: window.scrollX, y: window.scrollY, build: id }));
    } catch (e) { /* ignore */ }
    location.reload();
  }

  function swapCSS(swaps) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var url = new URL(link.href, location.href);
      var done = false;
      for (var j = 0; j < (swaps || []).length; j++) {
        if (url.pathname.slice(-swaps[j].from.length) === swaps[j].from) {
          url.pathname = url.pathname.slice(0, -swaps[j].from.length) + swaps[j].to;
          done = true;
        }
      }
      if (!done) url.searchParams.set("cmplay", Date.now().toString(36));
      link.href = url.toString();
    }
    document.documentElement.setAttribute("data-cmplay-css", String(Date.now()));
  }

  function showProblems(problems) {
    hideProblems();
    if (!document.querySelector('link[href="/__cmplay/reload.css"]')) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = "/__cmplay/reload.css";
      document.head.appendChild(css);
    }
    overlay = document.createElement("section");
    overlay.id = "cmplay-overlay";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-label", "Build problems");
    var head = document.createElement("h2");
    head.textContent = problems.length === 1 ? "cmplay: 1 problem" : "cmplay: " + problems.length + " problems";
    var note = document.createElement("p");
    note.textContent = "You are looking at the last good build. Fix the file and save: this goes away.";
    var list = document.createElement("ul");
    problems.forEach(function (p) {
      var li = document.createElement("li");
      var pos = document.createElement("code");
      pos.textContent = p.pos;
      li.appendChild(pos);
      li.appendChild(document.createTextNode(p.pos ? ": " + p.msg : p.msg));
      list.appendChild(li);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.addEventListener("click", hideProblems);
    overlay.appendChild(head);
    overlay.appendChild(note);
    overlay.appendChild(list);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  function hideProblems() {
    if (overlay && overlay.parentNode) overlay.parentNode.removeChild(overlay);
    overlay = null;
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && overlay) hideProblems();
  });

  function connect() {
    var es = new EventSource("/__cmplay/events");
    es.addEventListener("hello", function (e) {
      var id = JSON.parse(e.data);
      // The server restarted or rebuilt while we were away, or while this page was loading.
      if ((build !== null && id !== build) || (build === null && expected && id !== expected)) return reload(id);
      build = id;
      document.documentElement.setAttribute("data-cmplay-live", id); // connected (tests wait for it)
    });
    es.addEventListener("reload", function (e) {
      var d = JSON.parse(e.data);
      build = d.build;
      reload(d.build);
    });
    es.addEventListener("css", function (e) {
      var d = JSON.parse(e.data);
      build = d.build;
      swapCSS(d.swap);
    });
    es.addEventListener("problems", function (e) { showProblems(JSON.parse(e.data)); });
    es.addEventListener("ok", hideProblems);
    // EventSource retries by itself while the server is reachable; when the server is gone it
    // gives up (readyState CLOSED), so keep knocking until it is back.
    es.onerror = function () {
      if (es.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
    };
  }
  connect();
})();
