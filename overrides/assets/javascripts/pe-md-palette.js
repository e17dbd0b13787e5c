// Two parts. First, Material for MkDocs 9.8.1 (MIT licence), partials/javascripts/palette.html: its inline
// script, moved to a file because the site's Content-Security-Policy allows no inline script. Re-copy when
// upgrading Material. Then the site's own palette switch (below it). Runs where Material's script ran:
// in the header, right after the palette's form (overrides/partials/header.html).
var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media='(prefers-color-scheme: light)']":"[data-md-color-media='(prefers-color-scheme: dark)']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}

// The site's own palette switch, in place of Material's palette component: the form is taken out of
// its hands below (its bundle mounts only elements marked data-md-component). When its bundle
// started, Material set the palette again with every transition switched off and back on around it,
// which restyled the whole page twice: a long task on a phone (Lighthouse: about 50 ms of total
// blocking time), and on a first visit a dark-mode reader saw the page light until then. Here it is
// set while the page is still being read in (this script comes right after the form): the stored
// palette (above), else the one whose media query matches, which follows the system's setting until
// the reader picks one. The toggle shows the other palette's button; a pick is stored as Material
// stores it (same key and shape). A palette list with Material's automatic "(prefers-color-scheme)"
// entry stays with Material.
(() => {
  const form = document.querySelector('form[data-md-component="palette"]');
  const inputs = form ? [...form.querySelectorAll('input[name="__palette"]')] : [];
  if (!inputs.length || inputs.some(input => input.dataset.mdColorMedia === "(prefers-color-scheme)")) return;
  form.removeAttribute("data-md-component");

  const colourScheme = document.createElement("meta"); // the window's own parts (scrollbars) match
  colourScheme.name = "color-scheme";
  const themeColour = document.createElement("meta"); // a phone browser's bar, the header's colour
  themeColour.name = "theme-color";
  document.head.append(colourScheme, themeColour);

  const colours = input => ({ media: input.dataset.mdColorMedia, scheme: input.dataset.mdColorScheme,
                              primary: input.dataset.mdColorPrimary, accent: input.dataset.mdColorAccent });
  const matching = () => Math.max(0, inputs.findIndex(input => matchMedia(input.dataset.mdColorMedia).matches));
  const stored = () => {
    const palette = __md_get("__palette");
    return palette && inputs[palette.index] ? palette.index : -1;
  };
  // Read once the page has been drawn, when asking for a style costs no restyle.
  const readHeaderColour = () => {
    const header = document.querySelector(".md-header");
    const rgb = header && getComputedStyle(header).backgroundColor.match(/\d+/g);
    if (rgb) themeColour.content = "#" + rgb.slice(0, 3).map(v => (+v).toString(16).padStart(2, "0")).join("");
  };

  const apply = index => {
    const input = inputs[index];
    for (const [key, value] of Object.entries(colours(input))) document.body.setAttribute(`data-md-color-${key}`, value);
    inputs.forEach((each, i) => {
      const label = each.nextElementSibling;
      if (label instanceof HTMLElement) label.hidden = i !== index;
    });
    input.checked = true;
    colourScheme.content = input.dataset.mdColorScheme === "slate" ? "dark" : "light"; // Material's dark scheme
  };

  apply(stored() >= 0 ? stored() : matching());
  addEventListener("load", () => setTimeout(readHeaderColour), { once: true });

  // A pick: without transitions (Material's own attribute for it), so nothing fades between schemes.
  form.addEventListener("change", event => {
    const index = inputs.indexOf(event.target);
    if (index < 0) return;
    document.body.setAttribute("data-md-color-switching", "");
    apply(index);
    __md_set("__palette", { index, color: colours(inputs[index]) });
    setTimeout(() => {
      document.body.removeAttribute("data-md-color-switching");
      readHeaderColour();
    });
  });
  for (const input of inputs) {
    matchMedia(input.dataset.mdColorMedia).addEventListener("change", () => {
      if (stored() < 0) apply(matching());
    });
  }
})();
