/**
 * A table wider than its box scrolls sideways (a phone, a 200 % zoom, /cap-uy/'s thirteen
 * columns). A mouse or a finger can scroll it; a keyboard cannot, unless the box takes focus:
 * while it overflows it is a named region in the Tab order (the arrow keys then scroll it), and
 * leaves the order again when the window grows. Without JavaScript the table still scrolls by
 * mouse and touch.
 */
function update(wrap: HTMLElement) {
  const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
  if (scrolls && !wrap.hasAttribute('tabindex')) {
    wrap.tabIndex = 0;
    wrap.setAttribute('role', 'region');
    const caption = wrap.querySelector('caption')?.textContent?.trim();
    wrap.setAttribute('aria-label', caption ? `${caption} (cuộn ngang)` : 'Bảng số liệu (cuộn ngang)');
  } else if (!scrolls && wrap.hasAttribute('tabindex')) {
    wrap.removeAttribute('tabindex');
    wrap.removeAttribute('role');
    wrap.removeAttribute('aria-label');
  }
}

// The box narrows with the window; the table widens as the web font arrives.
const observer = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const wrap = entry.target.closest<HTMLElement>('.table-wrap');
    if (wrap) update(wrap);
  }
});
for (const wrap of document.querySelectorAll<HTMLElement>('.table-wrap')) {
  observer.observe(wrap);
  const table = wrap.querySelector('table');
  if (table) observer.observe(table);
}
