// The posters' print check (issue 30): every poster page (`in/`, `…/<page>/in/`) of every built
// site is printed by Chromium to PDF on A4, as a ward officer's Ctrl+P does, and must
//   - come out on exactly one sheet (the pages of the PDF are counted);
//   - print its address (`.poster-url`) without breaking it inside a word: a line may end only
//     after a "/". The address is measured in print media at the width of A4 less the margins
//     of the theme's @page rule, and on screen at 360 px;
//   - print all of its text: no part of the poster (`.poster`, `.poster-main`, `.poster-side`,
//     which the theme cuts rather than let them run onto a second sheet) is taller than its box;
//   - keep its type legible: nothing inside the poster prints smaller than 11 pt.
// Called from check.mjs: `posters(opts)` checks the sites of `opts.sites`, or with
// `opts.selfTest` first proves on a small broken site that each of these checks fails what it
// should. Resolves to true when everything passed.
//
//   node tests/browser/posters.mjs --chromium /usr/bin/chromium [--self-test] [--pdf DIR]
//       --site NAME OUTPUT_DIR CONTENT_DIR …
// runs it on its own (`--pdf DIR` keeps every poster's PDF there, to look at; from check.mjs they
// go to ARTIFACTS/posters/).

import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

const MM = 96 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
const SCREEN = { width: 360, height: 800 };
const MIN_PT = 11;
/** The parts of a poster that must show all they hold: the theme clips them, in print. */
const BOXES = ['.poster', '.poster-head', '.poster-main', '.poster-side', '.poster-foot'];

/** Every poster page of a built site: a file `in/index.html` at any depth. */
function postersOf(out) {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'index.html' && path.basename(dir) === 'in') found.push(p);
    }
  };
  walk(out);
  return found;
}

/** Serves the folder `root` on 127.0.0.1 (the theme's style sheet must be same-origin for its
 * @page rule to be read); resolves to the server. A poster links only below the site root.
 * With `sent`, pushes `{ path, bytes }` for every file served (search.mjs counts them). */
export function serve(root, sent = null) {
  const server = createServer(files(root, sent));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** What `serve` answers: the files under `root`, a folder by its index.html; for node:http and
 * node:http2's compatibility API alike. */
export function files(root, sent = null) {
  const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml', '.js': 'text/javascript', '.png': 'image/png' };
  return (req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
    if (rel.split('/').includes('..')) rel = '\0';
    let file = path.join(root, rel);
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const body = fs.readFileSync(file);
    if (sent) sent.push({ path: rel, bytes: body.length });
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    res.end(body);
  };
}

/** The number of pages of a PDF Chromium wrote: its page objects, checked against /Count. */
export function pdfPages(bytes) {
  const text = Buffer.from(bytes).toString('latin1');
  const objects = (text.match(/\/Type\s*\/Page(?![A-Za-z])/g) || []).length;
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)]
    .map((m) => Number(m[1] ?? m[2]));
  const count = counts.length ? Math.max(...counts) : objects;
  if (count !== objects) throw new Error(`the PDF has ${objects} page objects but says /Count ${count}`);
  return objects;
}

/** In the page: where the text of `.poster-url` breaks into lines, and what ends each line. */
function urlLines() {
  const el = document.querySelector('.poster-url');
  if (!el) return null;
  const chars = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (let i = 0; i < n.data.length; i++) {
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + 1);
      const box = r.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      chars.push({ c: n.data[i], top: box.top, height: box.height });
    }
  }
  const lines = [''];
  for (let i = 0; i < chars.length; i++) {
    if (i > 0 && chars[i].top > chars[i - 1].top + chars[i - 1].height / 2) lines.push('');
    lines[lines.length - 1] += chars[i].c;
  }
  const box = el.getBoundingClientRect();
  return { lines: lines.map((l) => l.trim()).filter(Boolean), overflow: el.scrollWidth - el.clientWidth, right: box.right };
}

/** In the page: the smallest font size, in pt, of any text inside the poster. */
function smallestText() {
  let min = Infinity;
  let where = '';
  const walker = document.createTreeWalker(document.querySelector('.poster') || document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.data.trim() || !n.parentElement) continue;
    const s = getComputedStyle(n.parentElement);
    if (s.display === 'none' || s.visibility === 'hidden' || n.parentElement.closest('svg')) continue;
    const pt = parseFloat(s.fontSize) * 0.75;
    if (pt < min) { min = pt; where = n.data.trim().slice(0, 40); }
  }
  return { min, where };
}

/** In the page: A4's width and height less the margins of the @page rules, in CSS px. */
function printArea(a4) {
  const px = (value) => {
    if (!value) return 0;
    const probe = document.createElement('div');
    probe.style.cssText = `position:absolute;width:${value};height:0`;
    document.body.append(probe);
    const w = probe.getBoundingClientRect().width;
    probe.remove();
    return w;
  };
  const m = { top: 0, right: 0, bottom: 0, left: 0 };
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (!(rule instanceof CSSPageRule) || rule.selectorText) continue;
      for (const side of Object.keys(m)) {
        const v = rule.style.getPropertyValue(`margin-${side}`);
        if (v) m[side] = px(v);
      }
    }
  }
  return { width: Math.floor(a4.width - m.left - m.right), height: Math.floor(a4.height - m.top - m.bottom) };
}

/** In the page: the parts of the poster whose content is taller (or wider) than their box. */
function clipped(selectors) {
  const cut = [];
  for (const sel of selectors) {
    for (const el of document.querySelectorAll(sel)) {
      const over = Math.max(el.scrollHeight - el.clientHeight, el.scrollWidth - el.clientWidth);
      if (over > 1) cut.push(`${sel} by ${(over / (96 / 25.4)).toFixed(1)} mm`);
    }
  }
  return cut;
}

function badBreaks(u) {
  // Every line but the last must end with "/": the address is broken only between its parts.
  return u.lines.slice(0, -1).filter((l) => !l.endsWith('/'));
}

async function checkPoster(browser, origin, rel, pdfDir, name) {
  const failures = [];
  const context = await browser.newContext({ viewport: SCREEN, deviceScaleFactor: 1, locale: 'vi-VN' });
  // Nothing may leave the machine.
  await context.route('**/*', (route) => (route.request().url().startsWith(origin + '/') ? route.continue() : route.abort()));
  const tab = await context.newPage();
  try {
    const res = await tab.goto(`${origin}/${rel}`, { waitUntil: 'load' });
    if (res?.status() !== 200) throw new Error(`HTTP ${res?.status()}`);
    const screen = await tab.evaluate(urlLines);
    if (!screen) {
      failures.push({ check: 'poster', rule: 'address', detail: 'no .poster-url element: the poster does not write its address' });
    } else {
      const bad = badBreaks(screen);
      if (bad.length) failures.push({ check: 'poster', rule: 'address broken on screen', detail: `at ${SCREEN.width}px a line ends inside a word: ${screen.lines.map((l) => `“${l}”`).join(' | ')}` });
      if (screen.overflow > 0) failures.push({ check: 'poster', rule: 'address wider than the screen', detail: `${screen.overflow}px too wide at ${SCREEN.width}px` });
    }
    // Chromium lays out a printed page at the width of the paper less its margins.
    const area = await tab.evaluate(printArea, A4);
    await tab.setViewportSize(area);
    await tab.emulateMedia({ media: 'print' });
    const printed = await tab.evaluate(urlLines);
    const mm = (area.width / MM).toFixed(0);
    if (printed) {
      const bad = badBreaks(printed);
      if (bad.length) failures.push({ check: 'poster', rule: 'address broken in print', detail: `at ${mm} mm a line ends inside a word: ${printed.lines.map((l) => `“${l}”`).join(' | ')}` });
    }
    const cut = await tab.evaluate(clipped, BOXES);
    if (cut.length) failures.push({ check: 'poster', rule: 'text cut off', detail: `in print at ${mm} mm, too much for its box: ${cut.join(', ')}` });
    const small = await tab.evaluate(smallestText);
    if (small.min < MIN_PT) failures.push({ check: 'poster', rule: 'type too small', detail: `“${small.where}” prints at ${small.min.toFixed(1)} pt, under ${MIN_PT} pt` });
    await tab.emulateMedia({ media: null });
    const pdf = await tab.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: false });
    if (pdfDir) fs.writeFileSync(path.join(pdfDir, `${name}.pdf`), pdf);
    const pages = pdfPages(pdf);
    if (pages !== 1) failures.push({ check: 'poster', rule: 'one A4 sheet', detail: `prints on ${pages} A4 pages` });
    return { pages, lines: printed?.lines ?? [], failures };
  } finally {
    await context.close();
  }
}

/** Checks every poster of `sites`; returns [{ site, rel, pages, failures }]. */
async function checkSites(chromiumPath, sites, { pdfDir = null, quiet = false } = {}) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'], headless: true });
  const results = [];
  try {
    for (const site of sites) {
      // A site trimmed to a few pages (check.mjs's "paged") may have none; all together must.
      const files = postersOf(site.out);
      if (files.length === 0) continue;
      const server = await serve(site.out);
      const origin = `http://127.0.0.1:${server.address().port}`;
      for (const file of files) {
        const rel = path.relative(site.out, path.dirname(file)).split(path.sep).join('/') + '/';
        const name = `${site.name}-${rel.replace(/\/$/, '').replace(/\//g, '_')}`;
        let r;
        try {
          r = await checkPoster(browser, origin, rel, pdfDir, name);
        } catch (e) {
          r = { pages: 0, failures: [{ check: 'poster', rule: 'error', detail: String(e.message || e).split('\n')[0] }] };
        }
        results.push({ site: site.name, rel, ...r });
        if (!quiet) console.log(`${r.failures.length ? 'FAIL' : 'ok  '} ${String(r.pages).padStart(2)} A4  ${site.name} ${rel}`);
      }
      server.close();
    }
  } finally {
    await browser.close();
  }
  if (results.length === 0) {
    results.push({ site: sites.map((x) => x.name).join(', '), rel: '(none)', pages: 0, failures: [{ check: 'poster', rule: 'no poster', detail: 'no in/index.html in any site' }] });
  }
  return results;
}

function printFailures(results) {
  for (const r of results.filter((x) => x.failures.length)) {
    console.log(`\n${r.site} ${r.rel}`);
    for (const f of r.failures) console.log(`  ${f.check}: ${f.rule}: ${f.detail}`);
  }
}

// --- self-test: posters made to fail each check ---------------------------------------------
const SELF_TEST = [
  { rel: 'dai/in/', rule: 'one A4 sheet' },
  { rel: 'gay/in/', rule: 'address broken in print' },
  { rel: 'gay/in/', rule: 'address broken on screen' },
  { rel: 'nho/in/', rule: 'type too small' },
  { rel: 'cat/in/', rule: 'text cut off' },
];

async function selfTest(chromiumPath) {
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'bangtin-posters-selftest-'));
  try {
    const write = (rel, body, css = '') => {
      fs.mkdirSync(path.join(dir, rel), { recursive: true });
      fs.writeFileSync(path.join(dir, rel, 'index.html'),
        `<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n<title>Áp phích</title>\n` +
        `<style>@page { size: A4; margin: 12mm; } body { font: 16pt sans-serif; } ${css}</style>\n</head>\n` +
        `<body>\n<article class="poster">\n${body}\n</article>\n</body>\n</html>\n`);
    };
    const url = '<p class="poster-url"><span>xa.example.gov.vn/</span><wbr><span>huong-dan/</span><wbr><span>kich-hoat</span></p>';
    write('tot/in', `<h1>Một áp phích đúng</h1>\n${url}`, '.poster-url span { white-space: nowrap; }');
    write('dai/in', `<h1>Quá dài</h1>\n<ol>${'<li>Một bước rất dài của hướng dẫn.</li>'.repeat(60)}</ol>\n${url}`, '.poster-url span { white-space: nowrap; }');
    write('gay/in', '<h1>Địa chỉ bị cắt</h1>\n<p class="poster-url" style="word-break: break-all; font-size: 60pt">xa.example.gov.vn/huong-dan/kich-hoat-tai-khoan</p>');
    write('cat/in', `<h1>Bị cắt</h1>\n<div class="poster-main" style="height: 40mm; overflow: hidden">${'<p>Một dòng.</p>'.repeat(30)}</div>\n${url}`, '.poster-url span { white-space: nowrap; }');
    write('nho/in', `<h1>Chữ quá nhỏ</h1>\n<p style="font-size: 7pt">Chữ nhỏ.</p>\n${url}`, '.poster-url span { white-space: nowrap; }');
    const results = await checkSites(chromiumPath, [{ name: 'self-test', out: dir }], { quiet: true });
    const missed = SELF_TEST.filter((e) => !results.some((r) => r.rel === e.rel && r.failures.some((f) => f.rule === e.rule)));
    const wrong = results.filter((r) => r.rel === 'tot/in/' && r.failures.length);
    if (missed.length || wrong.length) {
      printFailures(results);
      if (missed.length) console.log(`\nposter self-test FAILED: the checks missed ${missed.map((e) => `${e.rule} on ${e.rel}`).join(', ')}`);
      if (wrong.length) console.log('\nposter self-test FAILED: a correct poster failed');
      return false;
    }
    console.log(`== poster self-test passed: each check fails a poster made to fail it (${SELF_TEST.map((e) => e.rule).join(', ')}), and a correct one passes`);
    return true;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The entry point check.mjs calls with its options: true when every poster passed. */
export async function posters(opts) {
  if (opts.selfTest) return selfTest(opts.chromium);
  console.log(`== posters: every poster of ${opts.sites.length} site(s) printed on A4`);
  // The PDFs are kept to look at: beside check.mjs's report, or where --pdf says.
  const pdfDir = opts.pdfDir ?? (opts.artifacts ? path.join(opts.artifacts, 'posters') : null);
  if (pdfDir) fs.mkdirSync(pdfDir, { recursive: true });
  const results = await checkSites(opts.chromium, opts.sites, { pdfDir });
  const failed = results.filter((r) => r.failures.length);
  if (failed.length) {
    console.log(`\n${failed.length} of ${results.length} posters FAILED:`);
    printFailures(results);
    return false;
  }
  console.log(`== all ${results.length} posters print on one A4 sheet, their address unbroken`);
  return true;
}

// Run on its own: node tests/browser/posters.mjs --chromium PATH [--self-test] [--pdf DIR] --site NAME OUT CONTENT …
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const opts = { chromium: '/usr/bin/chromium', sites: [], selfTest: false, pdfDir: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--chromium') opts.chromium = argv[++i];
    else if (argv[i] === '--self-test') opts.selfTest = true;
    else if (argv[i] === '--pdf') opts.pdfDir = argv[++i];
    else if (argv[i] === '--site') {
      opts.sites.push({ name: argv[i + 1], out: path.resolve(argv[i + 2]), content: argv[i + 3] });
      i += 3;
    } else {
      console.error(`posters.mjs: unknown argument ${argv[i]}`);
      process.exit(2);
    }
  }
  process.exit((await posters(opts)) ? 0 : 1);
}
