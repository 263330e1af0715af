/*
 * Injected into the forum tab when the user captures it (never before): reads the rendered page
 * and returns it. The value of the last expression is what chrome.scripting.executeScript hands
 * back. Reads only; sends nothing anywhere.
 */
(() => {
  const main = document.querySelector('main, [role="main"]') || document.body;
  return {
    url: location.href,
    title: document.title,
    // innerText: the text as laid out, one line per block, hidden elements left out.
    text: main.innerText,
    html: document.documentElement.outerHTML,
    capturedAt: new Date().toISOString(),
  };
})();
