// The service worker path (sw.js): on a host that sends no COOP/COEP headers, index.html registers
// the worker, reloads exactly once and then runs cross-origin isolated with the threaded build;
// later loads need no reload. And the guard: with a worker that does not isolate, the page
// reloads once, gives up and runs the build without threads: never a reload loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as h from './helpers.mjs';

const engine = h.findEngine();
const skip = engine ? false : h.NO_ENGINE_REASON;

async function setup(t, edit) {
  const site = await h.makeSite(engine, edit);
  t.after(() => site.cleanup());
  const server = await h.serve(site.dir, { isolation: false });
  t.after(() => server.stop());
  const browser = await h.launch({ viewport: { width: 1100, height: 720 } });
  t.after(() => browser.close());
  await browser.context.addInitScript(h.instrument);
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  const navigations = [];
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) navigations.push(f.url());
  });
  return { page, server, navigations, log: h.watch(page) };
}

/** Waits until the page has settled: ready resolved (or failed) and no navigation for a while. */
async function settle(page, navigations) {
  for (let i = 0; i < 10; i++) {
    const before = navigations.length;
    const r = await h.awaitReady(page).catch((e) => ({ ok: false, error: String(e) }));
    await page.waitForTimeout(700);
    if (navigations.length === before && r.ok !== undefined && !/context was destroyed|navigat/i.test(r.error ?? '')) return r;
  }
  throw new Error(`the page did not settle: ${navigations.length} navigations`);
}

test('without headers, the service worker makes the page cross-origin isolated after one reload', { skip, timeout: 240000 }, async (t) => {
  const { page, server, navigations, log } = await setup(t);
  await page.goto(`${server.url}index.html#mode=real`);
  const ready = await settle(page, navigations);
  assert.ok(ready.ok, `ready rejected: ${ready.error}`);
  assert.equal(navigations.length, 2, `exactly one reload: ${JSON.stringify(navigations)}`);
  assert.equal(navigations[1], `${server.url}index.html#mode=real`, 'the reload keeps the URL');
  assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'cross-origin isolated');
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL), `${server.url}sw.js`);
  assert.equal(ready.info.build, 'mt');
  assert.equal(ready.info.threads, true);
  assert.match(await page.locator('#il-badge').innerText(), /real threads: on/);
  const timing = await h.measureFirstFrame(page);
  await h.saveShot(page, 'sw-isolated');

  // A second visit in the same tab: already controlled, so isolated at once, no reload.
  navigations.length = 0;
  await page.reload();
  const again = await settle(page, navigations);
  assert.ok(again.ok, `ready rejected: ${again.error}`);
  assert.equal(navigations.length, 1, `no extra reload: ${JSON.stringify(navigations)}`);
  assert.equal(again.info.build, 'mt');

  // ?coi=0 bypasses the worker's headers even though it is installed.
  navigations.length = 0;
  await page.goto(`${server.url}index.html?coi=0`);
  const off = await settle(page, navigations);
  assert.ok(off.ok, `ready rejected: ${off.error}`);
  assert.equal(navigations.length, 1);
  assert.equal(await page.evaluate(() => crossOriginIsolated), false, '?coi=0 is not isolated');
  assert.equal(off.info.build, 'st');

  assert.deepEqual(log.errors, [], 'no page errors or console errors');
  // Measured after settling, so only the in-page marks are meaningful here.
  t.diagnostic(`after the service worker's reload (mt): first draw call ${timing.firstDraw} ms, ` +
    `ready ${timing.ready} ms from that navigation's start`);
  await h.recordTiming('sw-mt-after-reload', { firstDraw: timing.firstDraw, ready: timing.ready });
});

// A worker that installs and takes control but adds no headers: isolation can never happen.
const USELESS_SW = `// Test stand-in for sw.js: takes control but adds no headers.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => e.respondWith(fetch(e.request)));
`;

test('a service worker that cannot isolate: one reload, then the build without threads', { skip, timeout: 240000 }, async (t) => {
  const { page, server, navigations, log } = await setup(t, (dir) => writeFile(path.join(dir, 'sw.js'), USELESS_SW));
  await page.goto(`${server.url}index.html`);
  const ready = await settle(page, navigations);
  assert.ok(ready.ok, `ready rejected: ${ready.error}`);
  assert.equal(navigations.length, 2, `exactly one reload: ${JSON.stringify(navigations)}`);
  assert.equal(await page.evaluate(() => crossOriginIsolated), false);
  assert.equal(ready.info.build, 'st');
  assert.equal(ready.info.threads, false);
  const badge = await page.locator('#il-badge').innerText();
  assert.match(badge, /real threads: off/);
  assert.match(badge, /did not isolate/);
  assert.ok(log.console.some((l) => /still not cross-origin isolated after reloading once/.test(l)), 'says it gave up');

  // Reloading by hand in the same tab does not start reloading again.
  navigations.length = 0;
  await page.reload();
  const again = await settle(page, navigations);
  assert.ok(again.ok);
  assert.equal(navigations.length, 1, `no automatic reload: ${JSON.stringify(navigations)}`);
  assert.equal(again.info.build, 'st');
  await h.saveShot(page, 'sw-refused');
  assert.deepEqual(log.errors, [], 'no page errors or console errors');
});
