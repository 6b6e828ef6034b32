// The error screens: WebGL2 missing (getContext('webgl2') stubbed to null before any page
// script, and Chromium started with --disable-webgl), the .wasm missing (404), damaged
// (not WebAssembly, or failing validation), or cut off by the network. Each must show its own
// friendly message with steps, reject window.interleave.ready, and never start the engine.
// These need no engine build: the failures happen before the engine's script would run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as h from './helpers.mjs';

const engine = h.findEngine();
// Without a build, stand-ins are enough: every case fails before they would be used.
const FAKE_ENGINE = {
  kind: 'site',
  dir: path.join(h.ROOT, 'public'),
  files: {},
};

async function site(t, edit) {
  const s = await h.makeSite(engine ?? FAKE_ENGINE, async (dir) => {
    if (!engine) {
      for (const b of ['mt', 'st']) {
        await writeFile(path.join(dir, `interleave-${b}.js`), 'window.createInterleave = () => Promise.reject(new Error("stand-in"));\n');
        await writeFile(path.join(dir, `interleave-${b}.wasm`), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
      }
    }
    if (edit) await edit(dir);
  });
  t.after(() => s.cleanup());
  const server = await h.serve(s.dir, { isolation: false });
  t.after(() => server.stop());
  return server;
}

async function browser(t, opts) {
  const b = await h.launch({ viewport: { width: 1000, height: 700 }, ...opts });
  t.after(() => b.close());
  const page = b.context.pages()[0] ?? await b.context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  return { context: b.context, page, requests, log: h.watch(page) };
}

async function expectError(page, kind, titlePattern) {
  const ready = await h.awaitReady(page, 60000);
  assert.equal(ready.ok, false, 'ready rejects');
  assert.equal(ready.code, kind, `ready rejects with code ${kind}: ${ready.error}`);
  const screen = page.locator('#il-error');
  assert.equal(await screen.isVisible(), true, 'the error screen is shown');
  assert.equal(await screen.getAttribute('data-kind'), kind);
  assert.equal(await page.locator('#il-loading').isVisible(), false, 'the loading screen is gone');
  assert.match(await page.locator('#il-error-title').innerText(), titlePattern);
  assert.ok(await page.locator('#il-error-steps li').count() >= 2, 'it says what to do');
  assert.equal(await page.locator('#il-error-reload').isVisible(), true, 'a reload button');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'il-error-reload', 'focus on the reload button');
  const info = await page.evaluate(() => window.interleave.info());
  assert.deepEqual(info, { threads: false, build: null, version: null });
  // The technical details sit in a closed <details>: textContent, not innerText.
  return `${await page.locator('#il-error').innerText()}\n${await page.locator('#il-error-details').textContent()}`;
}

test('WebGL2 missing (stubbed): the WebGL2 screen, no download', { timeout: 120000 }, async (t) => {
  const server = await site(t);
  const { context, page, requests } = await browser(t);
  await context.addInitScript(() => {
    const orig = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function getContext(type, ...rest) {
      return type === 'webgl2' ? null : orig.call(this, type, ...rest);
    };
  });
  await page.goto(`${server.url}index.html?coi=0`);
  const text = await expectError(page, 'webgl2', /WebGL2 is not available/);
  assert.match(text, /hardware acceleration/);
  assert.ok(!requests.some((u) => u.includes('interleave-')), 'the engine was not downloaded');
  await h.saveShot(page, 'error-webgl2');
});

test('WebGL2 missing (--disable-webgl): the WebGL2 screen on the embed too', { timeout: 120000 }, async (t) => {
  const server = await site(t);
  const { page } = await browser(t, { extraArgs: ['--disable-webgl'], viewport: { width: 640, height: 400 } });
  await page.goto(`${server.url}embed.html?coi=0`);
  await expectError(page, 'webgl2', /WebGL2 is not available/);
  await h.saveShot(page, 'error-webgl2-embed');
});

test('.wasm missing (404): the missing-engine screen', { timeout: 120000 }, async (t) => {
  const server = await site(t, (dir) => rm(path.join(dir, 'interleave-st.wasm')));
  const { page } = await browser(t);
  await page.goto(`${server.url}index.html?coi=0`);
  const text = await expectError(page, 'http', /missing on this server/);
  assert.match(text, /interleave-st\.wasm/);
  assert.match(text, /HTTP 404/);
  await h.saveShot(page, 'error-404');
});

test('.wasm damaged (an HTML page instead): the damaged-engine screen', { timeout: 120000 }, async (t) => {
  const server = await site(t, (dir) => writeFile(path.join(dir, 'interleave-st.wasm'),
    '<!doctype html><title>Page not found</title><h1>404</h1>'));
  const { page } = await browser(t);
  await page.goto(`${server.url}index.html?coi=0`);
  const text = await expectError(page, 'corrupt', /damaged/);
  assert.match(text, /<!doctype html>/, 'the details show what came instead, as text');
  await h.saveShot(page, 'error-corrupt');
});

test('.wasm damaged (valid signature, broken body): the damaged-engine screen', { timeout: 120000 }, async (t) => {
  const server = await site(t, (dir) => writeFile(path.join(dir, 'interleave-st.wasm'),
    Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(4096, 0xff)])));
  const { page } = await browser(t);
  await page.goto(`${server.url}index.html?coi=0`);
  const text = await expectError(page, 'corrupt', /damaged/);
  assert.match(text, /failed WebAssembly validation/);
});

test('network failure while downloading the .wasm: the download screen', { timeout: 120000 }, async (t) => {
  const server = await site(t);
  const { context, page } = await browser(t);
  await context.route('**/interleave-st.wasm', (route) => route.abort('connectionreset'));
  await page.goto(`${server.url}index.html?coi=0`);
  const text = await expectError(page, 'network', /could not be downloaded/);
  assert.match(text, /internet connection/);
  await h.saveShot(page, 'error-network');
});

test('a browser without Wasm exception handling: the too-old screen, not "damaged"', { timeout: 120000 }, async (t) => {
  const server = await site(t);
  const { context, page } = await browser(t);
  // Such a browser fails to validate both the engine and the feature probe.
  await context.addInitScript(() => {
    WebAssembly.validate = () => false;
  });
  await page.goto(`${server.url}index.html?coi=0`);
  const text = await expectError(page, 'unsupported', /too old/);
  assert.match(text, /exception handling/);
  await h.saveShot(page, 'error-unsupported');
});
