// morgue: the page works without this file; with it, searches update in place as you
// type, links inside the app swap the page without a full reload, and the URL (and so
// Back, bookmarks and sharing) always holds the search.
"use strict";

(function () {
  let pending = null;
  let typingTimer = null;

  function sameApp(url) {
    return url.origin === location.origin &&
      (url.pathname === "/" || url.pathname.startsWith("/articles/"));
  }

  // Replace the page with the server's rendering of `url`, keeping the caret in the
  // search box when the user is typing there.
  async function load(url, mode) {
    const push = mode === "push";
    if (pending) pending.abort();
    pending = new AbortController();
    document.body.classList.add("loading");
    try {
      const response = await fetch(url, { signal: pending.signal, headers: { Accept: "text/html" } });
      const html = await response.text();
      const next = new DOMParser().parseFromString(html, "text/html");
      const active = document.activeElement;
      const focusId = active && active.id ? active.id : null;
      const caret = focusId && "selectionStart" in active ? active.selectionStart : null;
      if (push) history.pushState(null, "", url);
      else if (mode === "replace") history.replaceState(null, "", url);
      document.title = next.title;
      document.body.replaceWith(next.body);
      if (focusId) {
        const again = document.getElementById(focusId);
        if (again) {
          again.focus();
          if (caret !== null && typeof again.setSelectionRange === "function") {
            try { again.setSelectionRange(caret, caret); } catch (_) { /* not a text input */ }
          }
        }
      }
      if (push && !focusId) window.scrollTo(0, 0);
    } catch (error) {
      if (error.name !== "AbortError") location.href = url;
    } finally {
      document.body.classList.remove("loading");
    }
  }

  function formUrl(form) {
    const params = new URLSearchParams();
    // Without words the sort box shows the order they come in (newest); that implied
    // choice is not sent, so words typed next are ranked by relevance.
    const sort = form.elements.namedItem("sort");
    const implied = sort && sort.dataset.implied === sort.value;
    for (const [name, value] of new FormData(form)) {
      if (String(value).trim() !== "" && !(name === "sort" && (value === "relevance" || implied))) {
        params.append(name, value);
      }
    }
    const query = params.toString();
    return new URL(query ? "/?" + query : "/", location.origin);
  }

  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest("a[href]");
    if (!link) return;
    const url = new URL(link.getAttribute("href"), location.href);
    if (!sameApp(url)) return;
    event.preventDefault();
    load(url, "push");
  });

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.id !== "search" || !form.checkValidity()) return;
    event.preventDefault();
    clearTimeout(typingTimer);
    load(formUrl(form), "push");
  });

  // Search as you type, once the typing pauses.
  document.addEventListener("input", (event) => {
    const input = event.target;
    if (input.id !== "q" || !input.form) return;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      // One history entry per search typed, not one per pause.
      load(formUrl(input.form), "replace");
    }, 250);
  });

  document.addEventListener("change", (event) => {
    const input = event.target;
    if (!input.form || input.form.id !== "search") return;
    if (input.id === "sort") {
      delete input.dataset.implied;
      load(formUrl(input.form), "push");
    } else if (["from", "to", "mentions"].includes(input.id)) {
      load(formUrl(input.form), "push");
    }
  });

  window.addEventListener("popstate", () => load(new URL(location.href), null));

  // "/" focuses the search box, as on many sites.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.target.closest("input, select, textarea")) return;
    const box = document.getElementById("q");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });
})();
