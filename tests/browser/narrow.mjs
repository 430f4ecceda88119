// Checks of a page on a narrow phone for a reader who needs large text, and of its touch targets
// (issue 30). check.mjs calls `narrowCheck` for every page of every site, after its own checks at
// 360×800; scripts/browser-check first runs this file with --self-test, which fails unless each
// check below catches a page made to break it and passes a page that does not.
//
//   node tests/browser/narrow.mjs --chromium /usr/bin/chromium --self-test
//
// On each page, in a fresh 360×800 context:
//   - at the browser's default font size (16 px), every *standalone* link or button (below) is at
//     least 44 px tall, and axe-core finds nothing under the tag `wcag22aa` (WCAG 2.2 AA: the
//     2.5.8 target size among others; check.mjs runs the 2.0/2.1 tags);
//   - with the browser's default font size at 32 px (a phone's 200% text setting, set through
//     the DevTools protocol's Page.setFontSizes before the page loads, so `rem`, `em` and em
//     media queries all follow it), document.documentElement.scrollWidth is at most 360: nothing
//     is wider than the screen (WCAG 1.4.4 Resize text, 1.4.10 Reflow).
//
// A link or button is *standalone* when it is shown (a box of some size, inside the page's
// width; a link in a closed <details> or the skip link parked off-screen is not) and not inside
// a Markdown body (`.prose`, whose inline links are running text), and one of:
//   1. it is a button: <button>, <input type=submit|button>, <summary>, or has class "button";
//   2. it is inside a <nav> (the menu, a table of contents, the pager);
//   3. it is alone on its line: the nearest block around it (the closest ancestor whose display
//      is not inline…/contents) has no other text than the link's own (a paragraph holding only
//      "Xem tiến độ chi tiết", a list item holding only a unit's name);
//   4. it opens a list item: it is the first thing in its nearest block, and that block is an <li>
//      (the title link of a news item, a guide, an event, a search result).
// Anything else — a link inside a sentence, three links in a footer line — is inline text, which
// WCAG's target size rules exempt too.

export const NARROW = { width: 360, height: 800, fontSize: 32, normalFontSize: 16, minTarget: 44 };
const AXE_TAGS_22 = ['wcag22aa'];

/** Runs in the page: every standalone link or button lower than `min` px, with why it counts. */
function smallTargets(min) {
  const inlineish = (d) => d.startsWith('inline') || d === 'contents';
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  const blockOf = (el) => {
    let b = el.parentElement;
    while (b && inlineish(getComputedStyle(b).display)) b = b.parentElement;
    return b;
  };
  const firstThing = (block) => {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) { if (norm(n.textContent)) return n; } else if (n.matches('a[href], button')) return n;
    }
    return null;
  };
  const out = [];
  const width = document.documentElement.clientWidth;
  for (const el of document.querySelectorAll('a[href], button, input[type=submit], input[type=button], summary')) {
    if (el.closest('.prose')) continue;
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    if (r.width < 1 || r.height < 1 || r.right <= 0 || r.left >= width || cs.visibility === 'hidden') continue;
    let why = null;
    if (el.matches('button, input, summary, .button')) why = 'a button';
    else if (el.closest('nav')) why = 'in a menu';
    else {
      const b = blockOf(el);
      if (b && norm(b.textContent) === norm(el.textContent)) why = 'alone on its line';
      else if (b && b.tagName === 'LI') {
        const first = firstThing(b);
        if (first === el || (first && el.contains(first))) why = 'opens a list item';
      }
    }
    if (why && r.height < min - 0.5) {
      out.push({ why, height: Math.round(r.height * 10) / 10, html: el.outerHTML.replace(/\s+/g, ' ').slice(0, 160) });
    }
  }
  return out;
}

/**
 * The narrow-screen and touch-target checks of one page of check.mjs's list (`page.site.port`,
 * `page.site.mount`, `page.rel`); returns its failures in check.mjs's shape. With
 * `page.narrowShot`, also a full-page screenshot at 32 px text there.
 */
export async function narrowCheck(browser, axeSource, page) {
  const site = page.site;
  const origin = `http://127.0.0.1:${site.port}`;
  const url = origin + site.mount + page.rel;
  const failures = [];
  const context = await browser.newContext({
    viewport: { width: NARROW.width, height: NARROW.height }, deviceScaleFactor: 1, locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block',
  });
  try {
    await context.route('**/*', (route) => {
      const u = route.request().url();
      return u.startsWith(origin + '/') || u.startsWith('data:') ? route.continue() : route.abort('blockedbyclient');
    });
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Page.enable');
    const load = async (size) => {
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: size, fixed: size } });
      await tab.goto(url, { waitUntil: 'load', timeout: 120000 }); // only a hang fails, even at load 10
      await tab.evaluate(() => document.fonts.ready.then(() => undefined));
    };

    await load(NARROW.normalFontSize);
    for (const t of await tab.evaluate(smallTargets, NARROW.minTarget)) {
      failures.push({
        check: 'touch', rule: 'standalone target under 44px',
        detail: `${t.height}px tall, ${t.why}: ${t.html}`,
      });
    }
    await tab.evaluate(axeSource);
    const axe = await tab.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      AXE_TAGS_22,
    );
    for (const v of axe.violations) {
      for (const n of v.nodes) {
        failures.push({
          check: 'axe', rule: `${v.id} (${v.impact}, wcag22aa)`,
          detail: `${v.help}; element ${n.target.join(' ')}: ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`,
        });
      }
    }

    await load(NARROW.fontSize);
    const rootPx = await tab.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    if (rootPx !== NARROW.fontSize) {
      failures.push({ check: 'large-text', rule: 'font size not applied', detail: `the root's font size is ${rootPx}px, not ${NARROW.fontSize}px` });
    }
    const width = await tab.evaluate(() => document.documentElement.scrollWidth);
    if (width > NARROW.width) {
      const widest = await tab.evaluate((w) => {
        let best = null;
        for (const el of document.body.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.right > w && (!best || r.right > best.right)) best = { right: Math.round(r.right), html: el.outerHTML.replace(/\s+/g, ' ').slice(0, 120) };
        }
        return best;
      }, NARROW.width);
      failures.push({
        check: 'large-text', rule: 'wider than the screen at 200% text',
        detail: `the page is ${width}px wide at ${NARROW.width}px with 32px text${widest ? `; widest: ${widest.html} (to ${widest.right}px)` : ''}`,
      });
    }
    page.narrowWidth = width;
    if (page.narrowShot) await tab.screenshot({ path: page.narrowShot, fullPage: true });
  } finally {
    await context.close();
  }
  return failures;
}

// --- self-test -------------------------------------------------------------------------------
async function selfTest(chromiumPath) {
  const { createRequire } = await import('node:module');
  const { createServer } = await import('node:http');
  const fs = await import('node:fs');
  const require = createRequire(import.meta.url);
  const { chromium } = require('playwright-core');
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const head = '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Thử</title>' +
    '<style>body{margin:0;padding:0 8px;font-family:sans-serif;font-size:1rem}' +
    '.ok a{display:inline-block;min-height:44px}</style></head><body><main>';
  const pages = {
    // Fits at 16px text (12rem = 192px) but not at 32px (384px); a lone link 16px text tall;
    // two tiny buttons side by side, which WCAG 2.2's target size (2.5.8) fails.
    'hong/': head + '<h1>Trang hỏng</h1><div style="width:12rem">Khung rộng 12rem.</div>' +
      '<p><a href="#a">Xem thêm</a></p>' +
      '<div><button type="button" style="width:10px;height:10px;padding:0;border:0">1</button>' +
      '<button type="button" style="width:10px;height:10px;padding:0;border:0">2</button></div></main></body></html>',
    // The same, done right: a box in %, a lone link 44px tall, a link inside a sentence.
    'tot/': head + '<h1>Trang tốt</h1><div style="width:100%">Khung rộng theo màn hình.</div>' +
      '<p class="ok"><a href="#a">Xem thêm</a></p><p>Một câu có <a href="#b">liên kết</a> ở giữa.</p></main></body></html>',
  };
  const server = createServer((req, res) => {
    const body = pages[req.url.replace(/^\//, '')];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body || '');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const site = { port: server.address().port, mount: '/' };
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'], headless: true });
  try {
    const bad = await narrowCheck(browser, axeSource, { site, rel: 'hong/' });
    const good = await narrowCheck(browser, axeSource, { site, rel: 'tot/' });
    const want = [
      ['large-text', 'wider than the screen'], ['touch', 'standalone target'], ['axe', 'target-size'],
    ];
    const missed = want.filter(([c, r]) => !bad.some((f) => f.check === c && f.rule.startsWith(r)));
    if (missed.length || good.length) {
      for (const f of bad) console.log(`  hong/: ${f.check}: ${f.rule}: ${f.detail}`);
      for (const f of good) console.log(`  tot/: ${f.check}: ${f.rule}: ${f.detail}`);
      console.log(`narrow self-test FAILED: missed ${missed.map((m) => m.join(' ')).join(', ') || 'nothing'}; ${good.length} failure(s) on the good page`);
      return false;
    }
    console.log(`== narrow self-test passed: ${want.map((w) => w[1]).join(', ')} each fail a page made to fail them; the good page passes`);
    return true;
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const chromiumPath = args.includes('--chromium') ? args[args.indexOf('--chromium') + 1] : '/usr/bin/chromium';
  if (!args.includes('--self-test')) {
    console.error('narrow.mjs: run by check.mjs; alone it only takes --self-test [--chromium PATH]');
    process.exit(2);
  }
  process.exit((await selfTest(chromiumPath)) ? 0 : 1);
}
