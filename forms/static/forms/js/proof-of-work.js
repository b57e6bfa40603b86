// Starts the ALTCHA proof of work of the report and follow-up forms as soon as the page is read, so
// it is done (or nearly) when the person sends the form. ALTCHA's external build brings no workers
// of its own (they would come from blob: URLs, which the CSP refuses): register ours, served from
// our own origin, then start every widget. A form sent while the puzzle is still being solved is
// held until it is solved (or has failed: then the server's no-JavaScript wait applies). Without
// JavaScript none of this runs and the form's signed wait token is used instead (forms/pow.py).
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
    var form = widget.closest("form");
    if (form) {
      form.addEventListener(
        "submit",
        function (event) {
          if (widget.getState() !== "verifying") {
            return;
          }
          event.preventDefault();
          var submitter = event.submitter;
          var resend = function (changed) {
            var state = changed.detail && changed.detail.state;
            if (state === "verified" || state === "error") {
              widget.removeEventListener("statechange", resend);
              form.requestSubmit(submitter);
            }
          };
          widget.addEventListener("statechange", resend);
        },
        true
      );
    }
    widget.verify();
  });
})();
