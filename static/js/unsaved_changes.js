// Leaving a half-filled form asks first: forms marked data-warn-unsaved get a
// beforeunload warning once a field changed, or at once when the form came back with an
// error (what is in it has not been saved). Sending the form is not leaving it.
(function () {
  "use strict";

  document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
    var armed = false;
    var warn = function (event) {
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = "";
      return "";
    };
    var arm = function () {
      if (!armed) {
        window.addEventListener("beforeunload", warn);
        armed = true;
      }
    };
    form.addEventListener("input", arm);
    form.addEventListener("change", arm);
    form.addEventListener("submit", function () {
      window.removeEventListener("beforeunload", warn);
      armed = false;
    });
    if (form.querySelector(".is-invalid") || document.querySelector("[data-error-summary]")) {
      arm();
    }
  });
})();
