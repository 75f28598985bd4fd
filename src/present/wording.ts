/** Small pieces of Vietnamese wording shared by sentences, captions and headers. */

/** `Hợp nhất` from `hợp nhất`: a label from the schemas at the start of a header or sentence. */
export const capitalize = (s: string): string => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
