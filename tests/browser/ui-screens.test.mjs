// The playground's main screens in headless Chromium, each screenshotted to build/browser/ui-*.png
// and judged by regions (the panels of engine/ui/layout.cpp), never by whole-image hashes: a
// panel that should hold text must show text-like detail, a timeline after a run must show many
// state colours and differ from the idle one. Screens: the gallery at start, countdown in compare
// mode (sim and real on one time axis, the differences table), the timeline zoomed in with the
// wheel, the memory view after square_quad, embed.html inside a plain host page, embed.html at
// 600x400, 820x480 and 900x600 (the compact layout), and 600 px and 400 px wide windows. Every status text of sim, real and compare names its clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './helpers.mjs';

const engine = h.findEngine();
const skip = engine ? false : h.NO_ENGINE_REASON;

async function open(t, { width = 1280, height = 800, isolation = true, hash = '', edit } = {}) {
  const { server, browser } = await h.startSite(t, engine, { isolation, edit, viewport: { width, height } });
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  const log = h.watch(page);
  await page.goto(`${server.url}index.html${isolation ? '' : '?coi=0'}${hash}`);
  const ready = await h.awaitReady(page);
  assert.ok(ready.ok, `ready rejected: ${ready.error}`);
  await page.waitForTimeout(400); // a few frames after the loading screen went away
  return { page, log, server, browser };
}

/**
 * Waits until the app holds its finished run's trace (it follows the run's end in a message of its
 * own, later still on a loaded machine) and has drawn a frame with it: what the timeline, summary
 * and memory view show comes from the trace.
 */
async function traced(frame, timeout = 60000) {
  await frame.waitForFunction(() => window.interleave.state().hasTrace, null, { timeout, polling: 50 });
  await frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** A screenshot of the page saved as build/browser/NAME.png, decoded. */
async function shot(page, name) {
  const file = await h.saveShot(page, name);
  const { readFile } = await import('node:fs/promises');
  return h.decodePng(await readFile(file));
}

function describe(s) {
  return `${s.distinct} colours, dominant ${(s.dominantShare * 100).toFixed(1)}%, edges ${(s.edges * 100).toFixed(2)}%`;
}

/** The share of a region's pixels in a strong colour (a lane's state), not greys. */
function saturatedShare(img, { x, y, w, h: hh }) {
  let n = 0;
  let hit = 0;
  for (let yy = Math.round(y); yy < Math.round(y + hh); yy++) {
    for (let xx = Math.round(x); xx < Math.round(x + w); xx++) {
      const i = (yy * img.width + xx) * 4;
      const c = [img.data[i], img.data[i + 1], img.data[i + 2]];
      if (Math.max(...c) - Math.min(...c) > 60) hit++;
      n++;
    }
  }
  return n ? hit / n : 0;
}

/** The panels' rectangles as the app reports them (window.interleave.state().layout). */
function panels(state) {
  const out = { compact: state.layout.compact };
  for (const [name, r] of Object.entries(state.layout)) {
    if (Array.isArray(r)) out[name] = { x: r[0], y: r[1], w: r[2], h: r[3] };
  }
  return out;
}

function assertText(img, rect, what, minEdges = 0.01) {
  const s = h.regionStats(img, rect);
  assert.ok(s.distinct >= 6 && s.edges >= minEdges, `${what} shows text-like detail: ${describe(s)}`);
  return s;
}

test('the gallery, a compare run of countdown, the timeline zoomed in, status texts', { skip, timeout: 400000 }, async (t) => {
  const { page, log } = await open(t, { hash: '#example=countdown&mode=compare' });
  const L = h.appLayout(1280, 800);

  // 1. At start: the gallery lists the lessons, the editor shows countdown.py.
  const idle = await shot(page, 'ui-gallery');
  assertText(idle, L.examples, 'the gallery', 0.02);
  assertText(idle, L.editor, 'the editor', 0.02);
  const idleTimeline = h.regionStats(idle, L.timeline);

  // 2. Run in compare mode (the app's Run, through the URL's settings): both runs on one axis.
  const state0 = await page.evaluate(() => window.interleave.state());
  assert.equal(state0.mode, 'compare');
  assert.equal(state0.example, 'countdown.py');
  await page.evaluate(() => window.interleave.stop()); // nothing runs: harmless
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => document.documentElement.dataset.appRun === 'running', null, { timeout: 10000 });
  const exit = await h.waitAppRun(page, 180000);
  assert.equal(exit, 0, 'countdown ran to its end');
  await page.waitForFunction(() => window.interleave.state().hasCompareTrace, null, { timeout: 10000 });
  await page.waitForTimeout(500);
  const compare = await shot(page, 'ui-compare-countdown');
  const tl = h.regionStats(compare, L.timeline);
  assert.ok(tl.distinct >= idleTimeline.distinct + 8, `the timeline holds two runs' lanes: ${describe(tl)} (idle: ${describe(idleTimeline)})`);
  assertText(compare, L.summary, 'the summary with the sim-vs-real table', 0.02);
  assertText(compare, L.memory, 'the memory view', 0.01);
  assertText(compare, L.console, 'the console', 0.01);

  const st = await page.evaluate(() => window.interleave.state());
  t.diagnostic(`compare status: ${st.status}`);
  assert.match(st.status, /simulated run .*after [\d.]+ s of simulated time/);
  assert.match(st.status, /real run in [\d.]+ s/);

  // 3. The timeline zoomed in with the wheel over its lanes (zoom to the cursor).
  const before = st.visibleEndNs - st.visibleStartNs;
  const cx = L.timeline.x + L.timeline.w * 0.6;
  const cy = L.timeline.y + L.timeline.h * 0.45;
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 12; i++) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(300);
  const zoomedState = await page.evaluate(() => window.interleave.state());
  const after = zoomedState.visibleEndNs - zoomedState.visibleStartNs;
  t.diagnostic(`visible: ${(before / 1e6).toFixed(2)} ms -> ${(after / 1e6).toFixed(3)} ms`);
  assert.ok(after < before / 4, `the wheel zoomed in: ${before} ns -> ${after} ns visible`);
  await page.mouse.move(L.examples.x + 20, L.examples.y + 20); // no tooltip in the picture
  await page.waitForTimeout(200);
  const zoomed = await shot(page, 'ui-timeline-zoomed');
  const z = h.regionStats(zoomed, L.timeline);
  assert.ok(z.distinct >= 12 && z.dominantShare < 0.9, `the zoomed timeline is drawn: ${describe(z)}`);

  // 4. Status texts of the other modes: sim names virtual time, real wall time.
  for (const [mode, pattern] of [['sim', /finished \(exit status 0\) after [\d.]+ s of simulated time$/],
    ['real', /finished \(exit status 0\) in [\d.]+ s$/]]) {
    await page.evaluate((m) => { location.hash = `example=square_quad&mode=${m}&autorun=1`; }, mode);
    await page.waitForFunction(() => document.documentElement.dataset.appRun === 'running', null, { timeout: 10000 });
    assert.equal(await h.waitAppRun(page), 0);
    await page.waitForFunction(() => window.interleave.state().status !== '', null, { timeout: 10000 });
    const s = await page.evaluate(() => window.interleave.state());
    t.diagnostic(`${mode} status: ${s.status}`);
    assert.match(s.status, pattern);
  }
  // After the sim-then-real runs of square_quad: the memory view with the process's globals.
  await traced(page);
  await page.waitForTimeout(400);
  const memory = await shot(page, 'ui-memory-square-quad');
  assertText(memory, L.memory, 'the memory view after square_quad', 0.02);
  assert.deepEqual(log.errors, [], 'no page errors or console errors');
});

test('narrow windows (600 and 400 px wide) keep every panel on screen and drawn', { skip, timeout: 300000 }, async (t) => {
  const { page, log } = await open(t, { width: 600, height: 800, hash: '#example=square_quad&mode=sim&autorun=1' });
  assert.equal(await h.waitAppRun(page), 0);
  await traced(page);
  await page.waitForTimeout(500);
  for (const width of [600, 400]) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(600);
    const img = await shot(page, `ui-narrow-${width}`);
    const L = h.appLayout(width, 800);
    assert.ok(L.narrow);
    for (const name of ['examples', 'editor', 'timeline', 'summary', 'memory', 'console']) {
      const r = L[name];
      assert.ok(r.x >= 0 && r.x + r.w <= width && r.w >= 100, `${name} fits in ${width} px: ${JSON.stringify(r)}`);
      const s = h.regionStats(img, r);
      assert.ok(s.distinct >= 4, `${name} is drawn at ${width} px: ${describe(s)}`);
    }
    assertText(img, L.editor, `the editor at ${width} px`, 0.02);
    // The Run button stays reachable: the editor's first row is not cut off.
    const bar = h.regionStats(img, { x: L.editor.x, y: L.editor.y + 23, w: L.editor.w, h: 40 });
    assert.ok(bar.distinct >= 6, `the run bar is drawn at ${width} px: ${describe(bar)}`);
  }
  assert.deepEqual(log.errors, [], 'no page errors or console errors');
});

const HOST = (hash) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A documentation page</title>
<link rel="icon" href="favicon.svg">
<style>body{font:15px system-ui;margin:24px;background:#fff;color:#222} iframe{border:1px solid #ccc;border-radius:8px}</style>
</head><body>
<h1>Why two threads are not faster</h1>
<p>Press Run in the embed below.</p>
<iframe id="demo" src="embed.html${hash}" width="820" height="480" title="Interleave demo"></iframe>
</body></html>
`;

test('embed.html in an iframe of a plain host page: drawn, runs its example', { skip, timeout: 300000 }, async (t) => {
  const { server, browser } = await h.startSite(t, engine, {
    isolation: false,
    viewport: { width: 900, height: 640 },
    edit: (dir) => h.writeHostPage(dir, 'docs.html', HOST('#example=countdown&mode=sim&autorun=1')),
  });
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  const log = h.watch(page);
  await page.goto(`${server.url}docs.html`);
  const embed = page.frames().find((f) => f.url().includes('embed.html'));
  assert.ok(embed, 'the iframe loaded embed.html');
  const ready = await h.awaitReady(embed);
  assert.ok(ready.ok, `ready rejected: ${ready.error}`);
  await embed.waitForFunction(() => document.documentElement.dataset.appRun === 'done', null, { timeout: 120000 });
  await traced(embed);
  await page.waitForTimeout(600);
  const img = await shot(page, 'ui-embed-host-page');
  const box = await page.locator('#demo').boundingBox();
  const inside = h.regionStats(img, { x: box.x + 2, y: box.y + 2, w: box.width - 4, h: box.height - 4 });
  assert.ok(inside.distinct >= 16 && inside.edges >= 0.02, `the embed draws the app: ${describe(inside)}`);
  const L = panels(await embed.evaluate(() => window.interleave.state()));
  assert.ok(L.compact, 'an embed 820x480 gets the compact layout');
  const tl = h.regionStats(img, { x: box.x + 1 + L.timeline.x, y: box.y + 1 + L.timeline.y, w: L.timeline.w, h: L.timeline.h });
  assert.ok(tl.distinct >= 8, `the embed's timeline shows the run: ${describe(tl)}`);
  // 480 px high is short: the timeline keeps room for its lanes (engine/ui/layout.cpp's
  // kTimelineMinHeight). Its window spans the run (a panel too short for lanes showed "1 ns
  // visible"), and the band of the first lanes (GIL holder, MainThread: below the toolbar, axis
  // and process header; right of the names column) is mostly state colours, not panel background.
  const view = await embed.evaluate(() => window.interleave.state());
  const span = view.visibleEndNs - view.visibleStartNs;
  assert.ok(span > 100e6, `the embed's timeline shows the run's 0.27 s, not ${span} ns`);
  const band = { x: box.x + 1 + L.timeline.x + 150, y: box.y + 1 + L.timeline.y + 100, w: L.timeline.w - 170, h: 36 };
  const coloured = saturatedShare(img, band);
  t.diagnostic(`embed timeline: ${L.timeline.h} px high, lanes band ${(coloured * 100).toFixed(0)}% state colours`);
  assert.ok(coloured > 0.4, `the embed's timeline draws lanes: ${(coloured * 100).toFixed(1)}% of the band coloured`);
  const status = await embed.evaluate(() => window.interleave.state().status);
  assert.match(status, /of simulated time/);
  const host = h.regionStats(img, { x: 0, y: 0, w: 900, h: Math.max(1, box.y - 4) });
  assert.ok(host.dominantShare > 0.8, 'the host page around it is its own (white)');
  assert.deepEqual(log.errors, [], 'no page errors or console errors');
});

test('embed.html at 600x400, 820x480 and 900x600: the compact layout, code, lanes and console readable', { skip, timeout: 300000 }, async (t) => {
  const { server, browser } = await h.startSite(t, engine, { viewport: { width: 900, height: 600 } });
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  const log = h.watch(page);
  await page.goto(`${server.url}embed.html#example=countdown&mode=sim&autorun=1`);
  const ready = await h.awaitReady(page);
  assert.ok(ready.ok, `ready rejected: ${ready.error}`);
  assert.equal(await h.waitAppRun(page), 0);
  await traced(page); // the timeline spans the run once its trace is in
  for (const [width, height] of [[900, 600], [820, 480], [600, 400]]) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(800);
    const img = await shot(page, `ui-embed-${width}x${height}`);
    const state = await page.evaluate(() => window.interleave.state());
    const L = panels(state);
    assert.ok(L.compact, `${width}x${height}: the compact layout`);
    assert.equal(L.examples.w, 0, 'the gallery waits behind the Examples menu');
    // The editor runs the full height: its lower half still shows code lines (at 480 px the old
    // grid showed one line of code).
    assert.ok(L.editor.h >= height - 30, `${width}x${height}: the editor is ${L.editor.h} px high`);
    assertText(img, { x: L.editor.x + 8, y: L.editor.y + L.editor.h * 0.5, w: L.editor.w - 16, h: L.editor.h * 0.35 },
      `${width}x${height}: code in the editor's lower half`, 0.02);
    // The timeline spans the run and its first lanes are state colours.
    const span = state.visibleEndNs - state.visibleStartNs;
    assert.ok(span > 100e6, `${width}x${height}: the timeline shows the run's 0.27 s, not ${span} ns`);
    const band = { x: L.timeline.x + 150, y: L.timeline.y + 100, w: L.timeline.w - 170, h: 36 };
    const coloured = saturatedShare(img, band);
    t.diagnostic(`${width}x${height}: timeline ${L.timeline.w}x${L.timeline.h}, lanes band ${(coloured * 100).toFixed(0)}% state colours`);
    assert.ok(coloured > 0.4, `${width}x${height}: lanes drawn (${(coloured * 100).toFixed(1)}% of the band coloured)`);
    // The tabbed panel under the timeline opens on the console, with the run's output.
    assertText(img, { x: L.console.x + 4, y: L.console.y + 30, w: L.console.w - 8, h: L.console.h - 34 },
      `${width}x${height}: the console tab`, 0.01);
  }
  assert.deepEqual(log.errors, [], 'no page errors or console errors');
});
