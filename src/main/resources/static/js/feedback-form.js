// The enterprise's feedback page (/f/{token}): on a slow phone a tap on 提交评价 shows nothing for seconds, so
// people tap again; the second post then finds the link spent and its answer (您已评价过) replaces the thanks
// that says what happens next. The form is sent once: the button says it is on its way and takes no more taps.
// Without this script the form works as before.
document.querySelectorAll('#feedbackForm').forEach(function (form) {
  var sent = false;
  var button = form.querySelector('button[type="submit"]');
  var label = button.textContent;
  form.addEventListener('submit', function (event) {
    if (sent) {
      event.preventDefault();
      return;
    }
    sent = true;
    button.disabled = true;
    button.textContent = '正在提交，请稍候…';
  });
  // back to this page from the browser's memory (the send failed, no network): it may be sent again
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      sent = false;
      button.disabled = false;
      button.textContent = label;
    }
  });
});
