/**
 * The search page (`/tim-kiem/`). Pagefind's index is written into the site in parts
 * (`pagefind/0/`, `pagefind/1/` …, see src/build/search-index.ts), listed by the form: the first
 * is loaded and the others merged into it. It is loaded from the site itself, so search works
 * offline and under a BASE_PATH. Results are built with DOM methods (textContent), never
 * innerHTML: unit names come from data files. Without JavaScript the form opens the unit index.
 */
interface PagefindResult {
  data(): Promise<{ url: string; meta: Record<string, string | undefined> }>;
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string, options: Record<string, unknown>): Promise<void>;
  debouncedSearch(
    query: string,
    options?: object,
    wait?: number,
  ): Promise<{ results: PagefindResult[] } | null>;
  search(query: string, options?: object): Promise<{ results: PagefindResult[] }>;
}

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
const form = document.querySelector<HTMLFormElement>('form[data-search]');
const input = document.querySelector<HTMLInputElement>('#tu-khoa');
const status = document.querySelector<HTMLElement>('#trang-thai');
const list = document.querySelector<HTMLOListElement>('#ket-qua');
const more = document.querySelector<HTMLButtonElement>('#xem-them');
/** Results shown at a time: each costs a request for its title and line. */
const PAGE = 30;
const [first, ...others] = (form?.dataset['parts'] ?? '').split(' ').map(Number);

let loading: Promise<Pagefind> | undefined;
const pagefind = (): Promise<Pagefind> => {
  loading ??= (async () => {
    const module = (await import(/* @vite-ignore */ `${base}pagefind/${first}/pagefind.js`)) as Pagefind;
    await module.options({ baseUrl: base });
    await module.init();
    // Merged side by side; a part that fails to load costs its own results, not the search.
    await Promise.all(
      others.map((part) =>
        module
          .mergeIndex(`${base}pagefind/${part}/`, { baseUrl: base })
          .catch((error: unknown) =>
            console.error(`Tìm kiếm: không tải được phần ${part} của chỉ mục`, error),
          ),
      ),
    );
    return module;
  })();
  return loading;
};

function resultItem(page: { url: string; meta: Record<string, string | undefined> }): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = page.url;
  link.textContent = page.meta['title'] ?? page.url;
  item.append(link);
  const about = page.meta['mo_ta'];
  if (about) {
    const note = document.createElement('span');
    note.className = 'muted';
    note.textContent = ` — ${about.replace(/\s+/g, ' ').trim()}`;
    item.append(note);
  }
  return item;
}

/** The current search's results, and how many of them are on the page. */
let found: PagefindResult[] = [];
let latest = 0;

function describe(text: string): void {
  if (!status || !more) return;
  const shown = list?.childElementCount ?? 0;
  const total = found.length;
  status.textContent =
    total === 0
      ? `Không tìm thấy đơn vị nào có tên khớp với “${text}”.`
      : shown < total
        ? `Tìm thấy ${total} đơn vị; đang hiển thị ${shown} đơn vị đầu tiên.`
        : `Tìm thấy ${total} đơn vị.`;
  const next = Math.min(PAGE, total - shown);
  more.hidden = next <= 0;
  more.textContent = `Xem thêm ${next} đơn vị`;
}

/** Appends the next page of results; returns the first new item (focus goes there after "more"). */
async function showMore(turn: number, text: string): Promise<HTMLLIElement | undefined> {
  if (!list) return undefined;
  const from = list.childElementCount;
  const pages = await Promise.all(found.slice(from, from + PAGE).map((r) => r.data()));
  if (turn !== latest) return undefined; // a newer search replaced these results meanwhile
  const items = pages.map(resultItem);
  list.append(...items);
  describe(text);
  return items[0];
}

async function run(query: string): Promise<void> {
  if (!status || !list) return;
  const turn = ++latest;
  const text = query.trim();
  if (text === '') {
    found = [];
    list.replaceChildren();
    status.textContent = '';
    if (more) more.hidden = true;
    return;
  }
  status.textContent = 'Đang tìm …';
  let results: PagefindResult[];
  try {
    // Today's units first, then those that ended (merged, dissolved), each in Pagefind's order:
    // the status filter is the search record's (src/present/search.ts).
    const index = await pagefind();
    const today = await index.debouncedSearch(text, { filters: { tinh_trang: 'hien-nay' } }, 200);
    if (today === null) return; // a newer keystroke superseded this search
    const ended = await index.search(text, { filters: { tinh_trang: 'da-ket-thuc' } });
    if (turn !== latest) return; // a newer search started while this one asked for ended units
    results = [...today.results, ...ended.results];
  } catch (error) {
    console.error('Tìm kiếm: không tải được chỉ mục', error);
    status.textContent = 'Không tải được chỉ mục tìm kiếm. Hãy dùng danh sách tất cả đơn vị ở dưới.';
    return;
  }
  found = results;
  list.replaceChildren();
  await showMore(turn, text);
}

if (form && input) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(input.value);
  });
  input.addEventListener('input', () => void run(input.value));
  more?.addEventListener('click', () => {
    void showMore(latest, input.value.trim()).then((item) => item?.querySelector('a')?.focus());
  });
  const initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    void run(initial);
  }
}
