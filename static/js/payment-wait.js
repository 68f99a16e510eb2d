// The payment's return page, while the platform waits for the bank: ask its state every few seconds and reload the
// page once it is final (without JavaScript, the page's own refresh does the same).
(function () {
  "use strict";
  var page = document.querySelector("[data-state-url]");
  if (!page || !page.dataset.stateUrl || !window.fetch) { return; }
  var poll = function () {
    fetch(page.dataset.stateUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (answer) { return answer.json(); })
      .then(function (state) { if (state.final) { window.location.reload(); } else { setTimeout(poll, 2000); } })
      .catch(function () { setTimeout(poll, 5000); });
  };
  setTimeout(poll, 1500);
}());
