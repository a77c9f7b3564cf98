// When the user last scrolled anything: the VM list holds its refresh while scrolling goes on, because parsing a
// thousand VMs takes the page's one thread for a noticeable moment. idleFor stays finite: JSON has no Infinity.
window.hotsetScroll = {
  last: null,
  idleFor: () => window.hotsetScroll.last === null ? 1e9 : performance.now() - window.hotsetScroll.last,
};
document.addEventListener('scroll', () => { window.hotsetScroll.last = performance.now(); }, { capture: true, passive: true });
