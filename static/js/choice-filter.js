// Long lists and filters that fold away on a phone; every page works without this file.
//
// 1. <details data-open-from="md">: closed in the HTML (a phone sees the results first),
//    opened here on screens from Bootstrap's md breakpoint up.
// 2. <details data-choice-fold>: a long list of checkboxes with a filter field
//    ([data-choice-filter], hidden without JavaScript) that hides the options whose label
//    does not contain what was typed, and a count of what is chosen in the summary.
(function () {
  "use strict";

  var breakpoints = { sm: 576, md: 768, lg: 992, xl: 1200 };

  function openOnWideScreens() {
    document.querySelectorAll("details[data-open-from]").forEach(function (details) {
      var width = breakpoints[details.getAttribute("data-open-from")] || 768;
      if (window.matchMedia("(min-width: " + width + "px)").matches) {
        details.open = true;
      }
    });
  }

  function normalise(text) {
    return text.toLocaleLowerCase("nl").normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim();
  }

  function enhanceChoiceFold(fold) {
    var options = Array.prototype.slice.call(fold.querySelectorAll(".form-check"));
    var filterBox = fold.querySelector("[data-choice-filter]");
    var input = filterBox && filterBox.querySelector("input");
    var count = fold.querySelector("[data-choice-count]");
    var status = fold.querySelector("[data-choice-status]");

    function updateCount() {
      if (!count) {
        return;
      }
      // The names of what is chosen (up to three), else how many.
      var names = Array.prototype.map.call(
        fold.querySelectorAll("input[type=checkbox]:checked"),
        function (box) {
          var label = fold.querySelector("label[for='" + box.id + "']");
          return label ? label.textContent.trim() : "";
        }
      );
      count.textContent = names.length && names.length <= 3
        ? names.join(", ")
        : count.getAttribute("data-template").replace("%s", names.length);
    }

    if (input) {
      filterBox.hidden = false;
      input.addEventListener("input", function () {
        var wanted = normalise(input.value);
        var shown = 0;
        options.forEach(function (option) {
          var match = !wanted || normalise(option.textContent).indexOf(wanted) !== -1;
          option.hidden = !match;
          shown += match ? 1 : 0;
        });
        if (status) {
          status.textContent = status.getAttribute("data-template").replace("%s", shown);
        }
      });
      // Enter in the filter field filters; it does not send the form.
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
        }
      });
    }
    fold.addEventListener("change", updateCount);
    updateCount();
  }

  function start() {
    openOnWideScreens();
    document.querySelectorAll("details[data-choice-fold]").forEach(enhanceChoiceFold);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
