/*
 * The "Embed these pages" page: choose a page and a language, see it as a clinic's page will show
 * it, and copy the code. The preview runs the very script a clinic pastes (embed.js, from this
 * site), so what you see is what your readers get.
 */
(function () {
  "use strict";

  var builder = document.querySelector("[data-pe-embed-builder]");
  if (!builder) {
    return;
  }
  var pageChoice = document.getElementById("pe-embed-page");
  var languageChoice = document.getElementById("pe-embed-language");
  var code = document.getElementById("pe-embed-code");
  var frameCode = document.getElementById("pe-embed-iframe-code");
  var preview = document.getElementById("pe-embed-preview");

  // The preview only shows what the code produces; keyboard users skip it (the same page is one link
  // away, in full) instead of tabbing through a whole page inside it.
  new MutationObserver(function () {
    Array.prototype.forEach.call(preview.querySelectorAll("iframe"), function (frame) {
      frame.setAttribute("tabindex", "-1");
    });
  }).observe(preview, {childList: true, subtree: true});

  function fill(template) {
    return template.split("{page}").join(pageChoice.value).split("{lang}").join(languageChoice.value);
  }

  function update() {
    code.value = fill(builder.getAttribute("data-script-template"));
    frameCode.value = fill(builder.getAttribute("data-iframe-template"));
    Array.prototype.forEach.call(builder.querySelectorAll("[role=status]"), function (status) {
      status.textContent = "";
    });
    var script = document.createElement("script");
    script.src = builder.getAttribute("data-preview-script");
    script.setAttribute("data-page", pageChoice.value);
    script.setAttribute("data-lang", languageChoice.value);
    script.async = true;
    preview.textContent = "";
    preview.appendChild(script);
  }

  function copy(area, status) {
    function done() {
      status.textContent = builder.getAttribute("data-copied");
    }
    function fallback() {
      area.focus();
      area.select();
      try {
        if (document.execCommand("copy")) {
          done();
        }
      } catch (error) {
        // The code stays selected: the reader can copy it with the keyboard.
      }
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(done, fallback);
    } else {
      fallback();
    }
  }

  builder.addEventListener("click", function (event) {
    var button = event.target.closest("[data-pe-copy]");
    if (button) {
      copy(document.getElementById(button.getAttribute("data-pe-copy")),
           button.parentNode.querySelector("[role=status]"));
    }
  });
  pageChoice.addEventListener("change", update);
  languageChoice.addEventListener("change", update);
  update();
})();
