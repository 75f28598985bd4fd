import MarkdownIt from 'markdown-it';

// Raw HTML off: editors' text is published on an official portal and must never carry script.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const SAFE_LINK = /^(https?:|mailto:|\/|#|\.{0,2}\/)/i;
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

export const renderMarkdown = (text: string): string => md.render(text);
