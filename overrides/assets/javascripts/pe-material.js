// The site's corrections to Material for MkDocs 9.8.1's behaviour, on every page (overrides/main.html
// loads this file deferred, after Material's bundle). A file, not inline: the site's
// Content-Security-Policy allows no inline script. Re-check each when upgrading Material.

// ---- Tooltips: Escape hides them (WCAG 1.4.13, content on hover or focus) --------------------------
// Material (content.tooltips, content.footnote.tooltips) shows a tooltip while its term has the
// keyboard focus or the pointer, and keeps it while the pointer is on the tooltip; but Escape does
// nothing, and Material keeps that state inside its bundle. So Escape marks the open tooltips
// dismissed (pe.css hides them, visibility: hidden) without moving the focus or the pointer; the
// term's next focus or pointing shows its tooltip again. Material links a term to its tooltip by id
// (aria-describedby, aria-controls for footnotes) while it is shown, and keeps that id for the term
// for the whole page; a tooltip no longer wanted is removed 250 ms later and a new one made next time,
// but within those 250 ms Material shows the same element again, so the mark is cleared by hand.
(() => {
  const DISMISSED = "pe-tooltip--dismissed";

  document.addEventListener("keydown", event => {
    // Escape while composing (Chinese, Vietnamese input methods) cancels the composition only.
    if (event.key !== "Escape" || event.isComposing) return;
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
