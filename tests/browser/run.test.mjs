// Programs running for real in the browser: index.html served with COOP/COEP (cross-origin
// isolated, build mt), window.interleave.run() in real mode. Every thread-only program of the
// shared corpus must meet its .expected file; Python threads are pthreads in the run worker, so a
// program may start more threads than the pre-started pool; `gil off` runs; Stop ends a spinning
// program within 200 ms (measured from stop() to the result in the page); malformed requests are
// refused with a clear error; the app's Run button goes through the same worker; a screenshot of
// the page after a run lands in build/browser/index-after-run.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './helpers.mjs';
import { threadPrograms, judge } from './corpus.mjs';

const engine = h.findEngine();
const skip = engine ? false : h.NO_ENGINE_REASON;
const programs = threadPrograms();

async function openIndex(t) {
  const site = await h.makeSite(engine);
  t.after(() => site.cleanup());
  const server = await h.serve(site.dir, { isolation: true });
  t.after(() => server.stop());
  const browser = await h.launch({ viewport: { width: 1280, height: 800 } });
  t.after(() => browser.close());
  // Records what the page posts to its workers (to see the app's Run button reach the run worker).
  await browser.context.addInitScript(() => {
    window.__ilPosted = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function postMessage(msg, ...rest) {
      if (msg && typeof msg === 'object' && typeof msg.type === 'string') {
        window.__ilPosted.push({ type: msg.type, mode: msg.mode, code: typeof msg.code === 'string' ? msg.code.slice(0, 200) : undefined });
      }
      return post.call(this, msg, ...rest);
    };
  });
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  const log = h.watch(page);
  await page.goto(`${server.url}index.html`);
  const ready = await h.awaitReady(page);
  assert.ok(ready.ok, `ready rejected: ${ready.error}`);
  return { page, log, ready };
}

function run(page, request) {
  return page.evaluate((r) => window.interleave.run(r).then(
    (v) => ({ ok: true, ...v }),
    (e) => ({ ok: false, message: String(e?.message ?? e), code: e?.code ?? null })), request);
}

test('index.html (isolated): programs run for real on Wasm pthreads', { skip, timeout: 400000 }, async (t) => {
  const { page, log, ready } = await openIndex(t);
  await t.test('the corpus', () => corpus(t, page, ready));
  await t.test('threads past the pool, gil off, stop within 200 ms, bad requests, the Run button', (st) => more(st, page));
  assert.deepEqual(log.errors, [], 'no page errors or console errors');
});

async function corpus(t, page, ready) {
  assert.ok(programs.length >= 8, `thread-only corpus programs found: ${programs.length}`);
  assert.equal(ready.info.build, 'mt');
  assert.equal(ready.info.threads, true);
  assert.equal(ready.info.note, undefined, 'no one-core note when threads are real');

  const failures = [];
  for (const p of programs) {
    // Real runs are timed by this machine, which the browser tests share with other work: a
    // program that fails is run once more, and both outcomes are reported.
    const never = p.expected.length === 1 && p.expected[0] === '!timeout';
    let problem = null;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const t0 = Date.now();
      const r = await run(page, { code: p.code, mode: 'real', timeout: never ? 2 : 5, filename: `${p.name}.py` });
      assert.ok(r.ok, `${p.name}: run() rejected: ${r.message}`);
      problem = judge(p.expected, r);
      t.diagnostic(`${problem ? 'FAIL' : 'ok  '} ${p.name}${attempt > 1 ? ' (second try)' : ''} ` +
        `(${((Date.now() - t0) / 1000).toFixed(1)} s)${problem ? `: ${problem}` : ''}`);
      if (!problem) break;
      problem = `${problem}\n${r.stderr.slice(-600)}`;
    }
    if (problem) failures.push(`${p.name}: ${problem}`);
  }
  assert.deepEqual(failures, [], 'every thread-only corpus program meets its expectation in real mode');

  // A real run comes with the run's numbers (the same summary as --summary).
  const counted = await run(page, { code: 'import threading\nt = threading.Thread(target=print, args=("hi",))\nt.start(); t.join()\n' });
  assert.equal(counted.exitCode, 0);
  assert.equal(counted.stdout, 'hi\n');
  assert.equal(typeof counted.summary, 'object');
  assert.notEqual(counted.summary, null, 'a summary object');
  assert.equal(counted.summary.threads.length, 2, 'the summary counts both threads');
}

async function more(t, page) {
  // 24 threads alive at once (a barrier holds them all): 4x the pre-started pthread pool.
  const many = await run(page, {
    code: 'import threading\nn = 24\nb = threading.Barrier(n + 1)\nseen = []\n' +
      'def w(i):\n    b.wait()\n    seen.append(i)\n' +
      'ts = [threading.Thread(target=w, args=(i,)) for i in range(n)]\nfor x in ts: x.start()\n' +
      'b.wait()\nfor x in ts: x.join()\nprint(len(seen), threading.active_count())\n',
    mode: 'real', timeout: 60,
  });
  assert.equal(many.exitCode, 0, many.stderr);
  assert.equal(many.stdout, '24 1\n');

  // No GIL: two threads really in parallel, the shared counter under a lock stays exact.
  const nogil = await run(page, {
    code: 'import threading\nlock = threading.Lock()\nn = 0\n' +
      'def w():\n    global n\n    for _ in range(20000):\n        with lock:\n            n += 1\n' +
      'ts = [threading.Thread(target=w) for _ in range(4)]\nfor x in ts: x.start()\nfor x in ts: x.join()\nprint(n)\n',
    mode: 'real', gil: 'off', timeout: 60,
  });
  assert.equal(nogil.exitCode, 0, nogil.stderr);
  assert.equal(nogil.stdout, '80000\n');

  // Stop: three threads and the main thread spinning. The engine ends the run within 200 ms of the
  // request reaching the run worker (stopMs, measured there). The page sees the result once its own
  // main thread is free: here it also draws the app with a software renderer, so the page-side
  // time (also reported, with the frame time) is longer than on a machine with a GPU.
  const frameMs = await page.evaluate(() => new Promise((resolve) => {
    const t = [];
    const step = (now) => {
      t.push(now);
      if (t.length < 11) requestAnimationFrame(step);
      else resolve((t[10] - t[0]) / 10);
    };
    requestAnimationFrame(step);
  }));
  const stop = await page.evaluate(async () => {
    const code = 'import threading\ndef spin():\n    while True:\n        pass\n' +
      'for _ in range(3):\n    threading.Thread(target=spin, daemon=True).start()\nprint("spinning", flush=True)\nwhile True:\n    pass\n';
    const p = window.interleave.run({ code, mode: 'real' });
    await new Promise((r) => setTimeout(r, 1500));
    const t0 = performance.now();
    window.interleave.stop();
    const r = await p;
    return { latency: performance.now() - t0, ...r };
  });
  t.diagnostic(`stop (mt, real mode, 4 spinning threads): engine ${stop.stopMs.toFixed(1)} ms, page ` +
    `${stop.latency.toFixed(1)} ms (the page draws a frame every ${frameMs.toFixed(0)} ms here)`);
  assert.equal(stop.exitCode, 124);
  assert.equal(stop.stdout, 'spinning\n');
  assert.ok(stop.stopMs < 200, `the engine stopped in ${stop.stopMs.toFixed(1)} ms`);
  assert.ok(stop.latency < 200 + 2 * frameMs, `the page had the result ${stop.latency.toFixed(1)} ms after stop()`);
  await h.recordTiming('stop-mt', { engineMs: Math.round(stop.stopMs * 10) / 10, pageMs: Math.round(stop.latency * 10) / 10, frameMs: Math.round(frameMs) });

  // The time limit: a program that never ends stops with 124 after `timeout` seconds.
  const limited = await run(page, { code: 'while True:\n    pass\n', timeout: 0.5 });
  assert.equal(limited.exitCode, 124);
  assert.match(limited.stderr, /time limit/);

  // The CLI's statuses: an exception (1), a syntax error (1), a deadlock (3).
  const raised = await run(page, { code: 'raise ValueError("bad input")\n' });
  assert.equal(raised.exitCode, 1);
  assert.match(raised.stderr, /ValueError: bad input/);
  const syntax = await run(page, { code: 'def f():\n    pass\nreturn 5\n' });
  assert.equal(syntax.exitCode, 1);
  assert.match(syntax.stderr, /SyntaxError: 'return' outside function/);

  // Malformed requests: refused with a clear message, nothing run.
  const bad = [
    [undefined, /plain object/],
    ['print(1)', /plain object/],
    [{}, /"code" must be a string/],
    [{ code: 'print(1)', mode: 'fast' }, /"mode" must be one of "real", "sim"/],
    [{ code: 'print(1)', gil: true }, /"gil" must be one of/],
    [{ code: 'print(1)', interval: -1 }, /"interval" must be a number from/],
    [{ code: 'print(1)', interval: 'NaN' }, /"interval" must be a number/],
    [{ code: 'print(1)', cores: 2.5 }, /"cores" must be an integer/],
    [{ code: 'print(1)', cores: 1000 }, /"cores" must be an integer from 1 to 256/],
    [{ code: 'print(1)', start: 'forkserver' }, /"start" must be one of "spawn", "fork"/],
    [{ code: 'print(1)', timeout: Infinity }, /"timeout" must be a number/],
    [{ code: 'print(1)', evil: '<img src=x onerror=alert(1)>' }, /unknown field "evil"/],
    [{ code: 'x'.repeat(300 * 1024) }, /"code" is longer than/],
  ];
  for (const [req, pattern] of bad) {
    const r = await run(page, req);
    assert.equal(r.ok, false, `refused: ${JSON.stringify(req)?.slice(0, 80)}`);
    assert.equal(r.code, 'bad-request');
    assert.match(r.message, pattern);
  }

  // The app's own Run button (Ctrl+Enter) goes to the same run worker.
  const before = await page.evaluate(() => window.__ilPosted.filter((m) => m.type === 'run').length);
  await page.locator('#canvas').click({ position: { x: 640, y: 760 } });
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((n) => window.__ilPosted.filter((m) => m.type === 'run').length > n, before, { timeout: 10000 });
  const posted = await page.evaluate(() => window.__ilPosted.filter((m) => m.type === 'run').at(-1));
  assert.match(posted.code, /from threading import Thread/, 'the editor\'s program was sent to the run worker');

  // One more run from the API, then the picture: the console shows both runs.
  const shown = await run(page, { code: 'for i in range(3):\n    print("hello from the page API", i)\n' });
  assert.equal(shown.exitCode, 0);
  await page.waitForTimeout(5000);
  const stats = h.pixelStats(await h.canvasShot(page));
  assert.ok(h.looksDrawn(stats), 'the app is drawn after runs');
  await h.saveShot(page, 'index-after-run');
}
