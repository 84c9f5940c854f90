// Keep the reader on the same page, at the same section, with the same query
// (the explorer keeps the reader's numbers in the address), in the same colour
// scheme when switching language.
//
// Material's language selector links to the other language's root. Both
// languages have the same page files, so the current page's path below its
// language root (and the #section) is appended to the other root. Each
// language keeps its settings under its own root in localStorage; the chosen
// palette is copied to the other root on the way. Works over http and file://
// because everything is resolved relative to the current location.
(function () {
  var config = document.getElementById("__config");
  if (!config) return;
  var base = JSON.parse(config.textContent).base || ".";
  var root = new URL(base.replace(/\/?$/, "/"), location.href);
  if (location.pathname.indexOf(root.pathname) !== 0) return;

  function carryPalette(other) {
    try {
      var palette = localStorage.getItem(root.pathname + ".__palette");
      if (palette !== null) localStorage.setItem(other.pathname + ".__palette", palette);
    } catch (e) { /* storage unavailable: the other language uses its default */ }
  }

  var links = document.querySelectorAll("a.md-select__link[hreflang]");
  Array.prototype.forEach.call(links, function (link) {
    var other = new URL(".", new URL(link.getAttribute("href"), location.href));
    link.href = new URL(location.pathname.slice(root.pathname.length) + location.search + location.hash, other).href;
    // A target keeps Material's sitemap-based redirect (which needs a server
    // and an absolute site_url) from replacing this link with the root.
    link.target = "_self";
    // The #section may have changed since the page loaded.
    ["pointerdown", "focus", "click"].forEach(function (type) {
      link.addEventListener(type, function () {
        link.href = new URL(location.pathname.slice(root.pathname.length) + location.search + location.hash, other).href;
        carryPalette(other);
      });
    });
  });
})();
