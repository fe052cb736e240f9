// After an htmx reorder swaps the agenda, put the focus back where the user was: on the
// same button of the moved row (or its sibling when the item reached the top or bottom).
// After a minutes change, on whatever had the focus (the next field, the Save button).
(function () {
  "use strict";
  var lastButtonId = null;

  document.addEventListener("htmx:configRequest", function (event) {
    var submitter = event.detail.triggeringEvent && event.detail.triggeringEvent.submitter;
    if (submitter && submitter.name === "direction") {
      lastButtonId = submitter.id;
      // htmx sends the submitter's value as well; make sure the direction is there.
      event.detail.parameters.direction = submitter.value;
    } else if (document.activeElement && document.activeElement.id &&
               document.activeElement.closest("#agenda-builder")) {
      lastButtonId = document.activeElement.id;
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!lastButtonId) {
      return;
    }
    var button = document.getElementById(lastButtonId);
    if (button && button.disabled) {
      button = document.getElementById(button.getAttribute("data-row-focus"));
    }
    if (button) {
      button.focus();
    }
    lastButtonId = null;
  });
})();
