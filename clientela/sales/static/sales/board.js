/* The pipeline board: drag a card (or use its "Move to" menu) to move the opportunity.
 *
 * Each move posts the stage and the card's version to the page's move endpoint. On success the
 * card keeps its new place, takes the new version and the column counts and totals are
 * refreshed; a refused move puts the card back where it was and shows the reason. */
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board || typeof Sortable === "undefined") { return; }
  var script = document.currentScript || document.querySelector("script[data-failed]");
  var failedMessage = script ? script.dataset.failed : "";

  function csrfToken() {
    return board.dataset.csrf || "";
  }

  function moveUrl(card) {
    return board.dataset.moveUrl.replace("/0/", "/" + card.dataset.id + "/");
  }

  function toast(message) {
    var template = document.getElementById("board-toast-template");
    var element = template.content.firstElementChild.cloneNode(true);
    element.querySelector(".toast-body").textContent = message;
    document.getElementById("board-toasts").appendChild(element);
    element.addEventListener("hidden.bs.toast", function () { element.remove(); });
    new bootstrap.Toast(element, { delay: 8000 }).show();
  }

  function refreshColumns(columns) {
    Object.keys(columns).forEach(function (stage) {
      var column = board.querySelector(".board-column[data-stage='" + stage + "']");
      if (!column) { return; }
      column.querySelector(".board-count").textContent = columns[stage].count;
      column.querySelector(".board-total").textContent = columns[stage].total;
      column.querySelector(".board-total-base").textContent = columns[stage].base_total;
    });
  }

  // One "Move to" menu for the whole board, filled into a card's dropdown as it opens: every
  // stage but the card's own column.
  board.addEventListener("show.bs.dropdown", function (event) {
    var card = event.target.closest(".board-card");
    if (!card) { return; }
    var template = document.getElementById("board-move-template");
    var form = template.content.firstElementChild.cloneNode(true);
    var stage = card.parentNode.dataset.stage;
    form.querySelectorAll("button[name=stage]").forEach(function (button) {
      button.hidden = button.value === stage;
    });
    event.target.parentNode.querySelector(".dropdown-menu").replaceChildren(form);
  });

  function move(card, stage, putBack) {
    var body = new FormData();
    body.append("stage", stage);
    body.append("version", card.dataset.version);
    body.append("board_query", board.dataset.boardQuery || "");
    card.setAttribute("aria-busy", "true");
    fetch(moveUrl(card), {
      method: "POST",
      body: body,
      headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, data: data };
      });
    }).then(function (result) {
      card.removeAttribute("aria-busy");
      if (!result.ok) {
        putBack();
        toast(result.data.detail || failedMessage);
        return;
      }
      card.dataset.version = result.data.version;
      refreshColumns(result.data.columns);
    }).catch(function () {
      card.removeAttribute("aria-busy");
      putBack();
      toast(failedMessage);
    });
  }

  function placeBack(card, from, nextSibling) {
    return function () { from.insertBefore(card, nextSibling); };
  }

  board.querySelectorAll(".board-cards").forEach(function (list) {
    Sortable.create(list, {
      group: "board",
      animation: 150,
      draggable: ".board-card",
      filter: ".dropdown, .board-more",
      preventOnFilter: false,
      onEnd: function (event) {
        if (event.from === event.to) { return; }
        var card = event.item;
        var origin = event.from.children[event.oldIndex] || null;
        if (origin === card) { origin = null; }
        move(card, event.to.dataset.stage, placeBack(card, event.from, origin));
      }
    });
  });

  board.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("board-move-form") || !event.submitter) { return; }
    event.preventDefault();
    var card = form.closest(".board-card");
    var stage = event.submitter.value;
    var target = board.querySelector(".board-cards[data-stage='" + stage + "']");
    var from = card.parentNode;
    var next = card.nextSibling;
    bootstrap.Dropdown.getOrCreateInstance(
      form.closest(".dropdown").querySelector(".board-move-toggle")).hide();
    if (target) { target.insertBefore(card, target.firstChild); }
    move(card, stage, placeBack(card, from, next));
    card.querySelector(".board-card-name").focus();
  });
})();
