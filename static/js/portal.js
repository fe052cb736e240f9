// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // After a failed submit, move focus to the error summary so that keyboard and
  // screen-reader users hear what went wrong first (the GOV.UK / NL Design System pattern).
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  });
})();
