/*
 * Mammogram Callbacks: show one of our pages inside your web page.
 *
 *   <script src="https://SITE/assets/javascripts/embed.js" data-page="callback" data-lang="es" async></script>
 *
 * The script puts an iframe with the page where the <script> tag is, and keeps the frame exactly as
 * tall as the page's content (the page tells it its height with postMessage), so readers never
 * scroll inside the frame. It loads nothing else, sets no cookie and sends nothing anywhere.
 * Optional: data-title (the frame's name for screen readers until the page tells its own),
 * data-height (the height in pixels before the page has loaded; 600 by default).
 */
(function () {
  "use strict";

  var MESSAGE_TYPE = "pe-embed-height";
  var MAX_HEIGHT = 100000; // px; anything taller is not a page of ours

  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  var page = script.getAttribute("data-page") || "index";
  var language = script.getAttribute("data-lang") || "en";
  // Names only: nothing a snippet says can point the frame at another path or site.
  if (!/^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(page) || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) {
    if (window.console) {
      window.console.error("embed.js: data-page and data-lang name a page and a language, " +
                           "like data-page=\"callback\" data-lang=\"es\"");
    }
    return;
  }
  // The script lives at <site>/assets/javascripts/embed.js; the pages at <site>/embed/<lang>/<page>.html.
  var address = new URL("../../embed/" + language + "/" + page + ".html", script.src);
  var initialHeight = parseInt(script.getAttribute("data-height"), 10);

  var frame = document.createElement("iframe");
  frame.src = address.href;
  frame.title = script.getAttribute("data-title") || "Mammogram Callbacks";
  frame.setAttribute("scrolling", "no");
  frame.style.display = "block";
  frame.style.width = "100%";
  frame.style.border = "0";
  frame.style.overflow = "hidden";
  frame.style.height = (initialHeight > 0 && initialHeight < MAX_HEIGHT ? initialHeight : 600) + "px";

  window.addEventListener("message", function (event) {
    // Only our frame, from our site, and only a message of the expected shape.
    if (event.origin !== address.origin || event.source !== frame.contentWindow) {
      return;
    }
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== MESSAGE_TYPE) {
      return;
    }
    var height = data.height;
    if (typeof height !== "number" || !(height > 0 && height <= MAX_HEIGHT)) {
      return;
    }
    frame.style.height = Math.ceil(height) + "px";
    if (typeof data.title === "string" && data.title.length > 0 && data.title.length <= 300) {
      frame.title = data.title;
    }
  });

  script.parentNode.insertBefore(frame, script);
})();
