// Real multiprocessing in the browser (docs/processes.md, "Processes in the browser"): each Python
// process a Web Worker with its own Wasm instance, connected by the run worker's process router.
// Twice: on the isolated index.html (build mt, Python threads on pthreads, shared memory in
// SharedArrayBuffers) and in embed.html inside an iframe of a plain, non-isolated host page
// (build st, every process's threads taking turns on its worker's one thread, shared memory by
// messages). In each: every multiprocessing program of the shared corpus runs in real mode through
// window.interleave.run (or the embed's postMessage) and must meet its .expected file; exit codes
// of terminate() (-15), kill() (-9), an uncaught exception (1, with CPython's "Process ...:"
// traceback on stderr) and os._exit; a child in an endless loop is ended by Stop and by the time
// limit; and after every run the router reports no process worker left (result.processes.live).
// The router keeps a small pool of process workers booted ahead of need: between runs the page
// holds at most POOL_SIZE (of the children's build: st 2, mt 4) + SPARE_OTHER process workers
// (counted from the browser's own list of workers), a child runs on a worker of the pool, and the pool's idle workers are terminated
// POOL_IDLE_MS after the last multiprocessing run. An st worker whose process ended comes back to
// the pool with a fresh engine instance: children started one after another run on recycled
// workers (the run's processes.starts say so, with the instance's number in its Worker), and
// nothing of an earlier run reaches them: two runs in a row each give their children a Value of
// their own (a region id the two runs share, adopted afresh), and every child prints it.
// fork is emulated by a heap snapshot sent to the child's worker: start_method_fork.py must meet
// its .expected like the others, and a lambda target runs in a fork child whose write to a global
// the parent does not see. shared_value.py meets its .expected in both pages too (in the page
// that is not isolated each of its lock operations is a round trip to the router: a longer limit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as h from './helpers.mjs';
import { CORPUS, judge } from './corpus.mjs';

/** [{name, code, expected}]: the corpus programs that use multiprocessing. */
function processPrograms() {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS).filter((f) => f.endsWith('.py')).sort()
    .map((f) => ({ name: f.slice(0, -3), code: readFileSync(path.join(CORPUS, f), 'utf8'), exp: path.join(CORPUS, `${f.slice(0, -3)}.expected`) }))
    .filter(({ code, exp }) => /\bmultiprocessing\b/.test(code) && existsSync(exp))
    .map(({ name, code, exp }) => ({ name, code, expected: readFileSync(exp, 'utf8').split('\n').filter((l) => l.trim() !== '') }));
}

const engine = h.findEngine();
const skip = engine ? false : h.NO_ENGINE_REASON;
const programs = processPrograms();

const HOST = h.askingHostPage({ title: 'A page embedding Interleave', src: 'embed.html' });

// process-router.js: idle process workers booted ahead of need, and how long they outlive the
// last run that used processes.
const POOL_SIZE = 2; // st children's (process workers with threads: POOL_SIZE_MT)
const POOL_SIZE_MT = 4;
const SPARE_OTHER = 1;
const POOL_IDLE_MS = 30000;

/** The page's process workers now (the browser's list: workers of workers, and the iframe's). */
function processWorkers(page) {
  return page.workers().filter((w) => /\/process-worker\.js/.test(w.url()));
}

/** Waits up to `ms` until at most `n` process workers exist; returns how many there are. */
async function workersAtMost(page, n, ms = 5000) {
  const until = Date.now() + ms;
  while (processWorkers(page).length > n && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return processWorkers(page).length;
}

const ONE_CHILD = `
from multiprocessing import Process

def hello():
    print("child", flush=True)

if __name__ == "__main__":
    p = Process(target=hello)
    p.start()
    p.join()
    print("parent", p.exitcode)
`;


// A fork child is a copy of the parent's heap: a lambda target and a closure run there, and the
// child's writes to a global stay in the child.
const FORK_COPY = `
import multiprocessing as mp

counter = 1

def make(q):
    seen = []
    def bump():
        global counter
        counter += 100
        seen.append(counter)
        q.put(("child", counter, seen))
    return bump

if __name__ == "__main__":
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    counter = 2
    p = ctx.Process(target=lambda: make(q)())
    p.start()
    print(q.get())
    p.join()
    print("parent", counter, p.exitcode)
`;

const EXIT_CODES = `
import os, time
from multiprocessing import Process

def spin():
    while True:
        time.sleep(0.01)

def boom():
    raise KeyError("lost")

def leave():
    os._exit(7)

if __name__ == "__main__":
    a = Process(target=spin); a.start(); a.terminate(); a.join()
    b = Process(target=spin); b.start(); b.kill(); b.join()
    c = Process(target=boom); c.start(); c.join()
    d = Process(target=leave); d.start(); d.join()
    print(a.exitcode, b.exitcode, c.exitcode, d.exitcode)
`;

// Children one after another, each reading a Value its parent made (its region id is the same in
// every run: the program's first region) and a module global it then changes.
const IN_TURN = (run) => `
from multiprocessing import Process, Value

seen = "fresh"

def show(v, i):
    global seen
    with v.get_lock():  # the page that is not isolated reads a Value only under its lock
        value = v.value
    print("run", value, "child", i, seen, flush=True)
    seen = "used"

if __name__ == "__main__":
    v = Value("i", ${run})
    for i in range(4):
        p = Process(target=show, args=(v, i))
        p.start()
        p.join()
`;

const LOOPING_CHILD = `
from multiprocessing import Process

def forever():
    while True:
        pass

if __name__ == "__main__":
    p = Process(target=forever)
    p.start()
    print("started", flush=True)
    p.join()
`;

/** Opens the page: the isolated index.html, or the embed in a plain host page (helpers.mjs). */
const open = (t, isolated) => h.openProcessPage(t, engine, isolated, HOST);

async function checks(t, env, build) {
  assert.equal(env.info.build, build);
  assert.equal(env.info.processes, 'workers', 'info() says processes are Web Workers');
  assert.ok(programs.length >= 8, `multiprocessing corpus programs found: ${programs.length}`);

  const failures = [];
  for (const p of programs) {
    let problem = null;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const t0 = Date.now();
      const slow = build === 'st' && p.name === 'shared_value';
      const r = await env.run({ code: p.code, mode: 'real', timeout: slow ? 120 : 20, filename: `${p.name}.py` });
      if (r.rejected) problem = `rejected: ${r.rejected}`;
      else {
        problem = judge(p.expected, r);
      }
      if (!problem && r.processes?.live !== 0) problem = `process workers left after the run: ${JSON.stringify(r.processes)}`;
      t.diagnostic(`${problem ? 'FAIL' : 'ok  '} ${p.name}${attempt > 1 ? ' (second try)' : ''} ` +
        `(${((Date.now() - t0) / 1000).toFixed(1)} s, ${r.processes?.started ?? '?'} process workers)${problem ? `: ${problem}` : ''}`);
      if (!problem) break;
      problem = `${problem}\n${(r.stderr ?? '').slice(-600)}`;
    }
    if (problem) failures.push(`${p.name}: ${problem}`);
  }
  assert.deepEqual(failures, [], `every multiprocessing corpus program in real mode (${build})`);
  // The isolated page runs some programs' children with threads (mt), the plain page never.
  const bound = (build === 'mt' ? POOL_SIZE_MT : POOL_SIZE) + SPARE_OTHER;
  assert.ok(await workersAtMost(env.page, bound) <= bound,
    `at most ${bound} idle process workers stay between runs: ${processWorkers(env.page).length}`);

  // A child runs on a worker booted before its run (one of the pool's); the pool is refilled,
  // never past its bound.
  const until = Date.now() + 10000;
  while (processWorkers(env.page).length < POOL_SIZE && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  assert.ok(processWorkers(env.page).length >= POOL_SIZE, 'the pool is full between multiprocessing runs');
  const one = await env.run({ code: ONE_CHILD, mode: 'real', timeout: 20 });
  assert.equal(one.stdout, 'child\nparent 0\n', one.stderr);
  assert.equal(one.processes.started, 1);
  assert.equal(one.processes.live, 0);
  assert.equal(one.processes.starts.length, 1, JSON.stringify(one.processes));
  assert.equal(one.processes.starts[0].pooled, true, `the child took a worker of the pool: ${JSON.stringify(one.processes)}`);
  assert.ok(await workersAtMost(env.page, bound) <= bound, `the pool stays at most ${bound}`);

  // Children in turn run on recycled workers, each on a fresh instance: a Value and a module
  // global of their own run, never an earlier child's or run's.
  const starts = [];
  for (const run of [1, 2]) {
    const r = await env.run({ code: IN_TURN(run), mode: 'real', timeout: 30 });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stdout, [0, 1, 2, 3].map((i) => `run ${run} child ${i} fresh\n`).join(''),
      'each child reads its own run\'s Value and a global no earlier child changed');
    assert.equal(r.processes.starts.length, 4);
    starts.push(...r.processes.starts);
  }
  const recycled = starts.filter((s) => s.recycled);
  t.diagnostic(`${build}: of 8 children in turn ${recycled.length} ran on recycled workers (instances ` +
    `${recycled.map((s) => s.instance).join(', ')}); waits for a worker ${starts.map((s) => s.phases.wait).join(', ')} ms`);
  assert.ok(recycled.length >= 1, `children in turn reuse the workers of ended ones: ${JSON.stringify(starts)}`);
  for (const s of recycled) assert.ok(s.instance >= 2, 'a recycled worker runs a fresh engine instance');
  assert.ok(starts.every((s) => s.pooled), 'every child in turn took a worker of the pool');
  assert.ok(await workersAtMost(env.page, bound) <= bound, `the pool stays at most ${bound}`);

  assert.ok(programs.some((p) => /set_start_method\("fork"\)|get_context\(["']fork/.test(p.code)),
    'a fork program of the corpus ran above');
  const forked = await env.run({ code: FORK_COPY, mode: 'real', timeout: 20 });
  assert.equal(forked.exitCode, 0, forked.stderr);
  assert.equal(forked.stdout, "('child', 102, [102])\nparent 2 0\n",
    'a lambda target runs in the fork child; its write to a global stays there');
  assert.equal(forked.processes.started, 1);
  assert.equal(forked.processes.live, 0);

  const codes = await env.run({ code: EXIT_CODES, mode: 'real', timeout: 30 });
  assert.equal(codes.exitCode, 0, codes.stderr);
  assert.equal(codes.stdout, '-15 -9 1 7\n', 'terminate, kill, an exception, os._exit');
  assert.match(codes.stderr, /^Process Process-3:\nTraceback \(most recent call last\):\n[\s\S]*KeyError: 'lost'\n$/);
  assert.equal(codes.processes.started, 4);
  assert.equal(codes.processes.live, 0);

  const stopped = await env.stopSoon({ code: LOOPING_CHILD, mode: 'real', timeout: 60 }, 2500);
  assert.equal(stopped.exitCode, 124, stopped.stderr);
  assert.equal(stopped.stdout, 'started\n');
  assert.deepEqual({ started: 1, live: 0, ...stopped.processes, starts: undefined }, { started: 1, live: 0, starts: undefined },
    'Stop ends the looping child');

  const limited = await env.run({ code: LOOPING_CHILD, mode: 'real', timeout: 2 });
  assert.equal(limited.exitCode, 124, limited.stderr);
  assert.match(limited.stderr, /time limit of 2 s/);
  assert.deepEqual([limited.processes.started, limited.processes.live], [1, 0], 'the time limit ends the looping child');

  // The engine is still usable after all that.
  const after = await env.run({ code: 'print("fine")\n', mode: 'real' });
  assert.equal(after.stdout, 'fine\n');

  // The page no longer needs the pool: its idle workers go (a run without multiprocessing does
  // not keep it).
  assert.equal(await workersAtMost(env.page, 0, POOL_IDLE_MS + 5000), 0,
    `no process worker ${POOL_IDLE_MS / 1000} s after the last multiprocessing run`);
}

test('index.html (isolated, mt): multiprocessing runs for real on process workers', { skip, timeout: 900000 }, async (t) => {
  const env = await open(t, true);
  await checks(t, env, 'mt');
  assert.deepEqual(env.log.errors, [], 'no page errors or console errors');
});

test('embed.html in a plain page (st): multiprocessing runs for real on process workers', { skip, timeout: 900000 }, async (t) => {
  const env = await open(t, false);
  await checks(t, env, 'st');
  assert.deepEqual(env.log.errors, [], 'no page errors or console errors');
});
