// The simulator's model in the page (docs/model-panel.md): a share link's `model=` (the edited
// keys) reaches the app and its simulated run (countdown with every instruction twice as costly
// takes twice the simulated time of the same page without it), comes back in the app's own share
// link, and bad values are clamped or refused without harm; window.interleave.run() takes a
// `profile` (INI text) whose simulated run is byte-identical to the native simulator's with the
// same file, on the isolated page (mt) and on the plain one (st); the Model window opened from
// the Run menu is drawn (screenshot build/browser/model-window.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as h from './helpers.mjs';
import { buildShareHash, parseHash, MAX_MODEL_CHARS } from '../../public/params.js';
import { validateRunRequest, MAX_PROFILE_CHARS } from '../../public/run-request.js';

const engine = h.findEngine();
const skip = engine ? false : h.NO_ENGINE_REASON;
const NATIVE = [process.env.INTERLEAVE_NATIVE, path.join(h.ROOT, 'build/native/interleave')]
  .find((p) => p && existsSync(p));
const execFileP = promisify(execFile);

// Every instruction class at twice its built-in cost (docs/simulator.md's [ops] defaults).
const OPS = { load: 2, store: 2, global: 16, attr: 26, arith: 24, compare: 12, jump: 4, subscr: 26,
  build: 38, call: 36, iter: 12, other: 4 };
const DOUBLED = Object.entries(OPS).map(([k, v]) => `ops.${k}:${2 * v}`).join(',');

test('model= and profile: the page\'s checks (Node only)', async () => {
  const warnings = [];
  const parse = (hash) => parseHash(hash, (m) => warnings.push(m));
  assert.equal(parse(`#example=countdown&model=${DOUBLED}`).model, DOUBLED);
  assert.equal(parse('#model=machine.background_load:2,os.time_slice:8ms,gil.signal:0').model,
    'machine.background_load:2,os.time_slice:8ms,gil.signal:0');
  // Shape only: unknown keys pass here (the app ignores them), anything else is dropped whole.
  assert.equal(parse('#model=future.key:5').model, 'future.key:5');
  warnings.length = 0;
  for (const bad of ['', 'ops.arith', 'ops.arith:', 'ops.arith:-1', 'ops.arith:4.5us', 'ops.arith:4h',
    'OPS.arith:4', 'ops.arith:48;x', 'ops.arith:48,', ',ops.arith:48', 'ops.arith:48%0A[gil]',
    'ops.arith:48%26mode%3Dreal', `ops.arith:${'9'.repeat(20)}`,
    Array(129).fill('ops.arith:1').join(','), `ops.arith:1,${'x.y:1,'.repeat(400)}x.y:1`]) {
    assert.equal(parse(`#model=${bad}`).model, undefined, bad.slice(0, 60));
  }
  assert.ok(warnings.length >= 14 && warnings.every((w) => /"model"/.test(w)), warnings.join('\n'));
  assert.ok(MAX_MODEL_CHARS >= 1024);
  // buildShareHash writes model= last, only when valid and not empty.
  const settings = { example: 'countdown', mode: 'sim', gil: 'on', interval: 0.005, cores: 2, start: 'spawn', limit: 10 };
  assert.match(await buildShareHash({ ...settings, model: 'ops.arith:48' }), /&limit=10&model=ops\.arith:48$/);
  assert.doesNotMatch(await buildShareHash({ ...settings, model: '' }), /model=/);
  assert.doesNotMatch(await buildShareHash({ ...settings, model: 'ops.arith:48&mode=real' }), /model=/);

  // validateRunRequest: profile only for sim, bounded, no control characters but tab and breaks.
  const ok = validateRunRequest({ code: 'x', mode: 'sim', profile: '[ops]\r\n\tarith = 48\n' });
  assert.equal(ok.profile, '[ops]\r\n\tarith = 48\n');
  assert.equal('profile' in validateRunRequest({ code: 'x', mode: 'sim' }), false, 'absent: no field');
  assert.equal('profile' in validateRunRequest({ code: 'x', mode: 'real', profile: '' }), false);
  for (const [req, why] of [
    [{ code: 'x', mode: 'real', profile: 'a = 1' }, /needs "mode": "sim"/],
    [{ code: 'x', profile: 'a = 1' }, /needs "mode": "sim"/],
    [{ code: 'x', mode: 'sim', profile: null }, /"profile" must be/],
    [{ code: 'x', mode: 'sim', profile: ['a'] }, /"profile" must be/],
    [{ code: 'x', mode: 'sim', profile: 'a\u0001' }, /"profile" must be/],
    [{ code: 'x', mode: 'sim', profile: 'a'.repeat(MAX_PROFILE_CHARS + 1) }, /"profile" must be/],
  ]) {
    assert.throws(() => validateRunRequest(req), why);
  }
});

// The simulated seconds of the app's last run, from its outcome line.
async function simulatedSeconds(page) {
  const exit = await h.waitAppRun(page);
  assert.equal(exit, 0, 'the run ended well');
  let status = '';
  for (const until = Date.now() + 20000; Date.now() < until;) {
    status = (await page.evaluate(() => window.interleave.state())).status;
    if (/simulated time/.test(status)) break;
    await page.waitForTimeout(100);
  }
  const m = /after ([\d.]+) (m?s) of simulated time/.exec(status);
  assert.ok(m, `the outcome names the simulated time: ${status}`);
  return Number(m[1]) * (m[2] === 'ms' ? 1e-3 : 1);
}

test('a link\'s model reaches the simulated run, travels back in Share, bad values are harmless', { skip, timeout: 300000 }, async (t) => {
  const { server, browser } = await h.startSite(t, engine, { viewport: { width: 1280, height: 800 } });
  const base = `${server.url}index.html#example=countdown&mode=sim&cores=2`;

  const plain = await h.openPage(browser, `${base}&autorun`);
  assert.equal((await plain.page.evaluate(() => window.interleave.state())).model, '', 'no link, no edits');
  const builtIn = await simulatedSeconds(plain.page);

  const edited = await h.openPage(browser, `${base}&model=${DOUBLED}&autorun`);
  const state = await edited.page.evaluate(() => window.interleave.state());
  assert.equal(state.model, DOUBLED, 'the app holds the link\'s model');
  const doubled = await simulatedSeconds(edited.page);
  t.diagnostic(`countdown.py simulated: built-in ${builtIn} s, doubled instruction costs ${doubled} s`);
  assert.ok(doubled / builtIn > 1.9 && doubled / builtIn < 2.1, `twice the simulated time: ${builtIn} -> ${doubled}`);

  // The app's own link carries the model back, unchanged.
  const shared = await edited.page.evaluate(() => window.interleave.share('link'));
  assert.equal(parseHash(new URL(shared.url).hash, () => {}).model, DOUBLED);
  await edited.page.keyboard.press('Escape');

  // Out-of-range values are clamped and unknown keys ignored by the app; a malformed value is
  // refused whole by the page (a notice), the model left built-in; nothing fails.
  const clamped = await h.openPage(browser, `${base}&model=ops.arith:0,warp.speed:9,machine.background_load:999`);
  assert.equal((await clamped.page.evaluate(() => window.interleave.state())).model,
    'ops.arith:1,machine.background_load:64');
  const bad = await h.openPage(browser, `${base}&model=ops.arith:48%0A%5Bgil%5D`);
  assert.equal((await bad.page.evaluate(() => window.interleave.state())).model, '');
  assert.ok(bad.log.console.some((m) => /bad value for "model"/.test(m)), 'the page says what it dropped');
  for (const p of [plain, edited, clamped, bad]) assert.deepEqual(p.log.errors, [], 'no page errors');

  // The Model window, opened from the Run menu: drawn, not blank.
  const page = edited.page;
  await page.bringToFront();  // a page in the background draws no frames
  await page.waitForTimeout(300);
  await page.mouse.click(62, 11);  // "Run" in the menu bar
  await page.waitForTimeout(200);
  await page.mouse.click(120, 88); // its "Simulator model..." item
  await page.waitForFunction(() => window.interleave.state().modelWindow === true, null, { timeout: 10000 });
  await page.mouse.move(1270, 790);  // away from the window: no tooltip in the picture
  await page.waitForTimeout(300);
  await h.saveShot(page, 'model-window');
  const shot = h.decodePng(await h.canvasShot(page));
  // The window lies centred over the panels (at most 760 x 640).
  const w = Math.min(760, 1280 - 16), hh = Math.min(640, 800 - 23 - 16);
  const region = h.regionStats(shot, { x: Math.round((1280 - w) / 2), y: Math.round(23 + (800 - 23 - hh) / 2), w, h: hh });
  assert.ok(region.distinct > 8 && region.edges > 0.02, `the Model window shows text: ${JSON.stringify(region)}`);

  // A narrow page (420 px): the window fits the page, its table drops columns rather than cut them.
  const narrow = await h.openPage(browser, `${base}&model=ops.arith:48`);
  await narrow.page.setViewportSize({ width: 420, height: 800 });
  await narrow.page.bringToFront();
  await narrow.page.waitForTimeout(500);
  await narrow.page.mouse.click(62, 11);
  await narrow.page.waitForTimeout(200);
  await narrow.page.mouse.click(120, 88);
  await narrow.page.waitForFunction(() => window.interleave.state().modelWindow === true, null, { timeout: 10000 });
  await narrow.page.mouse.move(415, 795);
  await narrow.page.waitForTimeout(300);
  await h.saveShot(narrow.page, 'model-window-narrow');
  const small = h.decodePng(await h.canvasShot(narrow.page));
  const inner = h.regionStats(small, { x: 12, y: 40, w: 396, h: 700 });
  assert.ok(inner.distinct > 8 && inner.edges > 0.02, `the narrow Model window shows text: ${JSON.stringify(inner)}`);
  assert.deepEqual(narrow.log.errors, []);
});

async function nativeSim(file, profileFile) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'interleave-model-'));
  const traceFile = path.join(dir, 'trace.json');
  try {
    const { stdout, stderr } = await execFileP(NATIVE, ['run', file, '--mode', 'sim', '--cores', '2',
      '--profile', profileFile, '--trace', traceFile], { maxBuffer: 64 << 20 });
    return { exitCode: 0, stdout, stderr, trace: readFileSync(traceFile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const isolation of [true, false]) {
  const build = isolation ? 'mt' : 'st';
  test(`interleave.run({profile}) (${build}): the native simulator's output and trace with the same profile`, { skip, timeout: 300000 }, async (t) => {
    const { server, browser } = await h.startSite(t, engine, { isolation, viewport: { width: 1000, height: 700 } });
    const { page, log } = await h.openPage(browser, `${server.url}index.html${isolation ? '' : '?coi=0'}`);
    assert.equal((await page.evaluate(() => window.interleave.info())).build, build);
    const file = path.join(h.ROOT, 'examples', 'race_counter.py');
    const code = readFileSync(file, 'utf8');
    const profile = '[ops]\narith = 48\n[gil]\nsignal = 5us\n[machine]\nbackground_load = 1\n';
    const run = (req) => page.evaluate(async (r) => {
      try {
        return await window.interleave.run(r);
      } catch (e) {
        return { rejected: String(e?.message ?? e) };
      }
    }, req);

    const got = await run({ code, filename: file, mode: 'sim', cores: 2, profile, trace: true });
    assert.equal(got.exitCode, 0, got.stderr);
    const builtIn = await run({ code, filename: file, mode: 'sim', cores: 2, trace: true });
    assert.notEqual(got.trace, builtIn.trace, 'the profile changed the run');
    if (NATIVE) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'interleave-profile-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      const profileFile = path.join(dir, 'model.ini');
      writeFileSync(profileFile, profile);
      const want = await nativeSim(file, profileFile);
      assert.equal(got.stdout, want.stdout, 'stdout as the native simulator\'s');
      assert.equal(got.stderr, want.stderr);
      assert.equal(got.trace, want.trace, 'the trace byte for byte as the native simulator\'s');
    } else {
      t.diagnostic('no native build: not compared with the native simulator (set INTERLEAVE_NATIVE)');
    }

    // A bad line: the engine refuses the run (status 2) and names the line.
    const bad = await run({ code: 'print(1)', mode: 'sim', profile: '[ops]\narith = fast\n' });
    assert.equal(bad.exitCode, 2);
    assert.match(bad.stderr, /profile line 2: 'fast' is not a duration/);
    // Wrong shapes are refused before running.
    for (const [req, why] of [
      [{ code: 'print(1)', mode: 'real', profile: '[ops]\narith = 48\n' }, /needs "mode": "sim"/],
      [{ code: 'print(1)', mode: 'sim', profile: 42 }, /"profile" must be/],
      [{ code: 'print(1)', mode: 'sim', profile: 'x\u0000' }, /"profile" must be/],
      [{ code: 'print(1)', mode: 'sim', profile: 'a'.repeat(16 * 1024 + 1) }, /"profile" must be/],
    ]) {
      const r = await run(req);
      assert.match(r.rejected ?? '', why, JSON.stringify(r).slice(0, 200));
    }
    assert.deepEqual(log.errors, [], 'no page errors');
  });
}
