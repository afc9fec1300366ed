// Page behaviour that would otherwise be inline handlers (forbidden by the Content-Security-Policy).
//   <form data-confirm="Question?">   asks before submitting
//   <select data-autosubmit>          submits its form when changed
document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) {
    el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
  }
});
// Administrative division cascade (parks/widgets/division.html): choosing a province or city reloads the next
// select's options from the JSON list at data-division-url and empties the selects below it.
//   <select data-division-url="/park/divisions/" data-division-next="id_of_next_select">
document.addEventListener("change", function (event) {
  var el = event.target;
  if (!el.hasAttribute || !el.hasAttribute("data-division-url")) return;
  var next = document.getElementById(el.getAttribute("data-division-next") || "");
  if (!next) return;
  var clear = function (select) {
    while (select) {
      select.length = 1;
      select.hidden = true;
      select = document.getElementById(select.getAttribute("data-division-next") || "");
    }
  };
  clear(next);
  if (!el.value) return;
  fetch(el.getAttribute("data-division-url") + "?parent=" + encodeURIComponent(el.value), {credentials: "same-origin"})
    .then(function (response) { return response.ok ? response.json() : {divisions: []}; })
    .then(function (data) {
      data.divisions.forEach(function (item) { next.add(new Option(item[1], item[0])); });
      next.hidden = data.divisions.length === 0;
    });
});
