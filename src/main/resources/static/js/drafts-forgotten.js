// What was typed into a ticket's forms and not sent (js/ticket-drafts.js, sessionStorage `sanfu.draft.*`) is the
// signed-in account's, and this tab's storage outlives a sign-out, a timed-out session and the next sign-in: on a
// shared office PC the next account would find it. So every draft goes when the account signs out (the 退出 form),
// and the first page of a sign-in drops every other account's, whichever way one came there. The sign-in page itself
// drops none: who signs in is known only after it, and a person whose session timed out signs in again to find the
// forms they had not sent (the one they sent is kept by the server, security.KeptForms). The drafts' keys name the
// account as well, so another account's never fills a form, even before this script runs.
(function () {
  var PREFIX = 'sanfu.draft.';

  // sanfu.draft.<username>.<ticket id>.<action>: a username may hold dots, a ticket id and an action hold none
  function owner(key) {
    var action = key.lastIndexOf('.');
    var ticket = key.lastIndexOf('.', action - 1);
    return ticket < PREFIX.length ? null : key.slice(PREFIX.length, ticket);
  }

  // every draft but those of this account (none kept when it is null)
  function forget(kept) {
    try {
      for (var i = sessionStorage.length - 1; i >= 0; i--) {
        var key = sessionStorage.key(i);
        if (key && key.indexOf(PREFIX) === 0 && (kept === null || owner(key) !== kept)) {
          sessionStorage.removeItem(key);
        }
      }
    } catch (unavailable) {
      // no storage: nothing was kept
    }
  }

  var signOut = document.getElementById('signOut');
  if (signOut) {
    signOut.addEventListener('submit', function () { forget(null); });
  }
  var me = document.querySelector('[data-me]');
  if (me && me.getAttribute('data-me')) {
    forget(me.getAttribute('data-me'));
  }
})();
