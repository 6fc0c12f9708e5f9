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
// sign-out form drops every draft besides, and a sign-in every other account's (js/drafts-forgotten.js).
// A group of checkboxes (交办's and 改派's 协办部门) is kept as the list of its ticked values, none included, and comes
// back unless the server filled the form in (data-sent: a refused or kept form, whose ticks win, none too): a returned
// ticket's co-departments, ticked when its 交办 form first shows, are a default the kept ticks replace. A disabled box
// (the lead's own, js/ticket-forms.js) is never ticked back, and a select put back is announced (change) so that
// ticket-forms.js greys out the box of the lead it names.
(function () {
  var page = document.querySelector('main.ticket-page[data-id]');
  var me = document.querySelector('[data-me]');
  if (!page || !me) {
    return;
  }
  var TYPED = 'textarea, input[type="text"], input[type="number"]';
  var CHOSEN = 'select, input[type="radio"]';
  // the co-departments only: a box added to an action form later (a "send" box) is never ticked again from a draft
  var TICKED = 'input[type="checkbox"][name="coDepartments"]';
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
      form.querySelectorAll(TICKED).forEach(function (box) {
        if (!box.name) {
          return;
        }
        var ticked = fields[box.name] = Array.isArray(fields[box.name]) ? fields[box.name] : [];
        if (box.checked) {
          ticked.push(box.value);
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
          field.dispatchEvent(new Event('change', {bubbles: true}));
        }
        restored = restored || chosen(field);
      });
      var sent = form.hasAttribute('data-sent');
      form.querySelectorAll(TICKED).forEach(function (box) {
        var kept = draft.fields && draft.fields[box.name];
        if (sent || !Array.isArray(kept) || box.disabled) {
          return;
        }
        box.checked = kept.indexOf(box.value) >= 0;
        restored = restored || box.checked;
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
