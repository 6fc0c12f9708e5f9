// The session ends after data-session-seconds without a request (server.servlet.session.timeout), and typing
// into a form is no request. A little before that, the page says so (#sessionWarning .soon) and 继续使用 asks
// GET /session, which is a request; once the time has passed it says what sending a form now does (.ended).
// Every signed-in page of this browser notes when it made its request (localStorage), so a page left open
// counts from the latest one, another tab's included, and hears of newer ones (the storage event). A page
// brought back by the back button (pageshow) made no request: it looks again at the latest one.
(function () {
  var who = document.querySelector('[data-session-seconds]');
  var warning = document.getElementById('sessionWarning');
  if (!who || !warning) {
    return;
  }
  var KEY = 'sanfu.session.lastRequest';
  var loaded = Date.now();
  var timers = [];

  function lastRequest() {
    try {
      return Math.max(loaded, parseInt(localStorage.getItem(KEY), 10) || 0);
    } catch (unavailable) {
      return loaded;
    }
  }

  function requested() {
    loaded = Date.now();
    try {
      localStorage.setItem(KEY, String(loaded));
    } catch (unavailable) {
      // private mode without storage: this page counts on its own
    }
  }

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
    var left = lastRequest() + seconds * 1000 - Date.now();
    timers = [setTimeout(function () { show('soon'); }, Math.max(0, left - before * 1000)),
      setTimeout(function () { show('ended'); }, Math.max(0, left))];
  }

  document.getElementById('stayedSignedIn').addEventListener('click', function () {
    fetch(who.getAttribute('data-session-ping'), {credentials: 'same-origin', redirect: 'manual'})
      .then(function (answer) {
        if (answer.status === 204) {
          requested();
          arm();
        } else {
          show('ended');
        }
      }, function () { show('ended'); });
  });
  window.addEventListener('storage', function (event) {
    if (event.key === KEY) {
      arm();
    }
  });
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      arm();
    }
  });
  requested();
  arm();
})();
