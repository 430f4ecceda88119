// `bangtin build --offline` opened from a disk, as an officer double-clicks index.html or a kiosk
// PC opens it from a USB stick (issue 34): Chromium on file://, no server at all.
//   - the home page loads with its style sheet, and following its first guide link opens the
//     guide's page (not a folder listing), which links back home by a file too;
//   - on the search page, a guide's title typed without diacritics lists that guide first, and
//     its result link opens the guide; on a site whose index is split into parts, the parts load
//     as scripts from the disk;
//   - nothing fails to load and no script error is thrown on any page opened.
//
//   node tests/browser/offline.mjs --chromium /usr/bin/chromium --site OFFLINE_OUTPUT_DIR [--site …]
// Prints one line per site; exits 1 on a failure.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

function args() {
  const a = { chromium: '/usr/bin/chromium', sites: [] };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--chromium') a.chromium = argv[++i];
    else if (k === '--site') a.sites.push(path.resolve(argv[++i]));
    else throw new Error(`unknown argument ${k}`);
  }
  if (!a.sites.length) throw new Error('--site OFFLINE_OUTPUT_DIR is required');
  return a;
}

function fold(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** A tab that records what failed to load and every script error. */
async function tab(context, problems) {
  const page = await context.newPage();
  page.on('requestfailed', (r) => problems.push(`${r.url()} failed to load: ${r.failure()?.errorText}`));
  page.on('pageerror', (e) => problems.push(`script error on ${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  return page;
}

/** What makes a page a page of the site rather than a folder listing or an error. */
async function landed(page, what, problems) {
  const url = page.url();
  const h1 = await page.locator('h1').first().textContent({ timeout: 5000 }).catch(() => null);
  const styled = await page.evaluate(() => document.styleSheets.length > 0 && [...document.styleSheets].some((s) => { try { return s.cssRules.length > 0; } catch { return true; } }));
  if (!url.startsWith('file://') || !url.endsWith('.html')) problems.push(`${what}: opened ${url}, not a page's file`);
  if (!h1) problems.push(`${what}: ${url} has no heading (a folder listing?)`);
  if (!styled) problems.push(`${what}: ${url} has no style sheet`);
  return h1;
}

async function check(browser, out) {
  const problems = [];
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const home = pathToFileURL(path.join(out, 'index.html')).href;

  // Home, then the first guide it links.
  const page = await tab(context, problems);
  await page.goto(home, { waitUntil: 'load' });
  await landed(page, 'home', problems);
  const guide = page.locator('a[href^="huong-dan/"]:not([href="huong-dan/index.html"])').first();
  const guideTitle = (await guide.textContent()).trim();
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), guide.click()]);
  const h1 = await landed(page, `the guide “${guideTitle}”`, problems);
  if (!/\/huong-dan\/[^/]+\/index\.html$/.test(page.url())) problems.push(`the guide link opened ${page.url()}`);
  // And back home through the site's own navigation.
  const back = page.locator('a[href$="../index.html"]').first();
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), back.click()]);
  if (page.url() !== home) problems.push(`the link home from the guide opened ${page.url()}, not ${home}`);

  // The search page from the disk: the guide's title typed without diacritics.
  const search = await tab(context, problems);
  await search.goto(pathToFileURL(path.join(out, 'tim-kiem/index.html')).href, { waitUntil: 'load' });
  const wanted = h1 ? h1.trim() : guideTitle;
  await search.locator('#q').pressSequentially(fold(wanted), { delay: 30 });
  const first = await search
    .waitForFunction(() => document.querySelector('#ket-qua li a')?.textContent || null, null, { timeout: 30000, polling: 50 })
    .then((h) => h.jsonValue())
    .catch(async () => `(none; the page says: ${await search.locator('#trang-thai').textContent()})`);
  if (first !== wanted) problems.push(`search: typed “${fold(wanted)}”, the first result is “${first}”, not “${wanted}”`);
  let parts = 0;
  if (first === wanted) {
    parts = await search.evaluate(() => [...document.scripts].filter((s) => /chi-muc\/.+\.js/.test(s.src)).length);
    const result = search.locator('#ket-qua li a').first();
    await Promise.all([search.waitForNavigation({ waitUntil: 'load' }), result.click()]);
    await landed(search, 'the first search result', problems);
  }
  await context.close();
  return { problems, guideTitle, first, parts };
}

async function main() {
  const a = args();
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: a.chromium, args: ['--no-sandbox'] });
  let failed = 0;
  try {
    for (const out of a.sites) {
      if (!fs.existsSync(path.join(out, 'index.html'))) throw new Error(`${out} has no index.html`);
      const r = await check(browser, out);
      console.log(`offline: ${out}: home → “${r.guideTitle}” → home; search “${fold(r.first || '')}” → first result opened; ` +
        `${r.parts} index parts loaded from the disk`);
      for (const p of r.problems) console.log(`offline: FAIL ${out}: ${p}`);
      failed += r.problems.length;
    }
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
