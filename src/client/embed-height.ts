/**
 * On the bare chart pages (`/nhung/…`) inside an iframe: tells the page holding the iframe how tall
 * this page's content is, each time it changes (fonts, the chart drawn, a narrower window wrapping
 * the table), so the portal's optional script (`public/nhung.js`) can make the iframe fit.
 * The height is that of the content, not of the document, which is never shorter than the iframe
 * and so could only grow. Nothing is sent outside an iframe.
 */
// The portal's script (public/nhung.js) and the README name this message type too.
const MESSAGE = 'thong-ke:chieu-cao';

const main = document.querySelector('main');
if (main && window.parent !== window) {
  let sent = 0;
  const post = () => {
    const { marginBottom } = getComputedStyle(document.body);
    const height = Math.ceil(main.getBoundingClientRect().bottom + window.scrollY + parseFloat(marginBottom));
    if (height === sent) return;
    sent = height;
    window.parent.postMessage({ type: MESSAGE, height }, '*');
  };
  new ResizeObserver(post).observe(main);
  post();
}
