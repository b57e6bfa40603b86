// Progressive enhancement for every page (works without it): on a narrow screen the header's tools
// and main menu fold behind one "Menu" button, so the page title is in view on a phone.
(function () {
  "use strict";
  var toggle = document.querySelector(".portal-menu-toggle");
  if (!toggle) return;
  var header = toggle.closest(".portal-header");
  var narrow = window.matchMedia("(width < 48em)");

  function apply(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("portal-header--collapsed", !open);
  }

  toggle.hidden = false;
  apply(!narrow.matches);
  toggle.addEventListener("click", function () {
    apply(toggle.getAttribute("aria-expanded") !== "true");
  });
  narrow.addEventListener("change", function (event) {
    apply(!event.matches);
  });
  // Escape closes the open menu on a narrow screen and returns focus to the button.
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && narrow.matches && toggle.getAttribute("aria-expanded") === "true") {
      apply(false);
      toggle.focus();
    }
  });
})();

// After a failed submit, focus moves to the error summary, so keyboard and screen reader users start
// at the list of what to fix (each item links to its field).
(function () {
  "use strict";
  var summary = document.querySelector(".portal-error-summary");
  if (summary) summary.focus();
})();
