// Starts the ALTCHA proof of work of the report and follow-up forms as soon as the page is read, so
// it is done (or nearly) when the person sends the form. ALTCHA's external build brings no workers
// of its own (they would come from blob: URLs, which the CSP refuses): register ours, served from
// our own origin, then start every widget. Without JavaScript none of this runs and the form's
// signed wait token is used instead (forms/pow.py).
(function () {
  "use strict";
  var widgets = document.querySelectorAll("altcha-widget[data-worker]");
  if (!widgets.length || !globalThis.$altcha) {
    return;
  }
  var workerUrl = widgets[0].getAttribute("data-worker");
  globalThis.$altcha.algorithms.set("SHA-256", function () {
    return new Worker(workerUrl);
  });
  widgets.forEach(function (widget) {
    if (typeof widget.verify === "function") {
      widget.verify();
    }
  });
})();
