// Paying a fund from my space (quarters, years of arrears): the total of the items chosen, kept up to date as boxes
// are ticked (integer centimes, shown as the server shows them: 1 500,00); nothing chosen, the form says so instead
// of sending. Without JavaScript, the server computes the amount anyway (it never trusts the form's total).
(function () {
  "use strict";
  var form = document.querySelector(".pay-items-form");
  if (!form) { return; }
  var total = form.querySelector(".pay-items-amount");
  var none = form.querySelector(".pay-items-none");
  var boxes = form.querySelectorAll("input[name=item]");
  var shown = function (centimes) {
    var units = String(Math.floor(centimes / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
    return units + "," + String(centimes % 100).padStart(2, "0");
  };
  var update = function () {
    var sum = 0;
    boxes.forEach(function (box) { if (box.checked) { sum += parseInt(box.dataset.amount, 10); } });
    total.textContent = shown(sum);
    return sum;
  };
  boxes.forEach(function (box) { box.addEventListener("change", function () { none.classList.add("d-none"); update(); }); });
  form.addEventListener("submit", function (event) {
    if (update() === 0) { event.preventDefault(); none.classList.remove("d-none"); }
  });
}());
