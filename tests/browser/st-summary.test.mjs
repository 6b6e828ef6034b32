// The build without threads (a page that is not cross-origin isolated): real mode runs the Python
// threads in turns on one core under one GIL, and says so; its runs come back with a summary like
// the mt build's (the cooperative driver records them, engine/run/coop_trace.h): every thread with
// its CPU and waits, GIL switches between the threads, a lock wait where one thread waited for
// another's lock, and the exit status of a deadlock with its report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './helpers.mjs';

const engine = h.findEngine();
const skip = engine ? false : h.NO_ENGINE_REASON;

const THREADS = `import threading
lock = threading.Lock()
held = threading.Event()
def one():
    with lock:
        held.set()
        n = 0
        while n < 200000:
            n += 1
    print('one done')
def two():
    held.wait()
    with lock:
        print('two got it')
t1 = threading.Thread(target=one)
t2 = threading.Thread(target=two)
t1.start(); t2.start()
t1.join(); t2.join()
print('main done')
`;

const DEADLOCK = `import threading
lock = threading.Lock()
lock.acquire()
lock.acquire()
`;

test('st build: real runs return a summary, info() says one core under the GIL', { skip, timeout: 180000 }, async (t) => {
  const site = await h.makeSite(engine);
  t.after(() => site.cleanup());
  const server = await h.serve(site.dir, { isolation: false });
  t.after(() => server.stop());
  const browser = await h.launch({ viewport: { width: 1000, height: 700 } });
  t.after(() => browser.close());
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  const log = h.watch(page);
  await page.goto(`${server.url}index.html?coi=0`);  // no service worker isolating the page
  const ready = await h.awaitReady(page);
  assert.ok(ready.ok, `ready rejected: ${ready.error}`);
  assert.equal(await page.evaluate(() => crossOriginIsolated), false);

  const info = ready.info;
  assert.equal(info.build, 'st');
  assert.equal(info.threads, false, 'threads are not parallel here');
  assert.match(info.note, /one core under the GIL/);

  const r = await page.evaluate((code) => window.interleave.run({ code, mode: 'real', timeout: 20 }), THREADS);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'one done\ntwo got it\nmain done\n');
  assert.ok(r.summary && typeof r.summary === 'object', `summary: ${JSON.stringify(r.summary)}`);
  const s = r.summary;
  assert.equal(s.format, 'interleave-summary');
  assert.ok(s.wall_ns > 0 && s.cpu_ns > 0, `wall ${s.wall_ns}, cpu ${s.cpu_ns}`);
  assert.ok(s.cpu_ns <= s.wall_ns * 1.01, 'one core: CPU time never exceeds wall time');
  assert.deepEqual(s.threads.map((x) => x.name), ['MainThread', 'Thread-1 (one)', 'Thread-2 (two)']);
  assert.ok(s.gil_switches >= 2, `GIL switches: ${s.gil_switches}`);
  const two = s.threads[2];
  assert.ok(two.wait_ns.lock > 0, `Thread-2 waited for the lock: ${JSON.stringify(two.wait_ns)}`);
  assert.ok(s.threads[0].wait_ns.join > 0, 'the main thread waited in join()');
  assert.equal(s.processes.length, 1);
  assert.equal(s.processes[0].threads, 3);

  const d = await page.evaluate((code) => window.interleave.run({ code, mode: 'real', timeout: 20 }), DEADLOCK);
  assert.equal(d.exitCode, 3);
  assert.match(d.stderr, /Deadlock/);
  assert.ok(d.summary && d.summary.threads.length === 1, `deadlock summary: ${JSON.stringify(d.summary)}`);

  assert.deepEqual(log.errors, [], 'no page errors or console errors');
});
