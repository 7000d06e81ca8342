/* Record pickers: an ARIA combobox over `[data-record-picker]` widgets.
 *
 * The server renders a text input for the record's id (so the field works without JavaScript)
 * and the chosen record's name. This script moves the id into a hidden input of the same name
 * and turns the text input into a combobox: typing asks `data-source` for at most 20 matching
 * records, shown in a listbox; ArrowDown/ArrowUp move through them, Enter picks, Escape closes
 * the list (or, when it is closed, puts back the chosen record's name). Leaving the box with
 * other text in it keeps the chosen record; emptying it clears the field.
 *
 * The hidden input fires `change` when the box is left with a new record, which is when inline
 * validation should run, not while the user is still typing.
 */
(function () {
  "use strict";

  if (window.clientelaRecordPickers) {
    return;
  }
  window.clientelaRecordPickers = true;

  var DELAY = 150;
  var counter = 0;

  function setUp(root) {
    if (root.dataset.pickerReady) {
      return;
    }
    var input = root.querySelector("input[name]");
    if (!input) {
      return;
    }
    root.dataset.pickerReady = "1";
    counter += 1;

    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = input.name;
    hidden.value = input.value;
    hidden.disabled = input.disabled;
    input.removeAttribute("name");
    input.removeAttribute("inputmode");
    input.after(hidden);
    if (!input.id) {
      input.id = "record-picker-" + counter;
    }

    var chosenLabel = hidden.value ? root.dataset.label || "#" + hidden.value : "";
    input.value = chosenLabel;
    var hint = root.querySelector("[data-picker-hint]");
    if (hint) {
      hint.remove();
    }

    var list = document.createElement("ul");
    list.id = input.id + "-listbox";
    list.className = "record-picker-list list-group position-absolute w-100 shadow-sm";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    root.appendChild(list);

    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    root.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");

    var active = -1;
    var timer = null;
    var latest = 0;
    var valueAtFocus = hidden.value;

    function options() {
      return Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
    }

    function open(visible) {
      list.hidden = !visible;
      input.setAttribute("aria-expanded", visible ? "true" : "false");
      if (!visible) {
        highlight(-1);
      }
    }

    function highlight(index) {
      var all = options();
      active = all.length && index >= 0 ? index % all.length : -1;
      all.forEach(function (option, position) {
        var on = position === active;
        option.classList.toggle("active", on);
        option.setAttribute("aria-selected", on ? "true" : "false");
        if (on) {
          input.setAttribute("aria-activedescendant", option.id);
          option.scrollIntoView({ block: "nearest" });
        }
      });
      if (active < 0) {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(results) {
      list.textContent = "";
      results.forEach(function (result, position) {
        var option = document.createElement("li");
        option.id = list.id + "-" + position;
        option.className = "list-group-item list-group-item-action";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.id = String(result.id);
        option.textContent = result.label;
        list.appendChild(option);
      });
      if (!results.length) {
        var empty = document.createElement("li");
        empty.className = "list-group-item text-body-secondary";
        empty.setAttribute("role", "presentation");
        empty.textContent = root.dataset.noResults || "";
        list.appendChild(empty);
        status.textContent = root.dataset.noResults || "";
      } else {
        status.textContent = (root.dataset.results || "%s").replace("%s", String(results.length));
      }
      open(document.activeElement === input);
    }

    function search() {
      var ticket = ++latest;
      var url = root.dataset.source + "?q=" + encodeURIComponent(input.value.trim());
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (ticket === latest) {
            show(data.results || []);
          }
        })
        .catch(function () {});
    }

    function choose(option) {
      hidden.value = option.dataset.id;
      chosenLabel = option.textContent;
      input.value = chosenLabel;
      open(false);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      if (!input.value.trim()) {
        hidden.value = "";
        chosenLabel = "";
        latest += 1;
        open(false);
        return;
      }
      timer = window.setTimeout(search, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) {
          search();
          return;
        }
        if (all.length) {
          var step = event.key === "ArrowDown" ? 1 : -1;
          highlight(active < 0 ? (step > 0 ? 0 : all.length - 1) : (active + step + all.length));
        }
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          choose(all[active]);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          open(false);
        } else if (input.value !== chosenLabel) {
          event.preventDefault();
          input.value = chosenLabel;
        }
      }
    });

    list.addEventListener("mousedown", function (event) {
      // Keep the focus in the box, so that blur does not close the list before the click.
      event.preventDefault();
      var option = event.target.closest("[role=option]");
      if (option) {
        choose(option);
      }
    });

    // The box's own change event would report typed text, not a chosen record.
    input.addEventListener("change", function (event) {
      event.stopPropagation();
    });

    input.addEventListener("focus", function () {
      valueAtFocus = hidden.value;
    });

    input.addEventListener("blur", function () {
      window.clearTimeout(timer);
      latest += 1;
      open(false);
      if (!input.value.trim()) {
        hidden.value = "";
        chosenLabel = "";
      }
      input.value = chosenLabel;
      if (hidden.value !== valueAtFocus) {
        valueAtFocus = hidden.value;
        hidden.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  function setUpAll(root) {
    var scope = root && root.querySelectorAll ? root : document;
    if (scope.matches && scope.matches("[data-record-picker]")) {
      setUp(scope);
    }
    scope.querySelectorAll("[data-record-picker]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUpAll(document); });
  } else {
    setUpAll(document);
  }
  document.addEventListener("htmx:load", function (event) { setUpAll(event.target); });
})();
