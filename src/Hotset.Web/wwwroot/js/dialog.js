// Keeps the keyboard inside an open modal dialog: Tab and Shift+Tab cycle through its controls, focus that escapes
// (a click on the backdrop) comes back, and closing returns focus to the control that opened the dialog.

// The opener is the last control focused outside any dialog: a dialog may move the focus into itself before it is
// set up here.
let lastOutside = null;
document.addEventListener('focusin', e => {
  if (!e.target.closest('[aria-modal="true"]')) lastOutside = e.target;
});

window.hotsetDialog = {
  open(dialog) {
    const opener = dialog.contains(document.activeElement) ? lastOutside : document.activeElement;
    const controls = () => [...dialog.querySelectorAll(
      'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')]
      .filter(e => !e.disabled && e.getClientRects().length > 0);
    const onKeyDown = e => {
      if (e.key !== 'Tab') return;
      const items = controls();
      const inside = dialog.contains(document.activeElement);
      if (items.length === 0) {
        e.preventDefault();
        dialog.focus();
      } else if (e.shiftKey && (!inside || document.activeElement === items[0] || document.activeElement === dialog)) {
        e.preventDefault();
        items[items.length - 1].focus();
      } else if (!e.shiftKey && (!inside || document.activeElement === items[items.length - 1])) {
        e.preventDefault();
        items[0].focus();
      }
    };
    const onFocusIn = e => {
      if (!dialog.contains(e.target)) (controls()[0] ?? dialog).focus();
    };
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusin', onFocusIn);
    if (!dialog.contains(document.activeElement)) (controls()[0] ?? dialog).focus();
    return {
      close() {
        document.removeEventListener('keydown', onKeyDown, true);
        document.removeEventListener('focusin', onFocusIn);
        if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      },
    };
  },
};
