// The visit form: Enter in the enterprise search looks the words up, as 查找企业 does, rather than saving the
// visit (the form's default button, which is what Enter does there without JavaScript). Not the Enter that
// confirms a word of an input method: Safari reports it with keyCode 229 and isComposing false.
document.getElementById('enterpriseWords')?.addEventListener('keydown', function (event) {
  if (event.key === 'Enter' && !event.isComposing && event.keyCode !== 229) {
    event.preventDefault();
    document.getElementById('findEnterprise').click();
  }
});
