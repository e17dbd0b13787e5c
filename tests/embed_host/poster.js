/* Test helper: a third origin posts well-formed but fake heights to the page around it. */
var sent = 0;
var timer = setInterval(function () {
  window.parent.postMessage({ type: "pe-embed-height", height: 7, title: "fake" }, "*");
  sent += 1;
  if (sent >= 40) {
    clearInterval(timer);
  }
}, 50);
