// The visit form: Enter in the enterprise search looks the words up, as 查找企业 does, rather than saving the
// visit (the form's default button). Without JavaScript, 查找企业 is clicked.
document.getElementById('enterpriseWords')?.addEventListener('keydown', function (event) {
  if (event.key === 'Enter' && !event.isComposing) {
    event.preventDefault();
    document.getElementById('findEnterprise').click();
  }
});
