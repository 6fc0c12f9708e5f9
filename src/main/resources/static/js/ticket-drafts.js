// What is typed into a ticket's action forms outlives the page's own reload. The 附件 form is a form of its own
// (multipart, POST /tickets/{id}/attachments, 303 back here): a handler who types the reply and then uploads the
// 答复函, as the page invites, would find the reply gone, for the browser sends only the form whose button was
// tapped and the page comes back new. The server never sees that text, so it cannot keep it as it keeps a form
// posted after the session ended (security.KeptForms): the page keeps it, in this tab's sessionStorage, keyed by
// the ticket and the form, as it is typed, with whether the form was open. On load it comes back where a field is
// empty (a value the server filled in, a refused form's or a kept one's, wins) and its form opens again; sending
// the form drops it. Nothing leaves the browser. Without this script (or storage) the page works as before.
(function () {
  var page = document.querySelector('main.ticket-page[data-id]');
  if (!page) {
    return;
  }
  var TYPED = 'textarea, input[type="text"], input[type="number"]';
  var prefix = 'sanfu.draft.' + page.getAttribute('data-id') + '.';

  function read(key) {
    try {
      return JSON.parse(sessionStorage.getItem(key)) || null;
    } catch (unavailable) {
      return null;
    }
  }

  function write(key, draft) {
    try {
      if (draft) {
        sessionStorage.setItem(key, JSON.stringify(draft));
      } else {
        sessionStorage.removeItem(key);
      }
    } catch (unavailable) {
      // no storage (a private window, full): the form works, its text is not kept
    }
  }

  document.querySelectorAll('form[data-action]').forEach(function (form) {
    var key = prefix + form.getAttribute('data-action');
    var details = form.closest('details');

    function save() {
      var fields = {};
      var typed = false;
      form.querySelectorAll(TYPED).forEach(function (field) {
        if (field.name && field.value !== '') {
          fields[field.name] = field.value;
          typed = true;
        }
      });
      var open = !!(details && details.open);
      write(key, typed || open ? {fields: fields, open: open} : null);
    }

    var draft = read(key);
    if (draft) {
      var restored = false;
      form.querySelectorAll(TYPED).forEach(function (field) {
        var kept = draft.fields && draft.fields[field.name];
        if (typeof kept === 'string' && field.value === '') {
          field.value = kept;
          restored = true;
        }
      });
      if (details && (draft.open || restored)) {
        details.open = true;
      }
    }
    form.addEventListener('input', save);
    form.addEventListener('submit', function () { write(key, null); });
    if (details) {
      details.addEventListener('toggle', save);
    }
  });
})();
