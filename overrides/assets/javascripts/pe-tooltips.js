// Glossary and source-note tooltips, on every page of the site (not the embed pages: embed.css shows
// a focused term's definition inline). Loaded deferred (overrides/main.html); styled in pe.css.
//
// Why not Material's content.tooltips and content.footnote.tooltips: they set up every term and note
// number when the page loads, a long task on a phone (Lighthouse: 100-200 ms of total blocking time,
// most of the page's). Here nothing runs at load but a few listeners on the document: one tooltip
// element, made and placed when a reader points at or focuses a term.
//
// WCAG 1.4.13 (content on hover or focus):
// - dismissible: Escape hides it, without moving the focus or the pointer;
// - hoverable: the pointer can move from the term onto the tooltip (no gap: a strip of the tooltip
//   reaches back to the term) and it stays while the pointer is on either;
// - persistent: it stays until the pointer and the focus have both left (the pointer gets 250 ms
//   of grace, for a hand that slips), or Escape.
// A term's title is its definition without scripts. While its tooltip is shown (and after Escape,
// until the reader moves away) it is kept in data-pe-title: the browser would show it a second time.
(() => {
  const TERMS = "abbr[title], abbr[data-pe-title]";
  const NOTES = "a.footnote-ref";
  const HOSTS = `${TERMS}, ${NOTES}`;
  const GRACE_MS = 250; // the pointer left term and tooltip: this long before the tooltip goes
  const GAP_PX = 6; // between the term and the tooltip's box (bridged for the pointer)
  const MARGIN_PX = 8; // from the edges of the window

  let tooltip = null; // made on first use
  let host = null; // the term or note number whose tooltip is shown
  let dismissed = null; // the term Escape hid the tooltip of, until the reader moves away from it
  let hideTimer = 0;
  let pointer = null; // the pointer's last position over a host: which line of a wrapped term

  const tooltipElement = () => {
    if (!tooltip) {
      tooltip = document.createElement("div");
      tooltip.id = "pe-tooltip";
      tooltip.className = "pe-tooltip";
      tooltip.setAttribute("role", "tooltip");
      tooltip.hidden = true;
      document.body.append(tooltip);
    }
    return tooltip;
  };

  // What the tooltip says: a term's definition, or a source note's text (its links out of the tab
  // order, which a tooltip never holds: the note number leads to the note itself).
  const fill = element => {
    if (element.matches(NOTES)) {
      const note = document.getElementById(decodeURIComponent(element.hash.slice(1)));
      if (!note) return false;
      const copy = note.cloneNode(true);
      for (const backlink of copy.querySelectorAll(".footnote-backref")) backlink.remove();
      for (const term of copy.querySelectorAll("abbr")) term.replaceWith(term.textContent);
      for (const link of copy.querySelectorAll("a")) link.tabIndex = -1;
      for (const named of copy.querySelectorAll("[id]")) named.removeAttribute("id");
      tooltip.replaceChildren(...copy.childNodes);
    } else {
      if (element.title) {
        element.dataset.peTitle = element.title;
        element.removeAttribute("title");
      }
      tooltip.textContent = element.dataset.peTitle;
    }
    return true;
  };

  const restoreTitle = element => {
    if (element && element.dataset.peTitle !== undefined) {
      element.title = element.dataset.peTitle;
      delete element.dataset.peTitle;
    }
  };

  // The reader has moved away from the term Escape hid the tooltip of: the title can come back.
  const forgetDismissed = () => {
    if (dismissed && dismissed !== host) restoreTitle(dismissed);
    dismissed = null;
  };

  // Under the term (over it when there is more room there), centred on the line the pointer is on
  // (a wrapped term has two), inside the window. Document coordinates: it scrolls with the page.
  const place = () => {
    const lines = [...host.getClientRects()];
    const line = (pointer && lines.find(r => r.left <= pointer.x && pointer.x <= r.right &&
                                             r.top <= pointer.y && pointer.y <= r.bottom)) || lines[0];
    if (!line) return;
    const width = document.documentElement.clientWidth;
    tooltip.style.left = tooltip.style.top = "0px"; // measured where nothing squeezes it
    const { offsetWidth: boxWidth, offsetHeight: boxHeight } = tooltip;
    const left = Math.max(MARGIN_PX, Math.min(line.left + line.width / 2 - boxWidth / 2,
                                              width - MARGIN_PX - boxWidth));
    const header = document.querySelector(".md-header")?.getBoundingClientRect().bottom ?? 0;
    const roomBelow = window.innerHeight - line.bottom;
    const above = roomBelow < boxHeight + GAP_PX + MARGIN_PX && line.top - header > roomBelow;
    const top = above ? line.top - GAP_PX - boxHeight : line.bottom + GAP_PX;
    tooltip.classList.toggle("pe-tooltip--above", above);
    tooltip.style.left = `${left + window.scrollX}px`;
    tooltip.style.top = `${top + window.scrollY}px`;
    // The strip that bridges the gap spans the term's line (at least 24 px, a pointer's target).
    const stripWidth = Math.max(line.width, 24);
    tooltip.style.setProperty("--pe-tooltip-strip-left", `${line.left + line.width / 2 - stripWidth / 2 - left}px`);
    tooltip.style.setProperty("--pe-tooltip-strip-width", `${stripWidth}px`);
  };

  const show = (element, byPointer) => {
    clearTimeout(hideTimer);
    tooltipElement();
    if (element !== host) {
      if (host) hide();
      forgetDismissed();
      if (!fill(element)) return;
      host = element;
      tooltip.hidden = false;
      place();
      host.setAttribute("aria-describedby", tooltip.id);
    }
    // Opened from the keyboard it lets the pointer through until the pointer comes to the term.
    if (byPointer) tooltip.classList.add("pe-tooltip--pointer");
  };

  const hide = () => {
    clearTimeout(hideTimer);
    if (!host) return;
    host.removeAttribute("aria-describedby");
    if (host !== dismissed) restoreTitle(host);
    tooltip.hidden = true;
    tooltip.classList.remove("pe-tooltip--pointer");
    tooltip.replaceChildren();
    host = null;
  };

  const hosting = target => (target instanceof Element ? target.closest(HOSTS) : null);
  const inTooltip = target => !!tooltip && target instanceof Node && tooltip.contains(target);

  document.addEventListener("mouseover", event => {
    const element = hosting(event.target);
    if (dismissed && element !== dismissed) forgetDismissed(); // the pointer has moved away from it
    if (element) {
      pointer = { x: event.clientX, y: event.clientY };
      if (element !== dismissed) show(element, true);
    } else if (inTooltip(event.target)) {
      clearTimeout(hideTimer);
    }
  });

  document.addEventListener("mouseout", event => {
    const from = hosting(event.target) || (inTooltip(event.target) ? tooltip : null);
    const to = hosting(event.relatedTarget) || (inTooltip(event.relatedTarget) ? tooltip : null);
    // Moving within the term or the tooltip, or between the two, is staying.
    if (!from || from === to || (host && [from, to].every(part => part === host || part === tooltip))) return;
    if (from === dismissed) forgetDismissed();
    if (!host || (from !== host && from !== tooltip) || document.activeElement === host) return;
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, GRACE_MS);
  });

  document.addEventListener("focusin", event => {
    const element = event.target instanceof Element && event.target.matches(HOSTS) ? event.target : null;
    if (element) {
      pointer = null;
      if (element === dismissed) dismissed = null; // focused again: shown again
      show(element, false);
    }
  });

  document.addEventListener("focusout", event => {
    if (event.target === dismissed && !dismissed.matches(":hover")) forgetDismissed();
    if (event.target === host && !host.matches(":hover") && !tooltip.matches(":hover")) hide();
  });

  document.addEventListener("keydown", event => {
    // While composing text (Chinese, Vietnamese input methods), Escape cancels the composition only.
    if (event.key !== "Escape" || event.isComposing || !host) return;
    dismissed = host;
    hide();
  });

  // A note number is a link: once followed, the note itself is on the screen.
  document.addEventListener("click", event => {
    const element = hosting(event.target);
    if (element && element === host && element.matches(NOTES)) {
      dismissed = host;
      hide();
    }
  });

  window.addEventListener("resize", () => host && place());
})();
