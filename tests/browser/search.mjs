// The search page of a large site as a resident on a phone meets it (issue 31): Chromium at
// 360×800 on the "Slow 4G" profile of Chromium's DevTools (562.5 ms of latency, 1.44 Mbit/s
// down), a fresh cache, `/tim-kiem/` opened, then a guide's title typed without diacritics at
// a phone's pace (350 ms a key; BANGTIN_TYPING_MS), and again pasted at once. For each title
// it checks that
//   - the guide is the first result;
//   - the bytes sent for the page and the query (HTML, style sheet, script, the index's entry,
//     its parts and the results' titles, counted by the server) stay under the design's bound:
//       the page as loaded before typing
//       + for each query word, the parts its prefixes load as it is typed: at most
//         PREFIX_PARTS parts, each at most PART_BYTES of whole words, or a node (half a byte a
//         document), or one word alone (its title positions: about 2 bytes a document at most)
//       + the titles of the results shown after each pause: at most 20 files of 4 documents,
//         each under TITLE_FILE_BYTES;
//     so the bound grows with the number of documents only through the nodes (a tenth of a
//     kilobyte per 1,000 documents per set) and not with the index's size;
// and reports the time from the last key to the first result, and from a query pasted at once,
// over HTTP/1.1 (six connections: a query of more than six words' parts waits for two round trips
// of them) and over HTTP/2 (every part at once, as on most static hosts; a self-signed
// certificate made by `openssl` for the run), and the title's last four words pasted over HTTP/1.1.
//
//   node tests/browser/search.mjs --chromium /usr/bin/chromium --site OUTPUT_DIR
//       [--queries N] [--max-kb KB] [--json]
// Prints one line per title, or with --json one JSON object (benches/run reads it); exits 1 on a
// failure.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createSecureServer } from 'node:http2';
import os from 'node:os';
import { files, serve } from './posters.mjs';

const require = createRequire(import.meta.url);

/** Chromium DevTools' "Slow 4G" (front_end/core/sdk/NetworkManager.ts). */
export const SLOW_4G = { offline: false, latency: 150 * 3.75, downloadThroughput: (1.6 * 1000 * 1000) / 8 * 0.9, uploadThroughput: (750 * 1000) / 8 * 0.9 };
/** src/search/index.rs's PART_BYTES, and the wrapping of a part's file. */
const PART_BYTES = 4 * 1024 + 64;
/** Parts a word's prefixes may load while it is typed (a node for its first letters, its part). */
const PREFIX_PARTS = 3;
/** A file of the titles and snippets of 8 documents. */
const TITLE_FILE_BYTES = 2 * 1024;
const TYPING_MS = Number(process.env.BANGTIN_TYPING_MS || 350);

function args() {
  const a = { chromium: '/usr/bin/chromium', site: null, queries: 3, maxKb: null, json: false };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--chromium') a.chromium = argv[++i];
    else if (k === '--site') a.site = argv[++i];
    else if (k === '--queries') a.queries = Number(argv[++i]);
    else if (k === '--max-kb') a.maxKb = Number(argv[++i]);
    else if (k === '--json') a.json = true;
    else throw new Error(`unknown argument ${k}`);
  }
  if (!a.site) throw new Error('--site OUTPUT_DIR is required');
  return a;
}

function fold(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** The documents of the site: the index's entry says how many. */
function documents(out) {
  const entry = fs.readFileSync(path.join(out, 'tim-kiem/chi-muc.js'), 'utf8');
  return Number(/"n":(\d+)/.exec(entry)[1]);
}

/** The site over HTTPS and HTTP/2, with a certificate made for the run; resolves to the server. */
function serveH2(root, sent) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bangtin-h2-'));
  const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  const server = createSecureServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, files(root, sent));
  fs.rmSync(dir, { recursive: true, force: true });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The last `n` words of a folded title: a short query the title still comes first for (its
 * number is among them). */
function lastWords(text, n) {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(-n).join(' ');
}

async function query(browser, origin, sent, title, pasted, words = 0) {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, ignoreHTTPSErrors: true });
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  sent.length = 0;
  await tab.goto(`${origin}/tim-kiem/`, { waitUntil: 'load' });
  const page = sent.reduce((n, s) => n + s.bytes, 0);
  // Before a query there is nothing more to show: the page's hidden button stays hidden.
  const moreShown = await tab.isVisible('#xem-them');
  const text = words ? lastWords(fold(title), words) : fold(title);
  const started = Date.now();
  if (pasted) await tab.fill('#q', text);
  else await tab.locator('#q').pressSequentially(text, { delay: TYPING_MS });
  const lastKey = Date.now();
  const first = await tab
    .waitForFunction((t) => {
      const a = document.querySelector('#ket-qua li a');
      return a && a.textContent === t ? a.textContent : null;
    }, title, { timeout: 60000, polling: 20 })
    .then(() => title)
    .catch(async () => tab.evaluate(() => document.querySelector('#ket-qua li a')?.textContent || '(none)'));
  const ms = Date.now() - lastKey;
  // The first result may show before every word's part has come (when it is certain): it must
  // still be first once they have all come and the results are counted.
  const settled = await tab
    .waitForFunction(() => (document.querySelector('#trang-thai')?.textContent || '').startsWith('Tìm thấy'), null, { timeout: 60000, polling: 50 })
    .then(() => tab.evaluate(() => document.querySelector('#ket-qua li a')?.textContent || '(none)'))
    .catch(() => '(no count of results)');
  await tab.waitForTimeout(300);
  const all = sent.reduce((n, s) => n + s.bytes, 0);
  const parts = sent.filter((s) => s.path.startsWith('tim-kiem/chi-muc/') && !s.path.includes('/tl-'));
  const titles = sent.filter((s) => s.path.includes('/tl-'));
  await context.close();
  return { title, typed: text, first, settled, moreShown, page, all, parts: parts.length, partBytes: parts.reduce((n, s) => n + s.bytes, 0), titleFiles: titles.length, ms, typingMs: lastKey - started };
}

async function main() {
  const a = args();
  const { chromium } = require('playwright-core');
  const out = path.resolve(a.site);
  const html = fs.readFileSync(path.join(out, 'tim-kiem/index.html'), 'utf8');
  // Guides the page lists without script, spread over the list.
  const listed = [...html.matchAll(/<li><a href="[^"]*huong-dan\/[^"]*">([^<]*)<\/a>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  if (!listed.length) throw new Error('the search page lists no guide');
  const titles = [];
  for (let i = 0; i < a.queries; i++) titles.push(listed[Math.floor((i * listed.length) / a.queries + listed.length / (2 * a.queries))]);
  const docs = documents(out);
  const sent = [];
  const server = await serve(out, sent);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const h2 = await serveH2(out, sent);
  const h2origin = `https://127.0.0.1:${h2.address().port}`;
  const browser = await chromium.launch({ executablePath: a.chromium, args: ['--no-sandbox'] });
  const results = [];
  const failures = [];
  try {
    for (const title of titles) {
      const typed = await query(browser, origin, sent, title, false);
      const pasted = await query(browser, origin, sent, title, true);
      const pastedH2 = await query(browser, h2origin, sent, title, true);
      // Four words: four parts, within the six connections of HTTP/1.1.
      const short = await query(browser, origin, sent, title, true, 4);
      const words = typed.typed.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;
      const bound = typed.page + words * PREFIX_PARTS * Math.max(PART_BYTES, 2 * docs) + 20 * TITLE_FILE_BYTES * words;
      const r = { ...typed, pastedMs: pasted.ms, pastedAll: pasted.all, pastedFirst: pasted.first, pastedH2Ms: pastedH2.ms, short: short.typed, shortMs: short.ms, words, bound };
      results.push(r);
      if (typed.first !== title) failures.push(`typed “${typed.typed}”: the first result is “${typed.first}”, not “${title}”`);
      if (pasted.first !== title) failures.push(`pasted “${typed.typed}”: the first result is “${pasted.first}”, not “${title}”`);
      if (pastedH2.first !== title) failures.push(`pasted over HTTP/2 “${typed.typed}”: the first result is “${pastedH2.first}”, not “${title}”`);
      if (short.first !== title) failures.push(`pasted “${short.typed}”: the first result is “${short.first}”, not “${title}”`);
      if (typed.moreShown) failures.push('before a query, the page shows “Xem thêm kết quả”');
      for (const [how, r] of [['typed', typed], ['pasted', pasted], ['pasted over HTTP/2', pastedH2], ['pasted', short]]) {
        if (r.settled !== title) failures.push(`${how} “${r.typed}”: once counted, the first result is “${r.settled}”, not “${title}”`);
      }
      if (typed.all > bound) failures.push(`typed “${typed.typed}”: ${typed.all} bytes, more than the bound ${bound}`);
      if (a.maxKb && typed.all > a.maxKb * 1024) failures.push(`typed “${typed.typed}”: ${typed.all} bytes, more than ${a.maxKb} KB`);
    }
  } finally {
    await browser.close();
    server.close();
    h2.close();
  }
  if (a.json) {
    console.log(JSON.stringify({ documents: docs, results, failures }));
  } else {
    for (const r of results) {
      console.log(`search: “${r.typed}” (${r.words} words): first “${r.first}”; ${(r.all / 1024).toFixed(1)} KB typed ` +
        `(page ${(r.page / 1024).toFixed(1)} KB, ${r.parts} parts ${(r.partBytes / 1024).toFixed(1)} KB, ${r.titleFiles} title files; ` +
        `bound ${(r.bound / 1024).toFixed(0)} KB), ${(r.pastedAll / 1024).toFixed(1)} KB pasted; first result ${r.ms} ms after the last key, ` +
        `${r.pastedMs} ms after pasting, ${r.pastedH2Ms} ms over HTTP/2; “${r.short}” pasted: ${r.shortMs} ms (Slow 4G)`);
    }
    for (const f of failures) console.log(`search: FAIL ${f}`);
  }
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
