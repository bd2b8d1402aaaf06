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
