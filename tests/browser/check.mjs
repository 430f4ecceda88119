// Checks every .html page of built bangtin sites in a real browser. Run by scripts/browser-check,
// which installs the tools and builds the sites:
//
//   node tests/browser/check.mjs --chromium /usr/bin/chromium --artifacts DIR [--jobs N]
//       [--screenshots NAME] --site NAME OUTPUT_DIR CONTENT_DIR [--site ...]
//   node tests/browser/check.mjs --chromium /usr/bin/chromium --self-test
//
// Each site is served by a small HTTP server on 127.0.0.1, mounted at the path of its base_url
// (read from the canonical link of its home page), so root-relative links such as the 404 page's
// resolve as they do on the web. Every page is loaded by Chromium at 360×800 in a fresh browser
// context (a first visit, nothing cached) and must:
//   - have no axe-core violation of WCAG 2.0 / 2.1, levels A and AA;
//   - have no error from the Nu Html Checker (vnu.jar, run once over all pages);
//   - request nothing from any host but the local server (such requests are blocked and reported);
//   - load every asset it asks for (no 4xx/5xx, no failed request);
//   - weigh, HTML plus every asset it loads, uncompressed, no more than its budget;
//   - fit the 360px wide screen without scrolling sideways.
// Writes report.json, report.md and the screenshots asked for into the artifacts folder, prints
// every failure as “site path / check: rule: detail”, and exits 1 if there was any.
// --self-test builds a small site with one problem of each kind and fails unless every check
// catches its problem, so a check that silently stopped working does not pass as “no errors”.

import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkHome } from './home.mjs';
import { posters } from './posters.mjs';
import { narrowCheck } from './narrow.mjs';

// How long a wait may take before it is a failure: long enough for a two-core machine at load
// 10, so that only a hang fails (issue 33). How fast pages are is measured elsewhere.
const PATIENCE_MS = 120000;

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

const KB = 1000;
/** Page weight budgets in bytes, first match wins; `rel` is the page's path below the site root. */
const BUDGETS = [
  { kind: 'home', test: (rel) => rel === '', bytes: 80 * KB },
  { kind: 'guide', test: (rel) => /^huong-dan\/[^/]+\/$/.test(rel), bytes: 40 * KB },
  { kind: 'dashboard', test: (rel) => /^tien-do\/[^/]+\/$/.test(rel), bytes: 120 * KB },
  { kind: 'other', test: () => true, bytes: 120 * KB },
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORT = { width: 360, height: 800 };

// --- arguments -------------------------------------------------------------------------------
function parseArgs(argv) {
  const opts = { chromium: '/usr/bin/chromium', artifacts: null, screenshots: new Set(), sites: [], jobs: 2, selfTest: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--chromium') opts.chromium = argv[++i];
    else if (a === '--artifacts') opts.artifacts = argv[++i];
    else if (a === '--screenshots') opts.screenshots.add(argv[++i]);
    else if (a === '--jobs') opts.jobs = Math.max(1, Number(argv[++i]) || 1);
    else if (a === '--self-test') opts.selfTest = true;
    else if (a === '--site') {
      const [name, out, content] = argv.slice(i + 1, i + 4);
      if (!content) usage(`--site needs NAME OUTPUT_DIR CONTENT_DIR`);
      opts.sites.push({ name, out: path.resolve(out), content: path.resolve(content) });
      i += 3;
    } else usage(`unknown argument ${a}`);
  }
  if (!opts.selfTest && !opts.artifacts) usage('--artifacts DIR is required');
  if (!opts.selfTest && opts.sites.length === 0) usage('no --site given');
  return opts;
}
function usage(msg) {
  console.error(`check.mjs: ${msg}`);
  process.exit(2);
}

// --- the built sites -------------------------------------------------------------------------
function walk(dir, base = dir, acc = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, base, acc);
    else if (entry.isFile()) acc.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return acc;
}

/** The page path below the site root a file is served at: `a/index.html` → `a/`. */
function pageRel(file) {
  if (file === 'index.html') return '';
  if (file.endsWith('/index.html')) return file.slice(0, -'index.html'.length);
  return file;
}

/** The path the site is mounted at, from the canonical link of its home page (base_url). */
function mountOf(site) {
  const home = fs.readFileSync(path.join(site.out, 'index.html'), 'utf8');
  const m = home.match(/<link\s+rel="canonical"\s+href="([^"]+)"/);
  if (!m) return '/';
  let p = new URL(m[1]).pathname;
  if (!p.endsWith('/')) p += '/';
  return p;
}

// --- a static file server --------------------------------------------------------------------
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp',
  '.avif': 'image/avif', '.gif': 'image/gif', '.ico': 'image/x-icon', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.pdf': 'application/pdf',
  '.woff2': 'font/woff2', '.woff': 'font/woff',
};

function serve(root, mount) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let rel = null;
    try {
      const p = decodeURIComponent(url.pathname);
      if (p.startsWith(mount)) rel = p.slice(mount.length);
    } catch { /* a malformed path is a 404 */ }
    const send = (status, file, headers = {}) => {
      const body = file ? fs.readFileSync(file) : Buffer.alloc(0);
      const type = file ? TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream' : 'text/plain';
      res.writeHead(status, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    let file = rel === null || rel.split('/').includes('..') ? null : path.join(root, rel);
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      if (!url.pathname.endsWith('/')) return send(301, null, { location: url.pathname + '/' });
      file = path.join(file, 'index.html');
    }
    if (file && fs.existsSync(file) && fs.statSync(file).isFile()) return send(200, file);
    const notFound = path.join(root, '404.html');
    return send(404, fs.existsSync(notFound) ? notFound : null);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// --- Nu Html Checker -------------------------------------------------------------------------
/** Runs vnu.jar once over every page; returns Map(absolute file → [messages]). */
function runVnu(files) {
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
  const r = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`could not run java -jar vnu.jar: ${r.error.message}`);
  let report;
  try {
    report = JSON.parse(r.stderr || r.stdout);
  } catch {
    throw new Error(`vnu.jar exited with ${r.status} and no JSON report:\n${r.stderr}${r.stdout}`);
  }
  const byFile = new Map();
  for (const m of report.messages) {
    const file = m.url ? fileURLToPath(m.url) : '(vnu)';
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push(m);
  }
  return { version: report.version, byFile };
}

// --- the browser -----------------------------------------------------------------------------
async function checkPage(browser, axeSource, site, page) {
  const origin = `http://127.0.0.1:${site.port}`;
  const context = await browser.newContext({
    viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block',
  });
  const tab = await context.newPage();
  const foreign = [];
  const broken = [];
  const responses = [];
  let inflight = 0;
  // Nothing may leave the machine: requests to any other host are recorded and aborted.
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin + '/') || u.startsWith('data:')) return route.continue();
    return route.abort('blockedbyclient');
  });
  tab.on('request', (req) => {
    const u = req.url();
    if (u.startsWith('data:')) return;
    if (!u.startsWith(origin + '/')) foreign.push(`${req.resourceType()} ${u}`);
    else inflight++;
  });
  const settle = (req) => { if (req.url().startsWith(origin + '/')) inflight--; };
  tab.on('requestfinished', settle);
  const httpErrors = new Set();
  tab.on('requestfailed', (req) => {
    settle(req);
    const u = req.url();
    if (u.startsWith(origin + '/') && !httpErrors.has(req)) broken.push(`${req.resourceType()} ${u.slice(origin.length)}: ${req.failure()?.errorText}`);
  });
  tab.on('response', (res) => {
    const u = res.url();
    if (!u.startsWith(origin + '/')) return;
    responses.push(res);
    if (res.status() < 400) return;
    httpErrors.add(res.request());
    broken.push(`${res.request().resourceType()} ${u.slice(origin.length)}: HTTP ${res.status()}`);
  });
  const pageErrors = [];
  tab.on('pageerror', (e) => pageErrors.push(String(e)));

  const url = origin + site.mount + page.rel;
  const nav = await tab.goto(url, { waitUntil: 'load', timeout: PATIENCE_MS });
  // Bring in anything loaded late (lazy images, fonts), then wait until no request is open.
  await tab.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await tab.evaluate(() => document.fonts.ready.then(() => undefined));
  for (let i = 0; i < PATIENCE_MS / 50 && inflight > 0; i++) await tab.waitForTimeout(50);
  if (inflight > 0) broken.push(`${inflight} request(s) still open ${PATIENCE_MS / 1000} s after the page loaded`);
  await tab.evaluate(() => window.scrollTo(0, 0));

  let bytes = 0;
  const assets = [];
  for (const res of responses) {
    let size = 0;
    try { size = (await res.body()).length; } catch { /* redirects have no body */ }
    bytes += size;
    assets.push({ path: res.url().slice(origin.length), type: res.request().resourceType(), status: res.status(), bytes: size });
  }

  await tab.evaluate(axeSource);
  const axe = await tab.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] }),
    AXE_TAGS,
  );
  const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  // The search page must find a guide typed the way residents type: no diacritics, "d" for "đ".
  let search = null;
  if (page.rel.endsWith('tim-kiem/')) {
    const title = await tab.evaluate(() => document.querySelector('#tat-ca a')?.textContent || '');
    const query = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
    await tab.fill('#q', query);
    await tab.waitForFunction(() => document.querySelectorAll('#ket-qua li').length > 0, null, { timeout: PATIENCE_MS }).catch(() => {});
    const first = await tab.evaluate(() => document.querySelector('#ket-qua li a')?.textContent || '');
    const hidden = await tab.evaluate(() => document.getElementById('tat-ca')?.hidden === true);
    search = { title, query, first, hidden };
  }

  if (page.rel === '' && site.name !== 'self-test') page.failures.push(...(await checkHome(tab)));
  let screenshot = null;
  if (page.shot) {
    screenshot = page.shot;
    await tab.screenshot({ path: screenshot, fullPage: true });
  }
  await context.close();
  return { status: nav?.status(), foreign, broken, bytes, assets, axe, overflow, pageErrors, screenshot, search };
}

// --- checking sites --------------------------------------------------------------------------
function fmtKB(bytes) {
  return `${(bytes / KB).toFixed(1)} KB`;
}

/** Lists a site's pages, with their budgets and, when asked, which ones to take screenshots of. */
function pagesOf(site, shotDir) {
  site.mount = mountOf(site);
  const eventsDir = path.join(site.content, 'events');
  const events = fs.existsSync(eventsDir)
    ? fs.readdirSync(eventsDir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3))
    : [];
  const pages = walk(site.out).filter((f) => f.endsWith('.html')).map((file) => {
    const rel = pageRel(file);
    const budget = BUDGETS.find((b) => b.test(rel));
    return { site, file, abs: path.join(site.out, file), rel, budget, failures: [] };
  });
  if (shotDir) {
    // Home, the first guide, the first event and the first dashboard.
    const pick = (label, test) => {
      const p = pages.find((x) => test(x.rel));
      if (!p) throw new Error(`${site.name}: no ${label} page to take a screenshot of`);
      p.shot = path.join(shotDir, `${site.name}-${label}${p.rel ? '-' + p.rel.split('/').filter(Boolean).pop() : ''}.png`);
    };
    pick('home', (rel) => rel === '');
    pick('guide', (rel) => /^huong-dan\/[^/]+\/$/.test(rel));
    pick('event', (rel) => events.some((e) => rel === `lich/${e}/`));
    pick('dashboard', (rel) => /^tien-do\/[^/]+\/$/.test(rel));
  }
  return pages;
}

/** Runs every check on every page of `opts.sites`; returns the pages with their failures. */
async function checkSites(opts) {
  const started = Date.now();
  fs.mkdirSync(opts.artifacts, { recursive: true });
  for (const f of fs.readdirSync(opts.artifacts)) if (/\.(png|json|md)$/.test(f)) fs.rmSync(path.join(opts.artifacts, f));
  const pages = opts.sites.flatMap((site) => pagesOf(site, opts.screenshots.has(site.name) ? opts.artifacts : null));

  if (!opts.quiet) console.log(`== Nu Html Checker over ${pages.length} pages`);
  const vnu = runVnu(pages.map((p) => p.abs));
  for (const p of pages) {
    for (const m of vnu.byFile.get(p.abs) || []) {
      const where = m.lastLine ? `line ${m.lastLine}` : 'page';
      p.failures.push({ check: 'html', rule: `vnu ${m.type}`, detail: `${where}: ${m.message}${m.extract ? ` — ${JSON.stringify(m.extract.trim())}` : ''}` });
    }
  }
  const stray = [...vnu.byFile.keys()].filter((f) => !pages.some((p) => p.abs === f));
  if (stray.length) throw new Error(`vnu.jar reported on files it was not given: ${stray.join(', ')}`);

  const { chromium } = require('playwright-core');
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const axeVersion = require('axe-core/package.json').version;
  const servers = [];
  for (const site of opts.sites) {
    const server = await serve(site.out, site.mount);
    servers.push(server);
    site.port = server.address().port;
  }
  const browser = await chromium.launch({ executablePath: opts.chromium, args: ['--no-sandbox'], headless: true });
  const browserVersion = browser.version();
  if (!opts.quiet) console.log(`== Chromium ${browserVersion}, axe-core ${axeVersion}: ${pages.length} pages at ${VIEWPORT.width}×${VIEWPORT.height}, ${opts.jobs} at a time`);

  const one = async (p) => {
    const shown = `${p.site.name} ${p.site.mount}${p.rel}`;
    let r;
    try {
      r = await checkPage(browser, axeSource, p.site, p);
    } catch (e) {
      p.failures.push({ check: 'load', rule: 'error', detail: String(e.message || e).split('\n')[0] });
      if (!opts.quiet) console.log(`FAIL ${'–'.padStart(9)}   ${shown}`);
      return;
    }
    p.result = r;
    try { p.failures.push(...await narrowCheck(browser, axeSource, p)); } catch (e) { p.failures.push({ check: 'large-text', rule: 'error', detail: String(e.message || e).split('\n')[0] }); }
    if (r.status !== 200) p.failures.push({ check: 'load', rule: `HTTP ${r.status}`, detail: 'the page itself did not load' });
    for (const v of r.axe.violations) {
      for (const n of v.nodes) {
        p.failures.push({
          check: 'axe', rule: `${v.id} (${v.impact})`,
          detail: `${v.help}; element ${n.target.join(' ')}: ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`,
        });
      }
    }
    for (const f of r.foreign) p.failures.push({ check: 'network', rule: 'request to another host', detail: f });
    for (const b of r.broken) p.failures.push({ check: 'network', rule: 'failed request', detail: b });
    if (r.overflow > 0) {
      p.failures.push({ check: 'layout', rule: 'horizontal scroll', detail: `the page is ${r.overflow}px wider than the ${VIEWPORT.width}px screen (WCAG 1.4.10 Reflow)` });
    }
    for (const e of r.pageErrors) p.failures.push({ check: 'script', rule: 'page error', detail: e });
    if (r.search && (!r.search.title || r.search.first !== r.search.title || !r.search.hidden)) {
      p.failures.push({
        check: 'search', rule: 'typed without diacritics',
        detail: `typing “${r.search.query}” should list “${r.search.title}” first and hide the full list; first result: “${r.search.first}”`,
      });
    }
    if (r.bytes > p.budget.bytes) {
      const list = r.assets.map((a) => `${a.path} ${fmtKB(a.bytes)}`).join(', ');
      p.failures.push({ check: 'weight', rule: `${p.budget.kind} page budget`, detail: `${fmtKB(r.bytes)} > ${fmtKB(p.budget.bytes)}: ${list}` });
    }
    const line = `${fmtKB(r.bytes).padStart(9)} / ${fmtKB(p.budget.bytes).padEnd(8)} ${String(r.assets.length).padStart(2)} req`;
    if (!opts.quiet) console.log(`${p.failures.length ? 'FAIL' : 'ok  '} ${line}  ${shown}`);
  };
  try {
    const queue = [...pages];
    const worker = async () => { while (queue.length) await one(queue.shift()); };
    await Promise.all(Array.from({ length: opts.jobs }, worker));
  } finally {
    await browser.close();
    for (const s of servers) s.close();
  }

  const report = {
    tools: {
      chromium: browserVersion, playwrightCore: require('playwright-core/package.json').version,
      axeCore: axeVersion, vnu: vnu.version, node: process.version,
    },
    viewport: VIEWPORT,
    axeTags: AXE_TAGS,
    bytesPerKB: KB,
    seconds: (Date.now() - started) / 1000,
    pages: pages.map((p) => ({
      site: p.site.name,
      path: p.site.mount + p.rel,
      file: p.file,
      budget: p.budget.kind,
      budgetBytes: p.budget.bytes,
      htmlBytes: fs.statSync(p.abs).size,
      bytes: p.result?.bytes ?? null,
      assets: p.result?.assets ?? [],
      axeIncomplete: (p.result?.axe.incomplete ?? []).map((v) => ({ id: v.id, nodes: v.nodes.length })),
      horizontalOverflowPx: p.result?.overflow ?? null,
      screenshot: p.result?.screenshot ? path.basename(p.result.screenshot) : null,
      failures: p.failures,
    })),
  };
  writeReport(opts, report);
  return { pages, report };
}

function writeReport(opts, report) {
  fs.writeFileSync(path.join(opts.artifacts, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  const t = report.tools;
  const md = [
    '# Browser check report',
    '',
    `Chromium ${t.chromium}, playwright-core ${t.playwrightCore}, axe-core ${t.axeCore} (${report.axeTags.join(', ')}), ` +
      `Nu Html Checker ${t.vnu}, Node.js ${t.node}. Viewport ${VIEWPORT.width}×${VIEWPORT.height}. ` +
      `Weight: the HTML plus every asset the page loads, uncompressed; 1 KB = ${KB} bytes.`,
    '',
  ];
  for (const site of opts.sites) {
    md.push(`## ${site.name} (served at \`${site.mount}\`)`, '', '| page | HTML | total | budget | requests | result |', '|---|---:|---:|---:|---:|---|');
    for (const p of report.pages.filter((x) => x.site === site.name)) {
      md.push(`| \`${p.path}\` | ${fmtKB(p.htmlBytes)} | ${p.bytes == null ? '–' : fmtKB(p.bytes)} | ` +
        `${fmtKB(p.budgetBytes)} (${p.budget}) | ${p.assets.length} | ${p.failures.length ? `**${p.failures.length} failure(s)**` : 'ok'} |`);
    }
    md.push('');
  }
  const shots = report.pages.filter((p) => p.screenshot);
  if (shots.length) md.push('## Screenshots (360×800, full page)', '', ...shots.map((p) => `- \`${p.screenshot}\`: ${p.site} \`${p.path}\``), '');
  const failed = report.pages.filter((p) => p.failures.length);
  if (failed.length) {
    md.push('## Failures', '');
    for (const p of failed) for (const f of p.failures) md.push(`- ${p.site} \`${p.path}\` — ${f.check}: ${f.rule}: ${f.detail}`);
    md.push('');
  }
  fs.writeFileSync(path.join(opts.artifacts, 'report.md'), md.join('\n'));
}

function printFailures(pages) {
  const failed = pages.filter((p) => p.failures.length);
  console.log(`\n${failed.length} of ${pages.length} pages FAILED:`);
  for (const p of failed) {
    console.log(`\n${p.site.name} ${p.site.mount}${p.rel}  (${path.join(p.site.out, p.file)})`);
    for (const f of p.failures) console.log(`  ${f.check}: ${f.rule}: ${f.detail}`);
  }
}

// --- self-test: a site with one of each problem, which every check must catch ---------------
const SELF_TEST_EXPECTED = [
  { page: '', check: 'axe', rule: 'image-alt' },
  { page: '', check: 'axe', rule: 'color-contrast' },
  { page: '', check: 'html', rule: 'vnu error' },
  { page: '', check: 'network', rule: 'request to another host' },
  { page: '', check: 'network', rule: 'failed request' },
  { page: '', check: 'layout', rule: 'horizontal scroll' },
  { page: 'huong-dan/nang/', check: 'weight', rule: 'guide page budget' },
];

async function selfTest(opts) {
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'bangtin-browser-selftest-'));
  try {
    const page = (title, body) =>
      `<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n` +
      `<link rel="stylesheet" href="/style.css">\n</head>\n<body>\n<main>\n<h1>${title}</h1>\n${body}\n</main>\n</body>\n</html>\n`;
    const write = (rel, text) => {
      fs.mkdirSync(path.dirname(path.join(dir, 'out', rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, 'out', rel), text);
    };
    fs.mkdirSync(path.join(dir, 'content'));
    write('style.css', 'body { font-family: sans-serif; } .pale { color: #bbbbbb; }\n');
    write('index.html', page('Trang lỗi', [
      '<p class="pale">Chữ quá nhạt trên nền trắng.</p>',
      '<img src="/anh.svg" width="10" height="10">',
      '<img src="https://cdn.example.com/logo.png" alt="Logo">',
      '<link rel="stylesheet" href="/khong-co.css">',
      '<p><span><div>Một khối nằm trong span.</div></span></p>',
      '<pre>Một dòng rất dài không xuống dòng, rộng hơn màn hình điện thoại 360 điểm ảnh.</pre>',
    ].join('\n')));
    write('anh.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n');
    write('huong-dan/nang/index.html', page('Hướng dẫn quá nặng', `<p>${'Bước tiếp theo. '.repeat(3000)}</p>`));
    const site = { name: 'self-test', out: path.join(dir, 'out'), content: path.join(dir, 'content') };
    const { pages } = await checkSites({ ...opts, artifacts: path.join(dir, 'artifacts'), screenshots: new Set(), sites: [site], quiet: true });
    const missed = SELF_TEST_EXPECTED.filter((e) => !pages.some((p) =>
      p.rel === e.page && p.failures.some((f) => f.check === e.check && f.rule.startsWith(e.rule))));
    if (missed.length) {
      printFailures(pages);
      console.log(`\nself-test FAILED: the checks missed ${missed.map((e) => `${e.check} ${e.rule} on /${e.page}`).join(', ')}`);
      return false;
    }
    console.log(`== self-test passed: each check fails a page made to fail it (${SELF_TEST_EXPECTED.map((e) => e.rule).join(', ')})`);
    return true;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// --- main ------------------------------------------------------------------------------------
const opts = parseArgs(process.argv.slice(2));
if (!(await posters(opts))) process.exit(1);
if (opts.selfTest) {
  process.exit((await selfTest(opts)) ? 0 : 1);
}
const { pages, report } = await checkSites(opts);
const shots = report.pages.filter((p) => p.screenshot).length;
console.log(`== report: ${path.join(opts.artifacts, 'report.md')} (and report.json, ${shots} screenshots)`);
if (pages.some((p) => p.failures.length)) {
  printFailures(pages);
  process.exit(1);
}
console.log(`== all ${pages.length} pages passed (${report.seconds.toFixed(1)} s)`);
