// Ask before destructive actions: a form with data-confirm needs the user's consent to submit.
document.addEventListener("submit", (event) => {
  const message = event.target.dataset && event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// "Select all" boxes: a checkbox with data-check-all="name" ticks or clears the boxes of that name
// in its form, and is cleared when one of them is. The form also works without this script: the
// server reads the box itself as "all shown".
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.form) {
    return;
  }
  if (box.dataset.checkAll) {
    for (const other of box.form.querySelectorAll(`input[name="${box.dataset.checkAll}"]`)) {
      other.checked = box.checked;
    }
    return;
  }
  const master = box.form.querySelector(`input[data-check-all="${box.name}"]`);
  if (master && !box.checked) {
    master.checked = false;
  }
});
