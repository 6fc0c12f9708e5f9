// The session ends after data-session-seconds without a request (server.servlet.session.timeout), and typing
// into a form is no request. A little before that, the page says so (#sessionWarning .soon) and 继续使用 asks
// GET /session, which is a request; once the time has passed it says what sending a form now does (.ended).
// A page brought back by the back button (pageshow) counts from then, as its session may have been used since.
(function () {
  var who = document.querySelector('[data-session-seconds]');
  var warning = document.getElementById('sessionWarning');
  if (!who || !warning) {
    return;
  }
  var timers = [];

  function show(state) {
    warning.hidden = false;
    warning.classList.toggle('is-ended', state === 'ended');
  }

  function arm() {
    timers.forEach(clearTimeout);
    warning.hidden = true;
    warning.classList.remove('is-ended');
    var seconds = parseInt(who.getAttribute('data-session-seconds'), 10);
    if (!(seconds > 0)) {
      return;
    }
    var before = Math.min(120, Math.floor(seconds / 4));
    warning.querySelector('.minutes').textContent = String(Math.max(1, Math.round(before / 60)));
    timers = [setTimeout(function () { show('soon'); }, (seconds - before) * 1000),
      setTimeout(function () { show('ended'); }, seconds * 1000)];
  }

  document.getElementById('stayedSignedIn').addEventListener('click', function () {
    fetch(who.getAttribute('data-session-ping'), {credentials: 'same-origin', redirect: 'manual'})
      .then(function (answer) {
        if (answer.status === 204) {
          arm();
        } else {
          show('ended');
        }
      }, function () { show('ended'); });
  });
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      arm();
    }
  });
  arm();
})();
