// Behaviour that would otherwise be inline (the Content-Security-Policy allows no inline script):
// a form with data-confirm asks before it posts.
(function () {
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
})();

// A text area with a limit shows how much of it is used, as the person types.
(function () {
  document.querySelectorAll('[data-counter-for][data-template]').forEach(function (counter) {
    var field = document.getElementById(counter.dataset.counterFor);
    if (!field || !field.maxLength || field.maxLength < 0) {
      return;
    }
    var show = function () {
      counter.textContent = counter.dataset.template.replace('{0}', field.value.length).replace('{1}', field.maxLength);
    };
    field.addEventListener('input', show);
    show();
  });
})();
