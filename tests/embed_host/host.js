/* Test helper for a clinic's page (tests/browser/test_embed.py): records every message this page receives
   and every height the page's iframes are given, so a test can tell what embed.js accepted. */
window.__peMessages = [];
window.__peHeights = [];
window.addEventListener("message", function (event) {
  window.__peMessages.push({ origin: event.origin, data: event.data });
});
new MutationObserver(function (records) {
  records.forEach(function (record) {
    if (record.target.tagName === "IFRAME") {
      window.__peHeights.push(record.target.style.height);
    }
  });
}).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ["style"] });
