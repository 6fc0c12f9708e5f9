// The feedback link just issued (POST /tickets/{id}/feedback-link): this page is the only one that shows it, and
// on a phone a long link is hard to select while a tap on it opens it and leaves the page. 复制链接 copies it for
// a text message or a chat, and says whether it did. Without this script the button stays hidden and the hint
// says to long-press the link.
document.querySelectorAll('#copyLink').forEach(function (button) {
  var link = button.getAttribute('data-link');
  var copied = document.getElementById('copied');
  var failed = document.getElementById('copyFailed');
  document.getElementById('copyActions').hidden = false;
  document.getElementById('copyHint').hidden = true;

  function say(done) {
    copied.hidden = !done;
    failed.hidden = done;
  }

  // older phone browsers, and pages not served over https, have no navigator.clipboard: copy a selection instead
  function bySelection() {
    var field = document.createElement('textarea');
    field.value = link;
    field.setAttribute('readonly', '');
    field.className = 'visually-hidden';
    document.body.appendChild(field);
    field.select();
    var done = false;
    try {
      done = document.execCommand('copy');
    } catch (e) {
      done = false;
    }
    document.body.removeChild(field);
    return done;
  }

  button.addEventListener('click', function () {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(link).then(function () { say(true); }, function () { say(bySelection()); });
    } else {
      say(bySelection());
    }
  });
});
