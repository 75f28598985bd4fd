/* global window, document -- a plain script for the portal's pages, run in the browser as it is */
/*
 * Optional, for the portal's pages that embed charts of the statistics site in iframes: each
 * embedded chart page says how tall its content is (a "thong-ke:chieu-cao" message) and this script
 * sets that iframe's height, so it never scrolls or leaves a gap. Add it once to the portal page:
 *   <script src="https://<statistics site>/nhung.js" defer></script>
 * or paste its content into the portal's own scripts. Only the iframe that sent the message changes.
 */
(function () {
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'thong-ke:chieu-cao' || typeof data.height !== 'number') return;
    var height = Math.min(Math.max(Math.ceil(data.height), 100), 10000);
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i += 1) {
      if (frames[i].contentWindow === event.source) frames[i].style.height = height + 'px';
    }
  });
})();
