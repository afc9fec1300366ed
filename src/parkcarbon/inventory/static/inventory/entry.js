// Fast entry of activity lines (no inline script: the page's data comes from a JSON block).
// Choosing an activity sets its unit (any unit of the same quantity may still be typed) and shows only the measured
// parameters and method fields of that activity, marking those required; forms with data-confirm ask first.
(function () {
  function hintsOf(form) {
    var el = document.getElementById("entry-hints");
    return el ? JSON.parse(el.textContent) : {};
  }

  function fieldOf(input) { return input.closest(".field") || input.parentNode; }

  function show(field, shown) { field.style.display = shown ? "" : "none"; }

  function apply(form, setUnit) {
    var select = form.querySelector("[data-entry=activity]");
    if (!select) return;
    var hint = hintsOf(form)[select.value] || null;
    var unit = form.querySelector("[data-entry=unit]");
    if (hint && unit && setUnit) unit.value = hint.unit;
    form.querySelectorAll("[data-param]").forEach(function (input) {
      var name = input.getAttribute("data-param");
      var shown = !!hint && hint.params.indexOf(name) >= 0;
      var required = shown && hint.required.indexOf(name) >= 0;
      var field = fieldOf(input);
      show(field, shown);
      field.classList.toggle("param-required", required);
      input.required = required;
      var unitInput = form.querySelector('[data-param-unit="' + name + '"]');
      if (!unitInput) return;
      var ratio = shown && hint.ratio.indexOf(name) >= 0;
      show(fieldOf(unitInput), shown && !ratio);  // a ratio has no unit to type
      if (shown && (setUnit || !unitInput.value)) unitInput.value = hint.units[name] || "";
    });
    form.querySelectorAll("[data-extra]").forEach(function (input) {  // the method's own fields (refrigerant, days ...)
      var name = input.getAttribute("data-extra");
      var shown = !!hint && hint.extras.indexOf(name) >= 0;
      var required = shown && hint.extras_required.indexOf(name) >= 0;
      var field = fieldOf(input);
      show(field, shown);
      field.classList.toggle("param-required", required);
      input.required = required;
    });
  }

  function init(root) {
    root.querySelectorAll("form").forEach(function (form) {
      var select = form.querySelector("[data-entry=activity]");
      if (!select || form.dataset.entryReady) return;
      form.dataset.entryReady = "1";
      apply(form, !form.querySelector("[data-entry=unit]").value);
      select.addEventListener("change", function () { apply(form, true); });
    });
  }

  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  }, true);
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
})();
