/* The header's colour palette toggles, then Material for MkDocs 9.8.1's palette script
   (partials/javascripts/palette.html), unchanged: the reader's chosen colour palette set on
   <body> before the page is painted (overrides/partials/javascripts/palette.html).

   The toggles are the inputs and labels of Material's partials/palette.html, made here from
   the options its form carries (overrides/partials/palette.html: [media, scheme, primary,
   accent, toggle name or null] each), before Material's bundle looks for them: the same
   elements, not written into every page. */
(function () {
  var form = document.querySelector("form[data-grant-palette]");
  if (!form) return;
  var svg = "http://www.w3.org/2000/svg";
  var options = JSON.parse(form.getAttribute("data-grant-palette"));
  options.forEach(function (option, index) {
    var input = document.createElement("input");
    input.className = "md-option";
    ["media", "scheme", "primary", "accent"].forEach(function (key, at) {
      input.setAttribute("data-md-color-" + key, option[at]);
    });
    if (option[4]) input.setAttribute("aria-label", option[4]);
    else input.setAttribute("aria-hidden", "true");
    input.type = "radio";
    input.name = "__palette";
    input.id = "__palette_" + index;
    form.appendChild(input);
    if (!option[4]) return;
    var label = document.createElement("label");
    label.className = "md-header__button md-icon";
    label.title = option[4];
    label.htmlFor = "__palette_" + ((index + 1) % options.length);
    label.hidden = true;
    var icon = document.createElementNS(svg, "svg");
    icon.setAttribute("viewBox", "0 0 24 24");
    icon.setAttribute("aria-hidden", "true");
    var use = document.createElementNS(svg, "use");
    use.setAttribute("href", form.getAttribute("data-grant-icons") + "#palette-" + index);
    icon.appendChild(use);
    label.appendChild(icon);
    form.appendChild(label);
  });
})();
var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media='(prefers-color-scheme: light)']":"[data-md-color-media='(prefers-color-scheme: dark)']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}
