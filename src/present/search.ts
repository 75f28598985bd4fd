/**
 * Search (Pagefind) ignores accents by itself (`Bình` ~ `binh`), but `đ`/`Đ` is a letter of its own,
 * not `d` plus a mark, so `dong` would not find `Đông`. Unit pages therefore give the indexer their
 * name once more without any diacritics: `Đảng bộ phường Đông` → `Dang bo phuong Dong`.
 */
export const withoutDiacritics = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
