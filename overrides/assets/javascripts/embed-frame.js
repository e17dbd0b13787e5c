/*
 * Runs in every embedded page (embed/<lang>/<page>.html): tells the page around the frame how tall
 * the content is, when it loads and whenever it changes (window resized, a term's definition
 * opened), so that assets/javascripts/embed.js can fit the frame to it. The message holds the
 * height and the page's title, nothing else.
 *
 * data-parent-origins (a branded build): the only sites the height is told to; otherwise any.
 * data-skip-text: the words of the link that lets keyboard users skip past the frame, in the page's
 * language (embed.js shows them). A link to a place in the page (a source note) tells the page
 * around where that place is, since the frame itself never scrolls.
 */
(function () {
  "use strict";

  if (window.parent === window) {
    return; // opened on its own, not in a frame
  }
  var script = document.currentScript;
  var allowed = ((script && script.getAttribute("data-parent-origins")) || "").split(/\s+/).filter(Boolean);
  var skipText = (script && script.getAttribute("data-skip-text")) || "";
  var root = document.documentElement;

  function parentOrigin() {
    if (window.location.ancestorOrigins && window.location.ancestorOrigins.length > 0) {
      return window.location.ancestorOrigins[0];
    }
    try {
      return new URL(document.referrer).origin;
    } catch (error) {
      return null;
    }
  }

  // Tell only an allowed parent: the one we can see, or else each allowed site in turn.
  var targets = ["*"];
  if (allowed.length > 0) {
    var parent = parentOrigin();
    targets = parent ? allowed.filter(function (origin) { return origin === parent; }) : allowed;
  }

  function post() {
    // The <html> box is as tall as the content, whatever the frame's own height is.
    tell({
      type: "pe-embed-height",
      height: Math.ceil(root.getBoundingClientRect().height),
      title: document.title,
      skip: skipText
    });
  }

  function tell(message) {
    targets.forEach(function (origin) {
      window.parent.postMessage(message, origin);
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (!link) {
      return;
    }
    var place = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (place) {
      tell({ type: "pe-embed-scroll", top: Math.max(0, Math.round(place.getBoundingClientRect().top + window.pageYOffset)) });
    }
  });

  if (window.ResizeObserver) {
    new window.ResizeObserver(post).observe(root);
  }
  window.addEventListener("load", post);
  // Also when only the frame changed: if the page around set a wrong height, it gets the right one.
  window.addEventListener("resize", post);
  post();
})();
