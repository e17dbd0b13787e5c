// The site's corrections to Material for MkDocs 9.8.1, on every page; loaded deferred, after Material's
// bundle (overrides/main.html). Re-check both when upgrading Material.

// No sitemap requests. On DOMContentLoaded Material fetches sitemap.xml beside every
// <link rel="alternate">, six requests a page, to send a click on a link under a language's root
// (its own alternates: /es/) to the same page in that language. Here the alternates and the menu's
// links are already the page in each language (es/callback.html), and Material acts only on links
// starting "<alternate>/", so it never uses them. The links are renamed while Material's handler,
// registered earlier by its bundle (deferred too, before this file), looks for them, and restored
// right after for search engines.
// (navigation.instant, not used here, would look again on each page change.)
(() => {
  const alternates = [...document.querySelectorAll('link[rel="alternate"][hreflang]')];
  for (const link of alternates) link.rel = "pe-alternate";
  document.addEventListener("DOMContentLoaded", () => {
    for (const link of alternates) link.rel = "alternate";
  }, { once: true });
})();
