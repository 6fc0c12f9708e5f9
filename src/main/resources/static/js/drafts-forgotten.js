// What was typed into a ticket's forms and not sent (js/ticket-drafts.js, sessionStorage `sanfu.draft.*`) is the
// signed-in account's, and this tab's storage outlives a sign-out, a timed-out session and the next sign-in: on a
// shared office PC the next account would find it. So it goes when the account signs out (the 退出 form) and when
// the sign-in page loads, whichever way one came there. The drafts' keys name the account as well, in case a draft
// outlives both (this script not run).
(function () {
  var PREFIX = 'sanfu.draft.';

  function forget() {
    try {
      for (var i = sessionStorage.length - 1; i >= 0; i--) {
        var key = sessionStorage.key(i);
        if (key && key.indexOf(PREFIX) === 0) {
          sessionStorage.removeItem(key);
        }
      }
    } catch (unavailable) {
      // no storage: nothing was kept
    }
  }

  var signOut = document.getElementById('signOut');
  if (signOut) {
    signOut.addEventListener('submit', forget);
  }
  if (document.querySelector('main.login')) {
    forget();
  }
})();
