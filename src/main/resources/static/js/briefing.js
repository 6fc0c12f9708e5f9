// The briefing page (/reports/weekly?format=html, /reports/monthly?format=html): 打印 prints it, for a meeting's
// table; the print stylesheet (sanfu.css) leaves out the top bar and the buttons. Without this script the button
// stays hidden, since it could do nothing: the browser's own print still works.
document.querySelectorAll('#printBriefing').forEach(function (button) {
  button.hidden = false;
  button.addEventListener('click', function () {
    window.print();
  });
});
