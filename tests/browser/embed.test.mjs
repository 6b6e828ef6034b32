// embed.html inside an iframe of a plain (not cross-origin isolated) host page: it must run the
// build without threads, draw, say why real threads are off with an "open in full page" link,
// keep only valid URL hash parameters, answer postMessage requests (info; run, after the autorun's
// run) and ignore malformed messages. The host page is generated here, served by the same server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './helpers.mjs';

const engine = h.findEngine();
const skip = engine ? false : h.NO_ENGINE_REASON;

const HASH = '#example=race-condition&mode=sim&gil=legacy&interval=0.001&cores=abc&start=fork' +
  '&autorun=1&readonly=maybe&bogus=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&code=%3Cscript%3E';

const HOST = `<!doctype html>
<!-- Test host page: a documentation page embedding Interleave, not cross-origin isolated. -->
<html lang="en"><head><meta charset="utf-8"><title>Docs page with an Interleave embed</title>
<link rel="icon" href="favicon.svg">
<style>body{font:15px system-ui;margin:24px;background:#fff;color:#222} iframe{border:1px solid #ccc;border-radius:8px}</style>
</head><body>
<h1>Threads in Python</h1>
<p>The embed below runs the race-condition example.</p>
<iframe id="demo" src="embed.html${HASH}" width="760" height="440" title="Interleave demo"></iframe>
<script>
  window.replies = [];
  window.addEventListener('message', (e) => {
    if (e.source === document.getElementById('demo').contentWindow) window.replies.push(e.data);
  });
  window.ask = (msg) => document.getElementById('demo').contentWindow.postMessage(msg, '*');
</script>
</body></html>
`;

test('embed.html in an iframe of a plain page renders and answers postMessage', { skip, timeout: 240000 }, async (t) => {
  const site = await h.makeSite(engine, (dir) => h.writeHostPage(dir, 'host.html', HOST));
  t.after(() => site.cleanup());
  const server = await h.serve(site.dir, { isolation: false });
  t.after(() => server.stop());
  const browser = await h.launch({ viewport: { width: 900, height: 640 } });
  t.after(() => browser.close());
  await browser.context.addInitScript(h.instrument);
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  const log = h.watch(page);

  await page.goto(`${server.url}host.html`);
  const frame = page.frameLocator('#demo');
  const embed = page.frames().find((f) => f.url().includes('embed.html'));
  assert.ok(embed, 'the iframe loaded embed.html');

  const ready = await h.awaitReady(embed);
  assert.ok(ready.ok, `ready rejected: ${ready.error}`);
  assert.equal(ready.info.build, 'st');
  assert.equal(ready.info.threads, false);
  assert.equal(await embed.evaluate(() => crossOriginIsolated), false);
  assert.equal(await embed.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0,
    'no service worker registered from inside an iframe');

  // A picture inside the iframe (overlays hidden while measuring).
  await page.waitForTimeout(300);
  const stats = h.pixelStats(await h.canvasShot(embed));
  assert.ok(h.looksDrawn(stats), `the embed's canvas is drawn: ${JSON.stringify(stats)}`);
  const size = await embed.evaluate(() => ({ w: document.getElementById('canvas').clientWidth, h: document.getElementById('canvas').clientHeight }));
  assert.deepEqual(size, { w: 760, h: 440 }, 'the canvas fills the iframe');
  await h.saveShot(page, 'embed-host');

  // The badge says why, and links to the full page with the same parameters.
  const badge = frame.locator('#il-badge');
  assert.match(await badge.innerText(), /real threads: off/);
  assert.match(await badge.innerText(), /embedded in a page that is not cross-origin isolated/);
  const href = await badge.locator('a').getAttribute('href');
  assert.ok(href.startsWith(`${server.url}index.html#example=race-condition`), `full page link: ${href}`);
  assert.equal(await badge.locator('a').getAttribute('target'), '_blank');

  // URL hash parameters: valid ones kept, malformed ones dropped with a warning, nothing injected.
  const params = await embed.evaluate(() => ({ ...window.interleave.params }));
  assert.deepEqual(params, {
    example: 'race-condition', mode: 'sim', gil: 'legacy', interval: 0.001, start: 'fork', autorun: true,
  });
  const warnings = log.console.filter((l) => l.startsWith('warning: Interleave: URL hash'));
  for (const key of ['cores', 'readonly', 'bogus', 'code']) {
    assert.ok(warnings.some((w) => w.includes(`"${key}"`)), `a warning about ${key}: ${JSON.stringify(warnings)}`);
  }
  assert.equal(await embed.evaluate(() => document.querySelectorAll('[onerror], img[src="x"], script:not([src])').length), 0, 'no injected markup');

  // postMessage: junk first (must be ignored), then real requests.
  await page.evaluate(() => {
    window.ask('hello');
    window.ask(null);
    window.ask([1, 2, 3]);
    window.ask({ type: 'interleave:info' }); // no id
    window.ask({ type: 'interleave:info', id: { evil: true } });
    window.ask({ type: 'interleave:info', id: 'x'.repeat(500) });
    window.ask({ type: 'something-else', id: 1 });
    window.ask({ type: 42, id: 2 });
    window.ask({ type: 'interleave:info', id: 'q1' });
    window.ask({ type: 'interleave:run', id: 7, request: { code: 'print("hi")', mode: 'sim' } });
    window.ask({ type: 'interleave:run', id: 8, request: 'print(1)' });
    window.ask({ type: 'interleave:frobnicate', id: 9 });
  });
  // The run (id 7) waits for the autorun's simulated countdown to finish first.
  await page.waitForFunction(() => window.replies.filter((r) => r.id !== undefined).length >= 4, null, { timeout: 120000 });
  await page.waitForTimeout(300); // would anything else arrive?
  const replies = await page.evaluate(() => window.replies);
  const answered = replies.filter((r) => r.type !== 'interleave:ready');
  assert.equal(answered.length, 4, `exactly four answers: ${JSON.stringify(answered)}`);
  const byId = Object.fromEntries(answered.map((r) => [r.id, r]));
  assert.deepEqual(byId.q1, { type: 'interleave:info', id: 'q1', result: ready.info });
  assert.equal(byId[7].type, 'interleave:run');
  assert.equal(byId[7].result?.stdout, 'hi\n', JSON.stringify(byId[7]));
  assert.equal(byId[7].result.exitCode, 0);
  assert.equal(byId[8].error.code, 'bad-request');
  assert.equal(byId[9].error.code, 'unknown-type');
  const announced = replies.find((r) => r.type === 'interleave:ready');
  assert.deepEqual(announced, { type: 'interleave:ready', result: ready.info }, 'the embed announced itself');

  assert.deepEqual(log.errors, [], 'no page errors or console errors');
});
