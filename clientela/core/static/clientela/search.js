/* Live suggestions under the navigation search box (#global-search).
 *
 * The box asks the server for the suggestion fragment through htmx while the user types;
 * arrow keys move through the suggestions, Enter opens the chosen one, Escape closes the list.
 * Without JavaScript the box is a plain form that opens the full results page. The "/" shortcut
 * that focuses the box lives in clientela.js.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var suggestUrl = (script && script.dataset.suggestUrl) || "/search/suggest/";

  function setUp() {
    var input = document.getElementById("global-search");
    if (!input || input.dataset.suggestReady) {
      return;
    }
    input.dataset.suggestReady = "1";

    var box = document.createElement("div");
    box.id = "global-search-suggestions";
    box.className = "position-absolute top-100 start-0 mt-1 z-3";
    box.style.minWidth = "22rem";
    box.hidden = true;
    var form = input.form || input.parentElement;
    form.classList.add("position-relative");
    form.appendChild(box);

    input.setAttribute("autocomplete", "off");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", box.id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("hx-get", suggestUrl);
    input.setAttribute("hx-trigger", "input changed delay:200ms, search");
    input.setAttribute("hx-target", "#" + box.id);
    input.setAttribute("hx-swap", "innerHTML");
    input.setAttribute("hx-sync", "this:replace");
    if (window.htmx) {
      window.htmx.process(input);
    }

    var active = -1;

    function items() {
      return Array.prototype.slice.call(box.querySelectorAll("[data-search-suggestion]"));
    }

    function show(visible) {
      box.hidden = !visible;
      input.setAttribute("aria-expanded", visible ? "true" : "false");
    }

    function highlight(index) {
      var all = items();
      active = all.length ? (index + all.length) % all.length : -1;
      all.forEach(function (item, position) {
        var on = position === active;
        item.classList.toggle("active", on);
        item.setAttribute("aria-selected", on ? "true" : "false");
        if (on) {
          item.id = item.id || "global-search-option-" + position;
          input.setAttribute("aria-activedescendant", item.id);
        }
      });
      if (active < 0) {
        input.removeAttribute("aria-activedescendant");
      }
    }

    box.addEventListener("htmx:afterSwap", function () {
      active = -1;
      show(box.innerHTML.trim() !== "" && document.activeElement === input);
    });

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (box.hidden || !items().length) {
          return;
        }
        event.preventDefault();
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && !box.hidden && active >= 0) {
        event.preventDefault();
        window.location.assign(items()[active].getAttribute("href"));
      } else if (event.key === "Escape") {
        show(false);
        highlight(-1);
      }
    });

    input.addEventListener("focus", function () {
      if (box.innerHTML.trim() !== "" && input.value.trim() !== "") {
        show(true);
      }
    });

    // A click on a suggestion lands before the box hides: hide on the next turn only.
    input.addEventListener("blur", function () {
      window.setTimeout(function () {
        if (!box.contains(document.activeElement)) {
          show(false);
        }
      }, 150);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
