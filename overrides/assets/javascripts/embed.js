/*
 * Mammogram Callbacks: show one of our pages inside your web page.
 *
 *   <script src="https://SITE/assets/javascripts/embed.js" data-page="callback" data-lang="es" async></script>
 *
 * The script puts an iframe with the page where the <script> tag is, and keeps the frame exactly as
 * tall as the page's content (the page tells it its height with postMessage), so readers never
 * scroll inside the frame. It loads nothing else, sets no cookie and sends nothing anywhere.
 * Optional: data-title (the frame's name for screen readers until the page tells its own),
 * data-height (the height in pixels before the page has loaded; 600 by default), data-skip-text and
 * data-open-text (the two links below, until the page tells them in its language).
 *
 * Around the frame: a link that lets keyboard users skip past it (it shows when it has the focus),
 * and, if the page never tells its height (a host that forbids framing, an origin not allowed to
 * frame it, a blocked script), a frame that scrolls, a link to open the page, and a message in the
 * browser's console that says why. A source-note link inside the page brings the note into view.
 */
(function () {
  "use strict";

  var MESSAGE_TYPE = "pe-embed-height";
  var SCROLL_TYPE = "pe-embed-scroll";
  var MAX_HEIGHT = 100000; // px; anything taller is not a page of ours
  // How long after the frame has loaded (or, if it never loads, after it is added) the page must
  // have told its height; then the frame scrolls instead and a link opens the page.
  var FALLBACK_AFTER = 4000; // ms
  var NEVER_LOADED_AFTER = 15000; // ms

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

  // A way past the frame for keyboard users: the first stop, shown only while it has the focus.
  var skip = document.createElement("a");
  var after = document.createElement("span");
  after.id = "pe-embed-after-" + Math.random().toString(36).slice(2, 10);
  after.tabIndex = -1;
  skip.href = "#" + after.id;
  skip.textContent = script.getAttribute("data-skip-text") || "Skip past the embedded page";
  hideUntilFocused(skip);
  skip.addEventListener("click", function (event) {
    event.preventDefault();
    after.focus();
  });

  var heard = false;
  var fallbackTimer = null;

  function fallBack(why) {
    if (heard || frame.getAttribute("scrolling") === "yes") {
      return;
    }
    // The page cannot fit the frame: let readers scroll inside it, and offer the page itself.
    frame.setAttribute("scrolling", "yes");
    frame.style.overflow = "auto";
    var open = document.createElement("p");
    var link = document.createElement("a");
    link.href = address.href;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = script.getAttribute("data-open-text") || "Open this page in a new tab";
    open.appendChild(link);
    frame.parentNode.insertBefore(open, frame.nextSibling);
    if (window.console) {
      window.console.warn(
        "embed.js: " + address.href + " " + why + ", so the frame cannot fit the page: it scrolls " +
        "instead, with a link to the page below it. Usually the site does not allow this page (" +
        window.location.origin + ") to frame it: its Content-Security-Policy frame-ancestors must " +
        "list this origin (CLINICS.md, 'Who may frame the embed pages'); or a script blocker stopped " +
        "the page's script."
      );
    }
  }

  window.addEventListener("message", function (event) {
    // Only our frame, from our site, and only a message of an expected shape.
    if (event.origin !== address.origin || event.source !== frame.contentWindow) {
      return;
    }
    var data = event.data;
    if (!data || typeof data !== "object") {
      return;
    }
    if (data.type === MESSAGE_TYPE) {
      fit(data);
    } else if (data.type === SCROLL_TYPE) {
      bringIntoView(data.top);
    }
  });

  function fit(data) {
    var height = data.height;
    if (typeof height !== "number" || !(height > 0 && height <= MAX_HEIGHT)) {
      return;
    }
    heard = true;
    frame.style.height = Math.ceil(height) + "px";
    if (typeof data.title === "string" && data.title.length > 0 && data.title.length <= 300) {
      frame.title = data.title;
    }
    // The page's own words for the skip link, in its language (unless the snippet set them).
    if (!script.getAttribute("data-skip-text") && typeof data.skip === "string" &&
        data.skip.length > 0 && data.skip.length <= 200) {
      skip.textContent = data.skip;
    }
  }

  function bringIntoView(top) {
    // A link to a source note was followed inside the frame: the frame is as tall as its page and
    // never scrolls, so bring that place of the page into view here.
    if (typeof top !== "number" || !(top >= 0 && top <= MAX_HEIGHT)) {
      return;
    }
    var frameTop = frame.getBoundingClientRect().top + window.pageYOffset;
    window.scrollTo({ top: Math.max(0, frameTop + top - 16), behavior: "auto" });
  }

  function hideUntilFocused(element) {
    // Clipped to nothing where it stands, not display:none (it stays in the tab order) and not moved
    // off screen (in a right-to-left page, a link far to the left widens the page).
    var hidden = { position: "absolute", width: "1px", height: "1px", overflow: "hidden",
                   clipPath: "inset(50%)", whiteSpace: "nowrap", margin: "-1px" };
    var shown = { position: "static", width: "auto", height: "auto", overflow: "visible",
                  clipPath: "none", whiteSpace: "normal", margin: "0" };
    function apply(styles) {
      Object.keys(styles).forEach(function (name) { element.style[name] = styles[name]; });
    }
    apply(hidden);
    element.addEventListener("focus", function () { apply(shown); });
    element.addEventListener("blur", function () { apply(hidden); });
  }

  frame.addEventListener("load", function () {
    if (fallbackTimer !== null) {
      window.clearTimeout(fallbackTimer);
    }
    fallbackTimer = window.setTimeout(function () {
      fallBack("loaded but told no height in " + FALLBACK_AFTER / 1000 + " s");
    }, FALLBACK_AFTER);
  });
  fallbackTimer = window.setTimeout(function () {
    fallBack("did not load in " + NEVER_LOADED_AFTER / 1000 + " s");
  }, NEVER_LOADED_AFTER);

  script.parentNode.insertBefore(skip, script);
  script.parentNode.insertBefore(frame, script);
  script.parentNode.insertBefore(after, script);
})();
