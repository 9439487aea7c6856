// The page of newsdex-serve in a real browser (Debian's Chromium, driven by playwright-core):
// types a query, checks the hits, clicks a facet value, checks the narrowed count, the
// chip and the URL, opens an article, checks that a title made of markup shows as text,
// and saves a screenshot.
//
// Usage: node page_test.mjs SERVE_BIN INDEX_BIN CORPUS_JSONL OUT_DIR
// Exit status 0 when every check passes, 1 otherwise (each failure is printed).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [serveBin, indexBin, corpusJsonl, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node page_test.mjs SERVE_BIN INDEX_BIN CORPUS_JSONL OUT_DIR');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const XSS_TITLE = '<script>alert(1)</script>';

let failures = 0;
function check(ok, what, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || !detail ? '' : ': ' + detail}`);
  if (!ok) failures++;
}

const work = mkdtempSync(join(tmpdir(), 'newsdex-page-'));
let server;
let browser;
try {
  // A database of the search fixture and an article whose title is markup.
  const xss = { id: 'xss-1', title: XSS_TITLE, body: 'An article about cocoa whose title is markup.', date: '2023-04-01', source: 'Example Wire' };
  writeFileSync(join(work, 'news.jsonl'), readFileSync(corpusJsonl, 'utf8') + JSON.stringify(xss) + '\n');
  execFileSync(indexBin, ['-q', '--db', join(work, 'news.db'), join(work, 'news.jsonl')], { stdio: 'inherit' });

  server = spawn(serveBin, ['--db', join(work, 'news.db'), '--listen', '127.0.0.1:0', '--threads', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const base = await new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error('newsdex-serve did not start: ' + log)), 30000);
    server.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(log);
      if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`); }
    });
    server.on('exit', (code) => reject(new Error(`newsdex-serve exited with ${code}: ${log}`)));
  });

  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('dialog', async (dialog) => { problems.push('a dialog opened: ' + dialog.message()); await dialog.dismiss(); });
  page.on('pageerror', (error) => problems.push('script error: ' + error.message));
  // The malformed query below is answered with 400 on purpose; any other failure counts.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 400/.test(msg.text())) problems.push('console: ' + msg.text());
  });
  page.on('request', (request) => { if (!request.url().startsWith(base)) problems.push('fetched from elsewhere: ' + request.url()); });
  const ready = () => page.waitForSelector('body[data-state="ready"]');

  await page.goto(base + '/');
  await ready();
  // The search box by keyboard: "/" focuses it.
  await page.keyboard.press('/');
  check(await page.evaluate(() => document.activeElement.id === 'q'), '"/" focuses the search box');
  await page.keyboard.type('cocoa');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'cocoa');
  await ready();
  const total = Number(await page.getAttribute('#summary', 'data-total'));
  const hits = await page.$$eval('#hits .hit h3', (nodes) => nodes.map((n) => n.textContent));
  check(total > 1, 'the search finds several articles', `total ${total}`);
  check(hits.length === Math.min(total, 10), 'the page lists the hits', `${hits.length} hits of ${total}`);
  check((await page.$$('#hits mark')).length > 0, 'matched words are highlighted');
  check(/cocoa/i.test(await page.textContent('#hits mark')), 'the highlight is on the word', await page.textContent('#hits mark'));
  check((await page.$$('#timeline rect')).length > 0, 'the timeline is drawn');

  // Drill down: the first country.
  const facet = await page.$('#facets section[data-facet="country"] li button');
  check(facet !== null, 'the country facet lists values');
  const filter = await facet.getAttribute('data-filter');
  const facetCount = Number((await facet.$eval('.count', (n) => n.textContent)).replace(/,/g, ''));
  await facet.click();
  await page.waitForFunction((f) => new URLSearchParams(location.search).getAll('filter').includes(f), filter);
  await ready();
  const narrowed = Number(await page.getAttribute('#summary', 'data-total'));
  check(narrowed === facetCount, 'the narrowed count is the facet count', `${narrowed} vs ${facetCount}`);
  check(narrowed < total, 'the filter narrows', `${narrowed} of ${total}`);
  check(page.url().includes('filter=' + encodeURIComponent(filter)), 'the URL holds the filter', page.url());
  const chips = await page.$$eval('#chips button', (nodes) => nodes.map((n) => n.textContent));
  check(chips.length === 1, 'the filter shows as a chip', JSON.stringify(chips));
  await page.screenshot({ path: join(outDir, 'serve-page.png'), fullPage: true });

  // The URL is the whole state: opened afresh, it shows the same.
  const shared = page.url();
  const second = await browser.newPage();
  await second.goto(shared);
  await second.waitForSelector('body[data-state="ready"]');
  check(Number(await second.getAttribute('#summary', 'data-total')) === narrowed, 'a shared link shows the same search');
  await second.close();

  // Removing the chip widens again.
  await page.click('#chips button');
  await page.waitForFunction(() => new URLSearchParams(location.search).getAll('filter').length === 0);
  await ready();
  check(Number(await page.getAttribute('#summary', 'data-total')) === total, 'removing the chip restores the count');

  // Markup in an article is shown as text.
  await page.fill('#q', 'alert');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'alert');
  await ready();
  const titles = await page.$$eval('#hits .hit h3', (nodes) => nodes.map((n) => n.textContent));
  check(titles.includes(XSS_TITLE), 'a title made of markup shows as that text', JSON.stringify(titles));
  check(await page.$$eval('script', (s) => s.length) === 1, 'no script element came from an article');
  await page.click('#hits .hit h3 a');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('article') === 'xss-1');
  await page.waitForFunction(() => document.getElementById('article-title').textContent !== 'Loading\u2026');
  check(await page.textContent('#article-title') === XSS_TITLE, 'the article view shows the title as text');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !new URLSearchParams(location.search).get('article'));

  // A malformed query says what and where.
  await page.fill('#q', 'cocoa (grain');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#error:not([hidden])');
  check(/unbalanced '\('/.test(await page.textContent('#error')), 'a malformed query shows its message', await page.textContent('#error'));

  // A phone's width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + '/?q=grain');
  await ready();
  check(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'nothing overflows a phone-wide screen');
  await page.screenshot({ path: join(outDir, 'serve-page-phone.png') });

  check(problems.length === 0, 'no dialogs, script errors or outside requests', problems.join('; '));
} catch (error) {
  check(false, 'the test ran to its end', error.stack || String(error));
} finally {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
console.log(failures ? `${failures} check(s) failed` : 'every check passed');
process.exit(failures ? 1 : 0);
