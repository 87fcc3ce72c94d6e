// The what-if tool: typing in the shares column switches the mode to shares, and the votes column to votes.
document.addEventListener("input", function (event) {
  var target = event.target;
  if (!target || !target.dataset || !target.dataset.mode) { return; }
  var form = target.form;
  if (!form) { return; }
  var radio = form.querySelector('input[name="mode"][value="' + target.dataset.mode + '"]');
  if (radio && !radio.checked) { radio.checked = true; }
}, true);
