// Python threads inside child processes in the browser, and shared memory in the page that is not
// isolated (docs/processes.md, "Processes in the browser"). Twice: on the isolated index.html
// (build mt) and in embed.html inside an iframe of a plain, non-isolated host page (build st).
// In each page:
//   - a child that starts three threading.Threads appending to a list under a Lock, and a Pool
//     whose workers each start threads that sleep, must print what python3 prints (the expected
//     outputs below are python3 3.11's);
//   - the corpus's shared-memory programs (Value, Array: `with v.get_lock(): v.value += 1` in
//     children, the parent reading v.value after join) must meet their .expected, and an Array's
//     items written by children under its lock are read back by the parent;
//   - isolated page, `gil off` (and once `on`): a fork child taken while another thread keeps
//     mutating a dict gets a consistent copy (the snapshot is written inside the driver's
//     stop-the-world guard);
//   - a child's two threads that spin for 0.4 s each with `gil off`: on the isolated page their
//     running spans in the merged trace overlap for most of it (the child's threads are pthreads,
//     truly in parallel), on the plain page not at all (they take turns on one core); and
//     info().childThreads says which;
//   - which engine a run's children get is read from the program's imports (iw_program_threads):
//     on the isolated page the engine with threads for a program that imports threading inside
//     its target or ThreadPoolExecutor, the one without for a program that only names threading
//     in a comment or a string, or imports only ProcessPoolExecutor; always the one without on
//     the plain page.
// After every run no process worker is left (result.processes.live).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as h from './helpers.mjs';
import { CORPUS, judge } from './corpus.mjs';

const engine = h.findEngine();
const skip = engine ? false : h.NO_ENGINE_REASON;

const HOST = h.askingHostPage({ title: 'A page embedding Interleave', src: 'embed.html' });

// Each child starts three threads that append under a threading.Lock.
const THREADS_IN_CHILD = {
  name: 'threads_in_child',
  code: `
import threading
from multiprocessing import Process, Queue

def work(n, q):
    lock = threading.Lock()
    results = []

    def add(i):
        for j in range(3):
            with lock:
                results.append(n * 100 + i * 10 + j)

    threads = [threading.Thread(target=add, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    q.put((n, sorted(results)))

if __name__ == "__main__":
    q = Queue()
    procs = [Process(target=work, args=(n, q)) for n in range(2)]
    for p in procs:
        p.start()
    got = sorted([q.get() for _ in procs])
    for p in procs:
        p.join()
    for n, results in got:
        print(n, results)
    print("exit codes", [p.exitcode for p in procs])
`,
  stdout: '0 [0, 1, 2, 10, 11, 12, 20, 21, 22]\n1 [100, 101, 102, 110, 111, 112, 120, 121, 122]\nexit codes [0, 0]\n',
  started: 2,
};

// A process pool whose workers each start threads that sleep (the tutorial's "pool of workers
// with threads" shape).
const POOL_WITH_THREADS = {
  name: 'pool_with_threads',
  code: `
import threading
import time
from multiprocessing import Pool

def task(n):
    lock = threading.Lock()
    done = []

    def part(k):
        time.sleep(0.01)
        with lock:
            done.append(n * k)

    threads = [threading.Thread(target=part, args=(k,)) for k in range(1, 4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done)

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(task, range(6)))
`,
  stdout: '[0, 6, 12, 18, 24, 30]\n',
  started: 2,
};

// Worker processes whose threads each take items from one Queue and put large results (5000
// bytes) on another: cross-process waits inside a child's threads, and frames that go through
// the Queue's feeder.
const THREADS_ON_QUEUES = {
  name: 'threads_on_queues',
  code: `
import threading
from multiprocessing import Process, Queue

def worker(inq, outq):
    def serve(name):
        while True:
            item = inq.get()
            if item is None:
                break
            outq.put((item, item * item, "x" * 5000))

    threads = [threading.Thread(target=serve, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

if __name__ == "__main__":
    inq, outq = Queue(), Queue()
    procs = [Process(target=worker, args=(inq, outq)) for _ in range(2)]
    for p in procs:
        p.start()
    for i in range(60):
        inq.put(i)
    for _ in range(6):
        inq.put(None)
    results = sorted([outq.get()[:2] for _ in range(60)])
    for p in procs:
        p.join()
    print(len(results), results[:3], sum(r[1] for r in results))
    print([p.exitcode for p in procs])
`,
  stdout: '60 [(0, 0), (1, 1), (2, 4)] 70210\n[0, 0]\n',
  started: 2,
};

// Array items and a Value written by children under the Array's lock, read by the parent.
const ARRAY_UNDER_LOCK = {
  name: 'array_under_lock',
  code: `
from multiprocessing import Process, Array, Value

def fill(arr, hits, k):
    for i in range(len(arr)):
        with arr.get_lock():
            arr[i] = arr[i] + k
        with hits.get_lock():
            hits.value += 1

if __name__ == "__main__":
    arr = Array("i", [1, 2, 3, 4])
    hits = Value("i", 0)
    procs = [Process(target=fill, args=(arr, hits, k)) for k in (10, 20, 30)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(arr[:], arr[0], arr[-1], hits.value)
`,
  stdout: '[61, 62, 63, 64] 61 64 12\n',
  started: 3,
};

// With the GIL off, a fork child is taken while another thread keeps writing a dict (and
// dropping keys): the snapshot is written with the world stopped, so every child sees a
// consistent dict of complete lists.
const FORK_WHILE_MUTATING = {
  name: 'fork_while_mutating',
  code: `
import threading
import multiprocessing as mp

shared = {}
running = [True]

def churn():
    i = 0
    while running[0]:
        shared[i % 300] = [i, i, i]
        if i % 7 == 0:
            shared.pop((i * 3) % 300, None)
        i += 1

def child(q):
    ok = all(v == [v[0]] * 3 for v in shared.values())
    q.put((ok, len(shared) <= 300))

if __name__ == "__main__":
    ctx = mp.get_context("fork")
    t = threading.Thread(target=churn)
    t.start()
    while len(shared) < 100:
        pass
    q = ctx.Queue()
    results = []
    for _ in range(4):
        p = ctx.Process(target=child, args=(q,))
        p.start()
        results.append(q.get())
        p.join()
    running[0] = False
    t.join()
    print(results)
`,
  stdout: '[(True, True), (True, True), (True, True), (True, True)]\n',
  started: 4,
};

// A Value guarded by an RLock passed apart from it: children take the RLock twice, change the
// Value, and cannot release it a third time.
const RLOCK_GUARDS_VALUE = {
  name: 'rlock_guards_value',
  code: `
import multiprocessing as mp
def f(l, v):
    with l:
        with l:
            v.value += 1
    try:
        l.release()
    except AssertionError as e:
        print("child", e)
if __name__ == "__main__":
    l = mp.RLock(); v = mp.Value("i", 0, lock=l)
    with l:
        with l:
            pass
    ps = [mp.Process(target=f, args=(l, v)) for _ in range(3)]
    for p in ps: p.start()
    for p in ps: p.join()
    print(v.value, repr(l))
`,
  stdout: `${'child attempt to release recursive lock not owned by thread\n'.repeat(3)}3 <RLock(None, 0)>\n`,
  started: 3,
};

// A child whose two threads, once both have started, each spin for 0.4 s of wall time. With
// `gil off` on the isolated page they are pthreads of the child's real driver, truly running at
// once: their running spans overlap in the merged trace for most of those 0.4 s (a clock skew of
// a few ms between pthreads cannot make that up). On one core (a cooperative child, the plain
// page) they take turns and never overlap.
const PARALLEL_IN_CHILD = {
  name: 'parallel_in_child',
  code: `
import threading
import time
from multiprocessing import Process

def child():
    ready = [threading.Event(), threading.Event()]

    def spin(k):
        ready[k].set()
        ready[1 - k].wait()
        end = time.perf_counter() + 0.4
        n = 0
        while time.perf_counter() < end:
            n += 1

    threads = [threading.Thread(target=spin, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("child done", flush=True)

if __name__ == "__main__":
    p = Process(target=child)
    p.start()
    p.join()
    print("exit", p.exitcode)
`,
  stdout: 'child done\nexit 0\n',
  started: 1,
};

/** The total time (us) during which both span lists [{start, end}] have a span going on. */
function overlapUs(a, b) {
  const edges = [];
  for (const [list, who] of [[a, 0], [b, 1]]) {
    for (const s of list) edges.push([s.start, who, 1], [s.end, who, -1]);
  }
  edges.sort((x, y) => x[0] - y[0] || x[2] - y[2]);
  const open = [0, 0];
  let last = 0;
  let total = 0;
  for (const [at, who, d] of edges) {
    if (open[0] > 0 && open[1] > 0) total += at - last;
    open[who] += d;
    last = at;
  }
  return total;
}

/** The running spans of each of the child's two spinning threads, from the run's Chrome trace. */
function spinSpans(json) {
  const parsed = JSON.parse(json);
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const spinners = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === 10001 &&
    /spin/.test(e.args?.name ?? '')).map((e) => e.tid));
  const byThread = new Map([...spinners].map((tid) => [tid, []]));
  for (const e of events) {
    if (e.ph === 'X' && e.cat === 'state' && e.name === 'running' && e.pid === 10001 && byThread.has(e.tid)) {
      byThread.get(e.tid).push({ start: e.ts, end: e.ts + e.dur });
    }
  }
  return [...byThread.values()];
}

/** A child's two threads with `gil off`: in parallel on the isolated page, in turns on the plain one. */
async function childThreadsParallel(t, env, build) {
  const r = await expectOutput(t, env, PARALLEL_IN_CHILD, { gil: 'off', trace: true });
  assert.equal(typeof r.trace, 'string', 'the run returned its Chrome trace');
  const spans = spinSpans(r.trace);
  assert.equal(spans.length, 2, 'the trace has the child\'s two spinning threads');
  const ran = spans.map((list) => list.reduce((sum, s) => sum + s.end - s.start, 0));
  // Each spins until 0.4 s after both started: alone on a core for all of it, taking turns on one
  // core for part of it.
  const least = build === 'mt' ? 300000 : 50000;
  assert.ok(ran[0] >= least && ran[1] >= least, `each thread ran at least ${least / 1000} ms: ${ran} us`);
  const both = overlapUs(spans[0], spans[1]);
  t.diagnostic(`${build}: the child's threads ran ${(ran[0] / 1000).toFixed(0)} and ${(ran[1] / 1000).toFixed(0)} ms, ` +
    `${(both / 1000).toFixed(0)} ms of it at the same time`);
  if (build === 'mt') {
    assert.ok(both >= 200000, `gil off: the child's threads ran in parallel (${both} us at once)`);
  } else {
    assert.ok(both <= 1000, `one core: the child's threads took turns (${both} us at once)`);
  }
}

/** The corpus's programs that use Value or Array, with their expected lines. */
function sharedMemoryPrograms() {
  const names = ['shared_value'];
  return names.map((name) => {
    const file = path.join(CORPUS, `${name}.py`);
    const exp = path.join(CORPUS, `${name}.expected`);
    if (!existsSync(file) || !existsSync(exp)) return null;
    return {
      name,
      code: readFileSync(file, 'utf8'),
      expected: readFileSync(exp, 'utf8').split('\n').filter((l) => l.trim() !== ''),
    };
  }).filter(Boolean);
}

/** Opens the page: the isolated index.html, or the embed in a plain host page (helpers.mjs). */
const open = (t, isolated) => h.openProcessPage(t, engine, isolated, HOST);

/** Runs `program` in real mode; returns the run's result after checking its stdout. */
async function expectOutput(t, env, program, extra = {}) {
  const t0 = Date.now();
  const r = await env.run({ code: program.code, mode: 'real', timeout: 60, filename: `${program.name}.py`, ...extra });
  t.diagnostic(`${program.name}: ${((Date.now() - t0) / 1000).toFixed(1)} s, exit ${r.exitCode}`);
  assert.equal(r.rejected, undefined, r.rejected);
  assert.equal(r.exitCode, 0, `${program.name}: ${r.stderr}`);
  assert.equal(r.stdout, program.stdout, `${program.name} prints what python3 prints`);
  assert.deepEqual([r.processes?.started, r.processes?.live], [program.started, 0], `${program.name}: its process workers`);
  return r;
}

// [program, children's engine on the isolated page]: imports decide, not the words of the text.
const CHOICES = [
  [`# no threading here, nor "import threading" in a string
from multiprocessing import Process
def f():
    print("threading" * 0 + "ran", flush=True)
if __name__ == "__main__":
    p = Process(target=f); p.start(); p.join()
`, 'st'],
  [`from multiprocessing import Process
def f():
    import threading
    print("ran", threading.current_thread().name, flush=True)
if __name__ == "__main__":
    p = Process(target=f); p.start(); p.join()
`, 'mt'],
  [`from multiprocessing import Process
from concurrent.futures import ThreadPoolExecutor
def f():
    print("ran", flush=True)
if __name__ == "__main__":
    p = Process(target=f); p.start(); p.join()
`, 'mt'],
  // A process pool's workers run no threads of their own (the executor's thread is the parent's).
  [`from concurrent.futures import ProcessPoolExecutor
def f(x):
    return x + 1
if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        print("ran", ex.submit(f, 1).result(), flush=True)
`, 'st'],
];

/** The children's engine follows the program's imports (isolated page), or is st (plain page). */
async function childBuildChecks(t, env, build) {
  for (const [code, isolatedBuild] of CHOICES) {
    const r = await env.run({ code, mode: 'real', timeout: 60 });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /^ran/);
    const want = build === 'mt' ? isolatedBuild : 'st';
    assert.deepEqual([...new Set(r.processes.starts.map((s) => s.build))], [want], `${code.split('\n')[0]}: children run ${want}`);
  }
}

async function checks(t, env, build) {
  assert.equal(env.info.build, build);

  await childBuildChecks(t, env, build);

  await expectOutput(t, env, THREADS_IN_CHILD);
  await expectOutput(t, env, POOL_WITH_THREADS);
  await expectOutput(t, env, THREADS_ON_QUEUES);

  const corpus = sharedMemoryPrograms();
  assert.ok(corpus.length >= 1, 'the corpus has its shared-memory programs');
  for (const p of corpus) {
    const t0 = Date.now();
    const r = await env.run({ code: p.code, mode: 'real', timeout: 120, filename: `${p.name}.py` });
    t.diagnostic(`${p.name}: ${((Date.now() - t0) / 1000).toFixed(1)} s, exit ${r.exitCode}`);
    assert.equal(judge(p.expected, r), null, `${p.name} meets its .expected (${build}): ${r.stderr?.slice(-400)}`);
    assert.equal(r.processes?.live, 0);
  }
  await expectOutput(t, env, ARRAY_UNDER_LOCK);
  await expectOutput(t, env, RLOCK_GUARDS_VALUE);
  await childThreadsParallel(t, env, build);
  assert.match(env.info.childThreads ?? '', build === 'mt' ? /parallel/ : /one core/,
    'info() says how a child process runs its threads');
  if (build === 'mt') {
    for (const gil of ['off', 'off', 'on']) await expectOutput(t, env, FORK_WHILE_MUTATING, { gil });
  }
}

test('index.html (isolated, mt): threads in child processes, shared memory', { skip, timeout: 900000 }, async (t) => {
  const env = await open(t, true);
  await checks(t, env, 'mt');
  assert.deepEqual(env.log.errors, [], 'no page errors or console errors');
});

test('embed.html in a plain page (st): threads in child processes, shared memory', { skip, timeout: 900000 }, async (t) => {
  const env = await open(t, false);
  await checks(t, env, 'st');
  assert.deepEqual(env.log.errors, [], 'no page errors or console errors');
});
