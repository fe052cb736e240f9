// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // A create form's one-time token (landerd_portal.concurrency). Going back to a form
  // after sending it loads the page again, with a fresh token; the browser puts back what
  // the user typed. Sent again unchanged, it carries the first token, so the portal leads
  // to what was saved instead of making a copy. Changed input is a new row, as meant.
  var navigation = window.performance && performance.getEntriesByType
    ? performance.getEntriesByType("navigation")[0]
    : null;
  var cameBack = Boolean(navigation && navigation.type === "back_forward");
  document.querySelectorAll("input[data-form-token]").forEach(function (token) {
    var form = token.form;
    if (!form || !window.sessionStorage || !window.FormData) {
      return;
    }
    var key = "form-token:" + location.pathname + location.search;
    var fingerprint = function () {
      var parts = [];
      new FormData(form).forEach(function (value, name) {
        if (name !== token.name && name !== "csrfmiddlewaretoken" && typeof value === "string") {
          parts.push(name + "=" + value);
        }
      });
      return parts.join("&");
    };
    form.addEventListener("submit", function () {
      var sent = null;
      try {
        sent = JSON.parse(sessionStorage.getItem(key));
      } catch (error) {
        sent = null;
      }
      var input = fingerprint();
      if (cameBack && sent && sent.input === input) {
        token.value = sent.token;
      } else {
        sessionStorage.setItem(key, JSON.stringify({ token: token.value, input: input }));
      }
    });
  });

  // After a failed submit, move focus to the error summary so that keyboard and
  // screen-reader users hear what went wrong first (the GOV.UK / NL Design System pattern).
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  });
})();
