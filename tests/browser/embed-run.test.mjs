// The simulator in an embed: embed.html in an iframe of a plain, non-isolated host page (so the
// build without threads), driven only by postMessage from the host. Every thread-only corpus
// program runs in simulated mode and its stdout, stderr and exit status must be byte-identical to
// the native simulator's (`interleave run FILE --mode sim --cores 4`, from $INTERLEAVE_NATIVE or
// build/native/interleave), and meet its .expected file. Real mode there runs the threads on one
// core under the GIL (info() says so) and still passes; Stop terminates the worker within 200 ms
// and the next run works on a fresh one; malformed postMessage requests are answered with errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as h from './helpers.mjs';
import { threadPrograms, judge } from './corpus.mjs';

const engine = h.findEngine();
const NATIVE = [process.env.INTERLEAVE_NATIVE, path.join(h.ROOT, 'build/native/interleave')]
  .find((p) => p && existsSync(p));
const skip = engine ? false : h.NO_ENGINE_REASON;
const programs = threadPrograms();
const CORES = 4;
const run = promisify(execFile);

const HOST = h.askingHostPage({
  title: "Docs page running Interleave's simulator", heading: '<h1>Python threads, simulated</h1>\n',
  src: 'embed.html#mode=sim',
});

// A program that never ends only has to reach its limit: half a virtual second is enough (and five
// would take minutes of wall time to simulate on a loaded machine).
const limitFor = (p) => (p.expected.length === 1 && p.expected[0] === '!timeout' ? 0.5 : 5);

async function nativeSim(p) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'interleave-sim-'));
  const traceFile = path.join(dir, 'trace.json');
  const readTrace = () => (existsSync(traceFile) ? readFileSync(traceFile, 'utf8') : null);
  try {
    const { stdout, stderr } = await run(NATIVE, ['run', p.file, '--mode', 'sim', '--cores', String(CORES),
      '--timeout', String(limitFor(p)), '--trace', traceFile], { maxBuffer: 64 << 20 });
    return { exitCode: 0, stdout, stderr, trace: readTrace() };
  } catch (e) {
    if (typeof e.code !== 'number') throw e;
    return { exitCode: e.code, stdout: e.stdout, stderr: e.stderr, trace: readTrace() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('embed.html in a plain page: simulated runs by postMessage match the native simulator byte for byte', { skip, timeout: 300000 }, async (t) => {
  assert.ok(programs.length >= 8, `thread-only corpus programs found: ${programs.length}`);
  // The native simulator's runs go on meanwhile (one at a time), so their time overlaps the browser's.
  const natives = new Map();
  if (NATIVE) {
    let chain = Promise.resolve();
    for (const p of programs) {
      chain = chain.then(() => nativeSim(p));
      natives.set(p.name, chain);
    }
  }
  const site = await h.makeSite(engine, (dir) => h.writeHostPage(dir, 'host.html', HOST));
  t.after(() => site.cleanup());
  const server = await h.serve(site.dir, { isolation: false });
  t.after(() => server.stop());
  const browser = await h.launch({ viewport: { width: 900, height: 620 } });
  t.after(() => browser.close());
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  const log = h.watch(page);
  await page.goto(`${server.url}host.html`);
  assert.equal(await page.evaluate(() => crossOriginIsolated), false, 'the host page is not isolated');

  const info = await page.evaluate(() => window.ask('interleave:info'));
  assert.equal(info.result.build, 'st');
  assert.equal(info.result.threads, false);
  assert.match(info.result.note, /one core under the GIL/);

  const failures = [];
  for (const p of programs) {
    const req = { code: p.code, mode: 'sim', cores: CORES, timeout: limitFor(p), filename: p.file, trace: true };
    const reply = await page.evaluate((r) => window.ask('interleave:run', { request: r }), req);
    assert.ok(reply.result, `${p.name}: ${JSON.stringify(reply.error)}`);
    const got = reply.result;
    let problem = judge(p.expected, got);
    if (!problem && NATIVE) {
      const want = await natives.get(p.name);
      if (got.exitCode !== want.exitCode) problem = `exit ${got.exitCode}, native sim ${want.exitCode}`;
      else if (got.stdout !== want.stdout) problem = `stdout differs from the native simulator's:\n${JSON.stringify(got.stdout).slice(0, 300)}\n${JSON.stringify(want.stdout).slice(0, 300)}`;
      else if (got.stderr !== want.stderr) problem = `stderr differs from the native simulator's:\n${JSON.stringify(got.stderr).slice(0, 300)}\n${JSON.stringify(want.stderr).slice(0, 300)}`;
      else if (got.trace !== want.trace) problem = `the trace differs from the native simulator's (${got.trace?.length} vs ${want.trace?.length} bytes)`;
    }
    if (!problem && got.exitCode !== 124 && (got.summary === null || typeof got.summary !== 'object')) problem = 'no summary';
    t.diagnostic(`${problem ? 'FAIL' : 'ok  '} ${p.name}${problem ? `: ${problem}` : ''}`);
    if (problem) failures.push(`${p.name}: ${problem}`);
  }
  if (!NATIVE) t.diagnostic('no native build: compared with .expected only (set INTERLEAVE_NATIVE)');
  assert.deepEqual(failures, [], 'simulated runs in the embed');

  // Determinism inside the browser too: the same run twice gives the same output.
  const race = programs.find((p) => p.name === 'race_counter') ?? programs[0];
  const twice = await page.evaluate(async (code) => {
    const a = await window.ask('interleave:run', { request: { code, mode: 'sim', cores: 2 } });
    const b = await window.ask('interleave:run', { request: { code, mode: 'sim', cores: 2 } });
    return [a.result.stdout, b.result.stdout];
  }, race.code);
  assert.equal(twice[0], twice[1]);

  // Real mode without threads: cooperative, one core, under the GIL; the corpus still passes.
  for (const name of ['queue_threads_event', 'rlock_reentrant', 'lock_reentry_deadlock', 'semaphore']) {
    const p = programs.find((x) => x.name === name);
    if (!p) continue;
    const reply = await page.evaluate((r) => window.ask('interleave:run', { request: r }), { code: p.code, mode: 'real', timeout: 5 });
    const problem = judge(p.expected, reply.result);
    assert.equal(problem, null, `${name} in real mode (one core): ${problem}`);
  }

  // Stop: the worker is terminated and replaced at once. The host sees the answer when the embed's
  // main thread is free; it draws the app with a software renderer here, so allow two frames.
  const embed = page.frames().find((f) => f.url().includes('embed.html'));
  const frameMs = await embed.evaluate(() => new Promise((resolve) => {
    const t = [];
    const step = (now) => {
      t.push(now);
      if (t.length < 11) requestAnimationFrame(step);
      else resolve((t[10] - t[0]) / 10);
    };
    requestAnimationFrame(step);
  }));
  const stop = await page.evaluate(async () => {
    const running = window.ask('interleave:run', { request: { code: 'print("spinning", flush=True)\nwhile True:\n    pass\n', mode: 'real' } });
    await new Promise((r) => setTimeout(r, 1500));
    const t0 = performance.now();
    await window.ask('interleave:stop');
    const r = await running;
    const latency = performance.now() - t0;
    const after = await window.ask('interleave:run', { request: { code: 'print(6 * 7)' } });
    return { latency, result: r.result, after: after.result };
  });
  t.diagnostic(`stop (st, worker terminated): ${stop.result.stopMs.toFixed(1)} ms in the embed, ` +
    `${stop.latency.toFixed(1)} ms from the host's request to the answer (the embed draws a frame every ` +
    `${frameMs.toFixed(0)} ms here)`);
  assert.equal(stop.result.exitCode, 124);
  assert.equal(stop.result.stdout, 'spinning\n');
  assert.ok(stop.result.stopMs < 200, `the embed ended the run ${stop.result.stopMs.toFixed(1)} ms after the request reached it`);
  assert.ok(stop.latency < 5000, `the host had the answer after ${stop.latency.toFixed(1)} ms`);
  assert.equal(stop.after.stdout, '42\n', 'the next run works on a fresh worker');
  await h.recordTiming('stop-st', { embedMs: Math.round(stop.result.stopMs * 10) / 10, hostMs: Math.round(stop.latency * 10) / 10, frameMs: Math.round(frameMs) });

  // Malformed requests through postMessage: answered with the validator's errors.
  const bad = await page.evaluate(async () => [
    await window.ask('interleave:run', { request: { code: 1 } }),
    await window.ask('interleave:run', { request: { code: 'print(1)', mode: 'compare' } }),
    await window.ask('interleave:run', { request: { code: 'print(1)', cores: -3 } }),
  ]);
  for (const r of bad) assert.equal(r.error?.code, 'bad-request', JSON.stringify(r));
  assert.match(bad[0].error.message, /"code" must be a string/);

  await page.waitForTimeout(1500);
  await h.saveShot(page, 'embed-after-runs');
  assert.deepEqual(log.errors, [], 'no page errors or console errors');
});
