// The 交办 and 改派 forms: the department chosen to lead cannot also be a co-department (the server refuses
// it, 主办部门不能同时作为协办部门), so its box is unticked and greyed out while it is the lead, and says why.
// A box ticked before its department was chosen to lead is ticked again when the lead moves on: the person chose it
// as a co-department, and choosing the lead for a moment must not drop it unseen. Only a box this script unticked
// (untickedForLead); one the person never ticked stays as it is.
document.querySelectorAll('form[data-action]').forEach(function (form) {
  var lead = form.querySelector('select[name="leadDepartment"]');
  if (!lead) {
    return;
  }
  var untickedForLead = {};
  function leadIsNoCoDepartment() {
    form.querySelectorAll('input[name="coDepartments"]').forEach(function (box) {
      var isLead = box.value === lead.value;
      if (isLead && box.checked) {
        box.checked = false;
        untickedForLead[box.value] = true;
      } else if (!isLead && untickedForLead[box.value]) {
        box.checked = true;
        delete untickedForLead[box.value];
      }
      box.disabled = isLead;
      box.closest('label').classList.toggle('is-lead', isLead);
      box.closest('label').title = isLead ? '已选为主办部门' : '';
    });
  }
  lead.addEventListener('change', leadIsNoCoDepartment);
  leadIsNoCoDepartment();
});

// The steps at the top of the page (#mainActions) link to their forms' details: opened before the browser goes there, so
// the form, not just its summary, is what the thumb lands on (without script the summary is in sight, a tap away).
document.querySelectorAll('#mainActions a[href^="#"]').forEach(function (link) {
  link.addEventListener('click', function () {
    var target = document.getElementById(link.getAttribute('href').slice(1));
    if (target && target.tagName === 'DETAILS') {
      target.open = true;
    }
  });
});
