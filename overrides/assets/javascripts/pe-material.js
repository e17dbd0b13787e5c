// The site's corrections to Material for MkDocs 9.8.1, on every page; loaded deferred, after Material's
// bundle (overrides/main.html). Re-check both when upgrading Material.

// Tooltips (WCAG 1.4.13): Escape hides the open ones without moving the focus or the pointer, which
// Material does not do (its state is inside its bundle: pe.css hides what is marked). The term's next
// focus or pointing shows its tooltip again. Material ties term and tooltip by a fixed id while shown,
// and reuses a hidden tooltip shown again within 250 ms: the mark is cleared by hand.
(() => {
  const DISMISSED = "pe-tooltip--dismissed";
  document.addEventListener("keydown", event => {
    if (event.key !== "Escape" || event.isComposing) return; // composing: Escape cancels the input only
    for (const tooltip of document.querySelectorAll(`.md-tooltip2--active:not(.${DISMISSED})`)) {
      tooltip.classList.add(DISMISSED);
      const term = document.querySelector(`[aria-describedby="${tooltip.id}"], [aria-controls="${tooltip.id}"]`);
      if (term) term.dataset.peTooltipDismissed = tooltip.id;
    }
  });
  const showAgain = event => {
    const term = event.target instanceof Element && event.target.closest("[data-pe-tooltip-dismissed]");
    if (!term) return;
    document.getElementById(term.dataset.peTooltipDismissed)?.classList.remove(DISMISSED);
    delete term.dataset.peTooltipDismissed;
  };
  document.addEventListener("focusin", showAgain);
  document.addEventListener("mouseover", showAgain);
})();

// No sitemap requests. On DOMContentLoaded Material fetches sitemap.xml beside every
// <link rel="alternate">, six requests a page, to send a click on a link under a language's root
// (its own alternates: /es/) to the same page in that language. Here the alternates and the menu's
// links are already the page in each language (es/callback.html), and Material acts only on links
// starting "<alternate>/", so it never uses them. The links are renamed while Material's handler,
// registered earlier by its plain script, looks for them, and restored right after for search engines.
// (navigation.instant, not used here, would look again on each page change.)
(() => {
  const alternates = [...document.querySelectorAll('link[rel="alternate"][hreflang]')];
  for (const link of alternates) link.rel = "pe-alternate";
  document.addEventListener("DOMContentLoaded", () => {
    for (const link of alternates) link.rel = "alternate";
  }, { once: true });
})();
