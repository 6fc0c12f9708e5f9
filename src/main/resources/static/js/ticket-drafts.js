// What is typed into a ticket's action forms outlives the page's own reload. The 附件 form is a form of its own
// (multipart, POST /tickets/{id}/attachments, 303 back here): a handler who types the reply and then uploads the
// 答复函, as the page invites, would find the reply gone, for the browser sends only the form whose button was
// tapped and the page comes back new. The server never sees that text, so it cannot keep it as it keeps a form
// posted after the session ended (security.KeptForms): the page keeps it, in this tab's sessionStorage, keyed by
// the signed-in account, the ticket and the form, as it is typed or chosen, with whether the form was open. On load
// it comes back where a field is empty or nothing is chosen (a value the server filled in, a refused form's or a
// kept one's, wins) and its form opens again; sending the form drops it. Nothing leaves the browser. Without this
// script (or storage) the page works as before.
// The account is in the key because sessionStorage outlives a sign-out and the next sign-in in the same tab: on a
// shared office PC, one account's unsent 备注 would otherwise be the next account's, sent under its name. The
// sign-in page and the sign-out form drop every draft besides (js/drafts-forgotten.js).
(function () {
  var page = document.querySelector('main.ticket-page[data-id]');
  var me = document.querySelector('[data-me]');
  if (!page || !me) {
    return;
  }
  var TYPED = 'textarea, input[type="text"], input[type="number"]';
  var CHOSEN = 'select, input[type="radio"]';
  var prefix = 'sanfu.draft.' + me.getAttribute('data-me') + '.' + page.getAttribute('data-id') + '.';

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
      form.querySelectorAll(CHOSEN).forEach(function (field) {
        if (field.name && field.value !== '' && (field.type !== 'radio' || field.checked)) {
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
      form.querySelectorAll(CHOSEN).forEach(function (field) {
        var kept = draft.fields && draft.fields[field.name];
        if (typeof kept !== 'string' || chosen(field)) {
          return;
        }
        if (field.type === 'radio') {
          field.checked = field.value === kept;
        } else if (Array.prototype.some.call(field.options, function (o) { return o.value === kept; })) {
          field.value = kept;
        }
        restored = restored || chosen(field);
      });
      if (details && (draft.open || restored)) {
        details.open = true;
      }
    }
    // whether the server chose something here (a refused form's choice): a radio counts for its whole group
    function chosen(field) {
      if (field.type !== 'radio') {
        return field.value !== '';
      }
      return Array.prototype.some.call(form.querySelectorAll('input[type="radio"]'), function (radio) {
        return radio.name === field.name && radio.checked;
      });
    }

    form.addEventListener('input', save);
    form.addEventListener('change', save);
    form.addEventListener('submit', function () { write(key, null); });
    if (details) {
      details.addEventListener('toggle', save);
    }
  });
})();
