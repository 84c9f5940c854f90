// Keep the reader on the same page when switching language.
//
// Material's language selector links to the other language's root. Both
// languages have the same page files, so the current page's path below its
// language root is appended to the other root. Works over http and file://
// because everything is resolved relative to the current location.
(function () {
  var config = document.getElementById("__config");
  if (!config) return;
  var base = JSON.parse(config.textContent).base || ".";
  var root = new URL(base.replace(/\/?$/, "/"), location.href);
  var page = location.pathname.slice(root.pathname.length);
  if (location.pathname.indexOf(root.pathname) !== 0) return;

  var links = document.querySelectorAll("a.md-select__link[hreflang]");
  Array.prototype.forEach.call(links, function (link) {
    var other = new URL(".", new URL(link.getAttribute("href"), location.href));
    link.href = new URL(page, other).href;
    // Carry the query and fragment (the explorer page keeps the reader's numbers there),
    // read at click time, since the page may have changed them after loading.
    link.addEventListener("click", function () {
      link.href = new URL(page + location.search + location.hash, other).href;
    });
    // A target keeps Material's sitemap-based redirect (which needs a server
    // and an absolute site_url) from replacing this link with the root.
    link.target = "_self";
  });
})();
