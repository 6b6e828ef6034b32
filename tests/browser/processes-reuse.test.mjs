// Process workers that come back for another process, and the pool of workers with threads
// (docs/processes.md, "Processes in the browser"; public/process-router.js, process-worker.js).
// On the isolated index.html, with a program that imports threading (so its children run the
// engine with threads, mt):
//   - children started one after another, each starting a thread, in two runs in a row: every
//     child sees its own run's Value, a module global no earlier child changed, one live thread
//     at its start, and the message its parent sent it on a Pipe shared by all of them; an mt
//     worker whose child ended came back to the pool (its instance reset: processes.starts says
//     recycled, instance >= 2);
//   - children that leave daemon threads behind (one sleeping, one spinning, and eight more
//     threads that ended) end, and their workers still come back for the next children, each
//     keeping 2 idle pthread Web Workers, not the 12 its child used;
//   - the program itself (process 0, always the run worker's engine) leaves a frame taken by
//     poll() in one run; the next run's recv() on the same Pipe end gets its own message;
//   - a burst of 4 children with threads started in a loop before any join all finish with the
//     right results, each on a worker of the pool (it keeps 4 workers with threads), and again;
//   - after every run no process worker runs (processes.live 0), and no page or console error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './helpers.mjs';

const engine = h.findEngine();
const skip = engine ? false : h.NO_ENGINE_REASON;

// process-router.js: idle process workers with threads kept booted.
const POOL_SIZE_MT = 4;

const IN_TURN = (run) => `
import threading
from multiprocessing import Process, Pipe, Value

flag = "fresh"

def child(v, conn, i):
    global flag
    seen = flag
    flag = "changed by child %d" % i
    alive = threading.active_count()
    box = []
    t = threading.Thread(target=lambda: box.append(v.value))
    t.start()
    t.join()
    print("run %d child %d %s %d %s" % (box[0], i, seen, alive, conn.recv()), flush=True)

if __name__ == "__main__":
    v = Value("i", ${run})
    a, b = Pipe()
    for i in range(8):
        a.send("run ${run} msg %d" % i)
        p = Process(target=child, args=(v, b, i))
        p.start()
        p.join()
`;

const inTurnExpected = (run) => [0, 1, 2, 3, 4, 5, 6, 7]
  .map((i) => `run ${run} child ${i} fresh 1 run ${run} msg ${i}\n`).join('');

// Each child leaves two daemon threads running (one sleeping, one spinning) after eight threads
// that ended; its run is over only once the driver stopped them.
const DAEMONS = `
import threading, time
from multiprocessing import Process, Queue

def child(i, q):
    done = []
    ts = [threading.Thread(target=done.append, args=(k,)) for k in range(8)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    threading.Thread(target=time.sleep, args=(1000,), daemon=True).start()
    def spin():
        while True:
            pass
    threading.Thread(target=spin, daemon=True).start()
    q.put((i, len(done), threading.active_count()))

if __name__ == "__main__":
    q = Queue()
    for i in range(6):
        p = Process(target=child, args=(i, q))
        p.start()
        print(q.get(), flush=True)
        p.join()
        print(p.exitcode, flush=True)
`;

const DAEMONS_EXPECTED = [0, 1, 2, 3, 4, 5].map((i) => `(${i}, 8, 3)\n0\n`).join('');

// Process 0 polls (its engine takes the frame and keeps it for a recv) or receives; each run is
// a process of its own (python3 prints "peeked True", then "got from run 2").
const PROGRAM_PEEKS = (run, peek) => `
from multiprocessing import Process, Pipe

def send(conn, text):
    conn.send(text)

if __name__ == "__main__":
    a, b = Pipe()
    p = Process(target=send, args=(b, "from run ${run}"))
    p.start()
    p.join()
    print(${peek ? '"peeked", a.poll(5)' : '"got", a.recv()'})
`;

const BURST = `
import threading
from multiprocessing import Process, Queue

def work(n, q):
    parts = [0, 0]
    def add(k):
        parts[k] = sum(range(n * 1000 + k))
    threads = [threading.Thread(target=add, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    q.put((n, parts[0] + parts[1], threading.active_count()))

if __name__ == "__main__":
    q = Queue()
    ps = [Process(target=work, args=(n, q)) for n in range(4)]
    for p in ps:
        p.start()
    results = sorted(q.get() for _ in ps)
    for p in ps:
        p.join()
    print(results, [p.exitcode for p in ps])
`;

// python3 3.11's output.
const BURST_EXPECTED = '[(0, 0, 1), (1, 1000000, 1), (2, 4000000, 1), (3, 9000000, 1)] [0, 0, 0, 0]\n';

/** The page's process workers with threads now (the browser's list of workers). */
function mtProcessWorkers(page) {
  return page.workers().filter((w) => /\/process-worker\.js\?build=mt/.test(w.url()));
}

test('index.html (isolated): process workers with threads come back, and a burst of 4 finds the pool', { skip, timeout: 600000 }, async (t) => {
  const site = await h.makeSite(engine);
  t.after(() => site.cleanup());
  const server = await h.serve(site.dir, { isolation: true });
  t.after(() => server.stop());
  const browser = await h.launch({ viewport: { width: 1000, height: 700 } });
  t.after(() => browser.close());
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  const log = h.watch(page);
  await page.goto(`${server.url}index.html`);
  const ready = await h.awaitReady(page);
  assert.ok(ready.ok, `ready rejected: ${ready.error}`);
  const run = (request) => page.evaluate((r) => window.interleave.run(r), request);

  // Children in turn, two runs.
  const starts = [];
  for (const n of [1, 2]) {
    const r = await run({ code: IN_TURN(n), mode: 'real', timeout: 60 });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stdout, inTurnExpected(n), 'each child: its run\'s Value, a fresh global, one thread, its own message');
    assert.equal(r.processes.live, 0);
    assert.equal(r.processes.starts.length, 8);
    starts.push(...r.processes.starts);
  }
  assert.ok(starts.every((s) => s.build === 'mt'), `the children ran the engine with threads: ${JSON.stringify(starts)}`);
  const recycled = starts.filter((s) => s.recycled);
  t.diagnostic(`of 16 children in turn ${recycled.length} ran on workers that came back (processes ` +
    `${recycled.map((s) => s.instance).join(', ')} of their worker); waits ${starts.map((s) => s.phases.wait).join(', ')} ms`);
  assert.ok(recycled.length >= 4, `children in turn reuse the mt workers of ended ones: ${JSON.stringify(starts)}`);
  for (const s of recycled) assert.ok(s.instance >= 2, 'a recycled worker counts its processes');

  // Children that leave daemon threads running.
  const daemons = await run({ code: DAEMONS, mode: 'real', timeout: 60 });
  assert.equal(daemons.exitCode, 0, daemons.stderr);
  assert.equal(daemons.stdout, DAEMONS_EXPECTED, 'each child ends with its daemon threads still running');
  assert.equal(daemons.processes.live, 0);
  const back = daemons.processes.starts.filter((s) => s.recycled);
  // The run worker's own pthreads (10 pre-started) and at most 5 idle process workers' (2 each,
  // and up to 2 more each still coming back from the ended run when it was reset).
  const pthreads = page.workers().filter((w) => /interleave-worker-mt\.worker\.js/.test(w.url())).length;
  t.diagnostic(`of 6 children leaving daemon threads ${back.length} ran on workers that came back; ` +
    `pthread Web Workers in the page after: ${pthreads}`);
  assert.ok(pthreads <= 10 + 5 * 4, `a reused worker keeps few idle pthread Workers: ${pthreads}`);
  assert.ok(back.length >= 2, `workers of children with daemon threads come back: ${JSON.stringify(daemons.processes.starts)}`);

  // Process 0 leaves a frame it took by poll(); the next run does not get it.
  const peeked = await run({ code: PROGRAM_PEEKS(1, true), mode: 'real', timeout: 30 });
  assert.equal(peeked.stdout, 'peeked True\n', peeked.stderr);
  const got = await run({ code: PROGRAM_PEEKS(2, false), mode: 'real', timeout: 30 });
  assert.equal(got.stdout, 'got from run 2\n', `a run gets its own message, not one an earlier run took: ${got.stderr}`);

  // A burst of 4 children with threads, twice: the pool holds 4 workers with threads first.
  await run({ code: 'import threading\nimport multiprocessing\n', mode: 'real', timeout: 30 });
  for (let round = 1; round <= 2; round++) {
    const until = Date.now() + 60000;
    while (mtProcessWorkers(page).length < POOL_SIZE_MT && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const r = await run({ code: BURST, mode: 'real', timeout: 60 });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stdout, BURST_EXPECTED, 'every child of the burst computed its part with its threads');
    assert.equal(r.processes.live, 0);
    assert.equal(r.processes.starts.length, 4);
    t.diagnostic(`burst ${round}: waits for a worker ${r.processes.starts.map((s) => s.phases.wait).join(', ')} ms; ` +
      `recycled ${r.processes.starts.map((s) => s.recycled).join(', ')}`);
    assert.ok(r.processes.starts.every((s) => s.pooled && s.build === 'mt'),
      `each child of the burst took a worker of the pool: ${JSON.stringify(r.processes.starts)}`);
  }
  assert.deepEqual(log.errors, [], 'no page errors or console errors');
});
