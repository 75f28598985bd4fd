/**
 * Progressive enhancement of the timeline on `/sap-xep/`: shows the filter form the page
 * ships hidden and hides events whose kind or status is unticked, or that do not concern the
 * chosen unit of today. Without JavaScript the form stays hidden and every event is listed.
 */
const form = document.querySelector<HTMLFormElement>('form[data-event-filter]');

function ticked(name: string): Set<string> {
  if (!form) return new Set();
  const boxes = form.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][name="${name}"]`);
  return new Set([...boxes].filter((box) => box.checked).map((box) => box.value));
}

function apply(): void {
  if (!form) return;
  const kinds = ticked('kind');
  const statuses = ticked('status');
  const unit = form.querySelector<HTMLSelectElement>('select[name="unit"]')?.value ?? '';
  const items = document.querySelectorAll<HTMLElement>('li[data-kind]');
  let shown = 0;
  for (const item of items) {
    const match =
      kinds.has(item.dataset['kind'] ?? '') &&
      statuses.has(item.dataset['status'] ?? '') &&
      (unit === '' || (item.dataset['today'] ?? '').split(' ').includes(unit));
    item.hidden = !match;
    if (match) shown += 1;
  }
  // A year, day or decision with nothing left to show would leave a bare heading; a chosen unit
  // opens the groups it is in, so its events are seen without opening each one.
  for (const group of document.querySelectorAll<HTMLElement>('[data-event-group]')) {
    group.hidden = group.querySelector('li[data-kind]:not([hidden])') === null;
    if (unit !== '' && !group.hidden && group instanceof HTMLDetailsElement) group.open = true;
  }
  const counter = form.querySelector<HTMLElement>('[data-event-count]');
  if (counter) {
    const number = new Intl.NumberFormat('vi-VN');
    counter.textContent =
      shown === items.length
        ? `Đang hiển thị tất cả ${number.format(items.length)} sự kiện.`
        : `Đang hiển thị ${number.format(shown)} trong ${number.format(items.length)} sự kiện.`;
  }
}

if (form) {
  form.hidden = false;
  form.addEventListener('change', apply);
  // The form never submits: filtering happens in place.
  form.addEventListener('submit', (event) => event.preventDefault());
  apply();
}
