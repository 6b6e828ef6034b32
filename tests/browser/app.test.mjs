// index.html end to end: with COOP/COEP headers the threaded build (mt) runs; without them and
// with the service worker off (?coi=0) the build without threads (st) runs. Both must draw a
// real picture, say which build runs, follow the window size and DPR, and report the time from
// navigation start to the first non-blank frame. Screenshots go to build/browser/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './helpers.mjs';

const engine = h.findEngine();
const skip = engine ? false : h.NO_ENGINE_REASON;

async function setup(t, { isolation, viewport, deviceScaleFactor = 1 }) {
  const site = await h.makeSite(engine);
  t.after(() => site.cleanup());
  const server = await h.serve(site.dir, { isolation });
  t.after(() => server.stop());
  const browser = await h.launch({ viewport, deviceScaleFactor });
  t.after(() => browser.close());
  await browser.context.addInitScript(h.instrument);
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  const log = h.watch(page);
  return { page, log, server };
}

function describe(timing) {
  return `${timing.firstFrame} ms from navigation start (loader started ${timing.boot} ms, WebGL2 ` +
    `checked ${timing.webgl2Checked} ms, wasm downloaded ${timing.downloaded} ms, ` +
    `runtime ready ${timing.runtimeReady} ms, first draw call ${timing.firstDraw} ms, loading screen ` +
    `gone ${timing.shown} ms; screenshot verified ${timing.stats.distinct} colours)`;
}

async function checkCanvasFollows(page, dpr) {
  const sizes = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { cssW: c.clientWidth, cssH: c.clientHeight, w: c.width, h: c.height, vw: innerWidth, vh: innerHeight, dpr: devicePixelRatio };
  });
  assert.equal(sizes.dpr, dpr, 'devicePixelRatio');
  assert.equal(sizes.cssW, sizes.vw, 'canvas CSS width = window width');
  assert.equal(sizes.cssH, sizes.vh, 'canvas CSS height = window height');
  // The engine sizes its drawing buffer from CSS size x DPR (give it a few frames).
  await page.waitForFunction(() => {
    const c = document.getElementById('canvas');
    return Math.abs(c.width - Math.round(c.clientWidth * devicePixelRatio)) <= 1 &&
      Math.abs(c.height - Math.round(c.clientHeight * devicePixelRatio)) <= 1;
  }, null, { timeout: 5000 }).catch(async () => {
    const now = await page.evaluate(() => {
      const c = document.getElementById('canvas');
      return `${c.width}x${c.height} for CSS ${c.clientWidth}x${c.clientHeight} at DPR ${devicePixelRatio}`;
    });
    assert.fail(`drawing buffer does not follow CSS size x DPR: ${now}`);
  });
  return sizes;
}

test('index.html with COOP/COEP runs the threaded build and draws', { skip, timeout: 240000 }, async (t) => {
  const { page, log, server } = await setup(t, { isolation: true, viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}index.html`, { waitUntil: 'commit' });
  const timing = await h.measureFirstFrame(page);
  const ready = await h.awaitReady(page);
  assert.ok(ready.ok, `ready rejected: ${ready.error}`);
  await h.saveShot(page, 'index-mt');

  assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'page is cross-origin isolated');
  assert.equal(ready.info.build, 'mt');
  assert.equal(ready.info.threads, true);
  assert.match(ready.info.version, /^[0-9A-Za-z.+-]+$/);
  assert.deepEqual(ready.value, ready.info, 'ready resolves with info()');

  const badge = await page.locator('#il-badge').innerText();
  assert.match(badge, /real threads: on/);

  const status = await page.evaluate(() => window.__ilStatus);
  assert.ok(status.some((s) => /Downloading .*: [\d.]+ [KM]?B of [\d.]+ [KM]?B/.test(s)),
    `byte progress was shown: ${JSON.stringify(status)}`);

  const run = await page.evaluate(() => window.interleave.run({ code: 'print(1)' }));
  assert.deepEqual({ stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode }, { stdout: '1\n', stderr: '', exitCode: 0 });

  await checkCanvasFollows(page, 1);
  await page.setViewportSize({ width: 900, height: 600 });
  await checkCanvasFollows(page, 1);
  assert.ok(h.looksDrawn(h.pixelStats(await h.canvasShot(page))), 'still drawn after a resize');
  await h.saveShot(page, 'index-mt-resized');

  assert.deepEqual(log.errors, [], 'no page errors or console errors');
  const line = `time to first frame (mt, isolated): ${describe(timing)}`;
  t.diagnostic(line);
  await h.recordTiming('index-mt', timing);
});

test('index.html without isolation and ?coi=0 runs the build without threads and draws', { skip, timeout: 240000 }, async (t) => {
  const viewport = { width: 1000, height: 700 };
  const { page, log, server } = await setup(t, { isolation: false, viewport, deviceScaleFactor: 2 });
  await page.goto(`${server.url}index.html?coi=0`, { waitUntil: 'commit' });
  const timing = await h.measureFirstFrame(page);
  const ready = await h.awaitReady(page);
  assert.ok(ready.ok, `ready rejected: ${ready.error}`);
  await h.saveShot(page, 'index-st');

  assert.equal(await page.evaluate(() => crossOriginIsolated), false);
  assert.equal(ready.info.build, 'st');
  assert.equal(ready.info.threads, false);
  const badge = await page.locator('#il-badge').innerText();
  assert.match(badge, /real threads: off/);
  assert.match(badge, /\?coi=0/, 'says why');
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0,
    'no service worker registered with ?coi=0');
  const requested = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.ok(!requested.some((u) => u.includes('interleave-mt')), 'the threaded build was not downloaded');

  await checkCanvasFollows(page, 2);
  assert.deepEqual(log.errors, [], 'no page errors or console errors');
  const line = `time to first frame (st, not isolated, DPR 2): ${describe(timing)}`;
  t.diagnostic(line);
  await h.recordTiming('index-st', timing);
});

test('the loading screen counts bytes while the engine downloads', { skip, timeout: 240000 }, async (t) => {
  const { page, log, server } = await setup(t, { isolation: false, viewport: { width: 1000, height: 640 } });
  const wasmSize = await h.fileSize(engine.files['interleave-st.wasm']);
  // Throttle so that the download takes about four seconds, whatever the engine's size.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 20, downloadThroughput: Math.max(4096, wasmSize / 4), uploadThroughput: -1,
  });
  await page.goto(`${server.url}index.html?coi=0`, { waitUntil: 'commit' });
  await page.waitForFunction(() => {
    const v = Number(document.getElementById('il-progress')?.getAttribute('aria-valuenow'));
    return v >= 20 && v <= 80;
  }, null, { timeout: 60000, polling: 50 });
  await h.saveShot(page, 'loading');
  const status = await page.locator('#il-status').innerText();
  assert.match(status, /^Downloading the engine: [\d.]+ [KM]?B of [\d.]+ [KM]?B$/);
  assert.equal(await page.locator('#il-loading').isVisible(), true);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const ready = await h.awaitReady(page);
  assert.ok(ready.ok, `ready rejected: ${ready.error}`);
  assert.equal(await page.locator('#il-loading').isVisible(), false, 'the loading screen is gone once ready');
  assert.deepEqual(log.errors, [], 'no page errors or console errors');
});
