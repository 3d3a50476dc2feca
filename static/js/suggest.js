// Suggestions for search boxes with a data-suggest address: fills their <datalist>.
// The search works without this script; it only saves typing.
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest][list]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var last = "";
    if (!list || !window.fetch) return;
    input.addEventListener("input", function () {
      var text = input.value.trim();
      window.clearTimeout(timer);
      if (text.length < 2 || text === last) return;
      timer = window.setTimeout(function () {
        last = text;
        fetch(input.dataset.suggest + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.suggestions.map(function (name) {
              var option = document.createElement("option");
              option.value = name;
              return option;
            }));
          })
          .catch(function () { /* no suggestions, the search still works */ });
      }, 200);
    });
  });
})();

// The catalogue's filters are a "Filter" disclosure on a phone and a side panel on a wide
// screen. Browsers that can show a closed <details>'s content by CSS do so (site.css,
// "Catalogue"); in the others this opens the disclosure on a wide screen.
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(min-width: 48rem)").matches) return;
  if (window.CSS && CSS.supports && CSS.supports("selector(::details-content)")) return;
  document.querySelectorAll("details[data-wide-open]").forEach(function (details) {
    details.open = true;
  });
})();
