// Child processes' traces and module globals in the page (docs/processes.md, "Processes in the
// browser", "What a child sends"): each child process worker records its own run and, at its
// end, sends its trace, its clock origin and its globals to the program's process, which merges
// them with the start and end it saw of each child. Twice: on the isolated index.html (build mt)
// and in embed.html inside a plain, non-isolated host page (build st).
//   - window.interleave.run({trace: true}) of a square_quad-like program: the Chrome trace names
//     each child ("Process-1", "Process-2") with its own pid and MainThread, its running spans
//     lie inside its own process life and inside the program's, its exit code is there; the
//     summary lists the children with their threads;
//   - a countdown split over two processes: both children have running time of their own;
//   - a child's own child: its lane (its own start and end) under its own pid and name, with one
//     "process started" and one exit marker per process, also when the child runs the engine
//     with threads (the program names threading on the isolated page: its real driver records
//     the grandchild's start, which the grandchild's own start gives way to);
//   - a child that calls os.abort(): exit code -6 and nothing on stderr, as python3 and the
//     native build give; its report still arrives (its MainThread ran in the merged trace and
//     its lane ends with -6), with children on either engine;
//   - a terminated child (it sends nothing) still has its lane, ending with -15, and the run is
//     not held up by it;
//   - messages: a Queue to a child and back, a Pipe echo and a grandchild's Queue message
//     forwarded by its parent: every receive of the merged trace is paired with an earlier send
//     of the same flow id in another process, as arrows of the timeline's data (the Chrome
//     trace's "message" flows are the timeline's, trace/timeline.h), 13 of them as natively; in
//     the isolated page also with children on the engine with threads (the program names
//     threading), whose real driver records the messages;
//   - one clock: the program's Python threads (pthreads in mt) read time.monotonic() at the
//     same offset from time.time(), within 0.5 ms (Emscripten's per-pthread clock drift was the
//     latency of each pthread's start message, ms apart under load: web/shared_clock.js);
//   - the app's own real run of square_quad (isolated index.html, and index.html?coi=0 on a plain
//     page, the st build): the memory view has each child's box with its own `result = 49   (main:
//     None)`; screenshots build/browser/processes-trace-{mt,st}.png of the timeline and memory view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './helpers.mjs';

const engine = h.findEngine();
const skip = engine ? false : h.NO_ENGINE_REASON;

const HOST = h.askingHostPage({ title: 'A page embedding Interleave', src: 'embed.html' });

// square_quad.py's shape: a child sets a global the parent does not see.
const SQUARE = `
import multiprocessing

result = None

def calc_square(number):
    global result
    result = number * number
    print("square:", result)

def calc_quad(number):
    print("quad:", number * number * number * number)

if __name__ == "__main__":
    p = multiprocessing.Process(target=calc_square, args=(7,))
    p.start()
    p.join()
    p = multiprocessing.Process(target=calc_quad, args=(7,))
    p.start()
    p.join()
    print("after processes, result =", result)
`;

const COUNTDOWN2 = `
from multiprocessing import Process

def countdown(n):
    while n > 0:
        n -= 1

if __name__ == "__main__":
    ps = [Process(target=countdown, args=(300_000,)) for _ in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print("exit codes", [p.exitcode for p in ps])
`;

const TERMINATED = `
import time
from multiprocessing import Process

def spin():
    while True:
        time.sleep(0.01)

if __name__ == "__main__":
    p = Process(target=spin)
    p.start()
    time.sleep(0.3)
    p.terminate()
    p.join()
    print("exitcode", p.exitcode)
`;

// A child that starts a child of its own: the grandchild's report reaches the program too.
const GRANDCHILD = `
from multiprocessing import Process

def leaf():
    print("leaf", flush=True)

def middle():
    p = Process(target=leaf)
    p.start()
    p.join()
    print("middle", p.exitcode, flush=True)

if __name__ == "__main__":
    p = Process(target=middle)
    p.start()
    p.join()
    print("top", p.exitcode)
`;

// A child that aborts (hard_crash.py's shape): python3 prints nothing of it but the exit code.
const ABORTS = `
import os
from multiprocessing import Process

def crash():
    print("child before abort", flush=True)
    os.abort()

if __name__ == "__main__":
    p = Process(target=crash)
    p.start()
    p.join()
    print("exitcode", p.exitcode)
`;

// Messages between every kind of process: the program and a child (a Queue each way), a Pipe
// echo, and a grandchild's Queue message to its parent, forwarded to the program.
const MESSAGES = `
import multiprocessing as mp

def double(q, out):
    for _ in range(3):
        out.put(q.get() * 2)

def echo(conn):
    while True:
        msg = conn.recv()
        if msg is None:
            break
        conn.send(msg + "!")

def leaf(q):
    q.put("from the leaf")

def middle(up):
    q = mp.Queue()
    p = mp.Process(target=leaf, args=(q,))
    p.start()
    up.put(q.get() + ", through the middle")
    p.join()

if __name__ == "__main__":
    q, out = mp.Queue(), mp.Queue()
    p = mp.Process(target=double, args=(q, out))
    p.start()
    for i in range(3):
        q.put(i)
    print("doubled", [out.get() for _ in range(3)])
    a, b = mp.Pipe()
    e = mp.Process(target=echo, args=(b,))
    e.start()
    for word in ("ping", "pong"):
        a.send(word)
        print("echo", a.recv())
    a.send(None)
    up = mp.Queue()
    m = mp.Process(target=middle, args=(up,))
    m.start()
    print(up.get())
    for x in (p, e, m):
        x.join()
    print("exit codes", [x.exitcode for x in (p, e, m)])
`;

// Each thread's time.monotonic() - time.time(), at its least over many reads (time.time() is
// the page's Date.now(), whole ms: the least difference is read just after it ticks, and a read
// delayed by the scheduler only makes one larger): the offset of the thread's monotonic clock.
const CLOCKS = `
import threading, time

def offset(n=4000):
    best = None
    for _ in range(n):
        wall = time.time()
        d = time.monotonic() - wall
        if best is None or d < best:
            best = d
    return best

offsets = {}
def sample(i):
    offsets[i] = offset()

threads = [threading.Thread(target=sample, args=(i,)) for i in range(6)]
for t in threads:
    t.start()
offsets["main"] = offset()
for t in threads:
    t.join()
print("spread_ms %.4f" % ((max(offsets.values()) - min(offsets.values())) * 1000))
`;

/**
 * The Chrome trace's parts: process names, thread names, lives (cat process), state spans, and
 * message arrows (flows "s" -> "f" of cat message, by id).
 */
function parseTrace(json) {
  const parsed = JSON.parse(json);
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const names = new Map();
  const threads = [];
  const lives = new Map();
  const spans = [];
  const arrows = new Map();
  const arrow = (id) => {
    if (!arrows.has(id)) arrows.set(id, {});
    return arrows.get(id);
  };
  const markers = new Map(); // pid -> {started, ended}: the process lane's instant markers
  const marker = (pid) => {
    if (!markers.has(pid)) markers.set(pid, { started: 0, ended: 0 });
    return markers.get(pid);
  };
  for (const e of events) {
    if (e.ph === 'i' && e.cat === 'process') marker(e.pid)[e.name === 'process started' ? 'started' : 'ended']++;
    if (e.ph === 'M' && e.name === 'process_name') names.set(e.pid, e.args.name);
    else if (e.ph === 'M' && e.name === 'thread_name') threads.push({ pid: e.pid, tid: e.tid, name: e.args.name });
    else if (e.ph === 'X' && e.cat === 'process') lives.set(e.pid, { start: e.ts, end: e.ts + e.dur, args: e.args });
    else if (e.ph === 'X' && e.cat === 'state') spans.push({ pid: e.pid, tid: e.tid, name: e.name, start: e.ts, end: e.ts + e.dur });
    else if (e.ph === 's' && e.cat === 'message') arrow(e.id).send = { pid: e.pid, tid: e.tid, ts: e.ts, bytes: e.args?.bytes };
    else if (e.ph === 'f' && e.cat === 'message') arrow(e.id).receive = { pid: e.pid, tid: e.tid, ts: e.ts };
  }
  return { names, threads, lives, spans, arrows: [...arrows.values()], markers };
}

// The clocks of two workers agree to the page clock's resolution (100 us when not isolated) plus
// the anchors' error (web_process_host.h): microseconds (Chrome trace times are in us).
const EPS_US = 500;
// The program's run with threads (mt) is anchored at a child's start, noted on its spawning
// thread; when the Spawn record's post waits for the JS thread under load and the child starts on
// a pooled worker meanwhile, the anchor is off by that wait: a child's end was seen 2 ms after the
// program's end in one run of a full check at load 2-4 (web_process_host.h, "anchored").
const EPS_MT_PROGRAM_US = 5000;

function inside(span, life, eps = EPS_US) {
  return span.start >= life.start - eps && span.end <= life.end + eps;
}

/** A child's lane as the trace shows it: named, with MainThread, running inside its life. */
function assertChild(tr, pid, name, program, what) {
  assert.equal(tr.names.get(pid), name, `${what}: process ${pid} is named ${name}: ${JSON.stringify([...tr.names])}`);
  assert.ok(tr.threads.some((th) => th.pid === pid && th.name === 'MainThread'), `${what}: ${name} has its MainThread`);
  const life = tr.lives.get(pid);
  assert.ok(life, `${what}: ${name} has a process life`);
  assert.equal(life.args.exitcode, 0, `${what}: ${name} exited with 0`);
  const programEps = what.startsWith('mt') ? EPS_MT_PROGRAM_US : EPS_US;
  assert.ok(inside(life, program, programEps), `${what}: ${name}'s life ${life.start}..${life.end} lies in the program's ${program.start}..${program.end}`);
  const running = tr.spans.filter((s) => s.pid === pid && s.name === 'running');
  assert.ok(running.length > 0, `${what}: ${name} has running spans`);
  for (const s of running) {
    assert.ok(inside(s, life), `${what}: ${name}'s span ${s.start}..${s.end} lies in its life ${life.start}..${life.end}`);
    assert.ok(inside(s, program, programEps), `${what}: ${name}'s span lies in the program's run`);
  }
  return running.reduce((sum, s) => sum + (s.end - s.start), 0);
}

/**
 * MESSAGES (`code`): every send and receive between the processes pairs up as an arrow. `build`
 * names the page and the children's engine in the diagnostics.
 */
async function messageChecks(t, env, build, code = MESSAGES) {
  const r = await env.run({ code, mode: 'real', timeout: 60, trace: true, filename: 'messages.py' });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'doubled [0, 2, 4]\necho ping!\necho pong!\nfrom the leaf, through the middle\nexit codes [0, 0, 0]\n');
  assert.equal(r.stderr, '', 'no report was left out');
  const tr = parseTrace(r.trace);
  const leaf = [...tr.names.keys()].find((pid) => pid >= 20000);
  assert.ok(leaf, `the grandchild is in the trace: ${JSON.stringify([...tr.names])}`);
  // What each process sent and received (the summary counts the merged trace's events).
  const procs = new Map(r.summary.processes.map((p) => [p.pid, [p.messages_sent, p.messages_received]]));
  const counts = JSON.stringify([...procs]);
  assert.deepEqual(procs.get(10000), [6, 6], `the program's messages: ${counts}`);
  assert.deepEqual(procs.get(10001), [3, 3], `Process-1's: ${counts}`);
  assert.deepEqual(procs.get(10002), [2, 3], `Process-2's (the echo): ${counts}`);
  assert.deepEqual(procs.get(10003), [1, 1], `Process-3's (the middle): ${counts}`);
  assert.deepEqual(procs.get(leaf), [1, 0], `the grandchild's: ${counts}`);
  const received = r.summary.processes.reduce((n, p) => n + p.messages_received, 0);
  // Every receive is an arrow's end: the timeline pairs a receive only with an earlier send of
  // its flow id, so an unpaired or out-of-order receive would leave the count short.
  assert.equal(tr.arrows.length, received, `one arrow per receive (${received}): ${JSON.stringify(tr.arrows)}`);
  const between = new Map();
  for (const a of tr.arrows) {
    assert.ok(a.send && a.receive, `an arrow with both ends: ${JSON.stringify(a)}`);
    assert.notEqual(a.send.pid, a.receive.pid, 'from one process to another');
    assert.ok(a.send.ts <= a.receive.ts, `sent (${a.send.ts} us) before received (${a.receive.ts} us)`);
    assert.ok(a.send.bytes > 0, 'the arrow carries the message size');
    for (const end of [a.send, a.receive]) {
      assert.ok(tr.threads.some((th) => th.pid === end.pid && th.tid === end.tid), `on a thread lane of ${end.pid}`);
    }
    const key = `${a.send.pid}->${a.receive.pid}`;
    between.set(key, (between.get(key) ?? 0) + 1);
  }
  assert.deepEqual(Object.fromEntries([...between].sort()), Object.fromEntries([
    ['10000->10001', 3], ['10001->10000', 3], ['10000->10002', 3], ['10002->10000', 2],
    [`${leaf}->10003`, 1], ['10003->10000', 1]].sort()), 'the arrows join the processes that talked');
  const latencies = tr.arrows.map((a) => a.receive.ts - a.send.ts).sort((x, y) => x - y);
  t.diagnostic(`${build}: ${tr.arrows.length} message arrows, send to receive ${latencies[0].toFixed(0)}-` +
    `${latencies[latencies.length - 1].toFixed(0)} us (median ${latencies[latencies.length >> 1].toFixed(0)})`);
}

/** CLOCKS: the program's threads read one monotonic clock. */
async function clockChecks(t, env, build) {
  const r = await env.run({ code: CLOCKS, mode: 'real', timeout: 60 });
  assert.equal(r.exitCode, 0, r.stderr);
  const spread = Number(/spread_ms (\S+)/.exec(r.stdout)?.[1]);
  t.diagnostic(`${build}: the threads' monotonic clocks spread over ${spread} ms`);
  assert.ok(spread >= 0 && spread < 0.5, `the threads' monotonic clocks agree within 0.5 ms: ${r.stdout}`);
}

async function apiChecks(t, env, build) {
  assert.equal(env.info.build, build);

  const sq = await env.run({ code: SQUARE, mode: 'real', timeout: 30, trace: true, filename: 'square_quad.py' });
  assert.equal(sq.exitCode, 0, sq.stderr);
  assert.equal(sq.stdout, 'square: 49\nquad: 2401\nafter processes, result = None\n');
  assert.equal(sq.stderr, '', 'no report was left out');
  assert.equal(typeof sq.trace, 'string', 'the run returned its Chrome trace');
  const tr = parseTrace(sq.trace);
  const program = tr.lives.get(10000);
  assert.ok(program, 'the program has its process life');
  assertChild(tr, 10001, 'Process-1', program, build);
  assertChild(tr, 10002, 'Process-2', program, build);
  // The second child started after the first one ended (join), on the same clock.
  assert.ok(tr.lives.get(10002).start >= tr.lives.get(10001).end - EPS_US, 'Process-2 starts after Process-1 ended');
  const procs = new Map(sq.summary.processes.map((p) => [p.pid, p]));
  assert.equal(procs.get(10001)?.name, 'Process-1', `the summary lists the children: ${JSON.stringify(sq.summary.processes)}`);
  assert.ok(procs.get(10001).threads >= 1 && procs.get(10002).threads >= 1, 'each child with its thread');
  assert.equal(procs.get(10002).exit_code, 0);
  t.diagnostic(`${build}: Process-1 life ${(tr.lives.get(10001).start / 1000).toFixed(1)}-${(tr.lives.get(10001).end / 1000).toFixed(1)} ms ` +
    `in the program's 0-${(program.end / 1000).toFixed(1)} ms`);

  const cd = await env.run({ code: COUNTDOWN2, mode: 'real', timeout: 60, trace: true });
  assert.equal(cd.exitCode, 0, cd.stderr);
  assert.equal(cd.stdout, 'exit codes [0, 0]\n');
  const ct = parseTrace(cd.trace);
  const cprogram = ct.lives.get(10000);
  const run1 = assertChild(ct, 10001, 'Process-1', cprogram, `${build} countdown`);
  const run2 = assertChild(ct, 10002, 'Process-2', cprogram, `${build} countdown`);
  t.diagnostic(`${build}: countdown children ran ${(run1 / 1000).toFixed(1)} ms and ${(run2 / 1000).toFixed(1)} ms`);
  assert.ok(run1 >= 1000 && run2 >= 1000, 'each child counted down for at least a ms of its own');

  // On the isolated page, a program that names threading has children on the engine with threads.
  for (const [what, code] of build === 'mt' ? [['st children', GRANDCHILD], ['mt children', `import threading\n${GRANDCHILD}`]] : [['', GRANDCHILD]]) {
    const gc = await env.run({ code, mode: 'real', timeout: 60, trace: true });
    assert.equal(gc.exitCode, 0, gc.stderr);
    assert.equal(gc.stdout, 'leaf\nmiddle 0\ntop 0\n');
    const gt = parseTrace(gc.trace);
    const leafPid = [...gt.names.keys()].find((pid) => pid >= 20000);
    assert.ok(leafPid, `the grandchild is in the trace: ${JSON.stringify([...gt.names])}`);
    assertChild(gt, 10001, 'Process-1', gt.lives.get(10000), `${build} ${what} middle`);
    assertChild(gt, leafPid, gt.names.get(leafPid), gt.lives.get(10001), `${build} ${what} grandchild`);
    for (const pid of [10000, 10001, leafPid]) {
      assert.deepEqual(gt.markers.get(pid), { started: 1, ended: 1 },
        `${build} ${what}: process ${pid} has one start and one exit marker: ${JSON.stringify([...gt.markers])}`);
    }
    t.diagnostic(`${build} ${what}: the grandchild is ${leafPid} "${gt.names.get(leafPid)}"`);
  }

  for (const [what, code] of build === 'mt' ? [['st child', ABORTS], ['mt child', `import threading\n${ABORTS}`]] : [['st child', ABORTS]]) {
    const ab = await env.run({ code, mode: 'real', timeout: 60, trace: true });
    assert.equal(ab.exitCode, 0, ab.stderr);
    assert.equal(ab.stdout, 'child before abort\nexitcode -6\n', `${build} ${what}: as python3`);
    assert.equal(ab.stderr, '', `${build} ${what}: nothing on stderr, as python3 (and no report left out)`);
    const at = parseTrace(ab.trace);
    assert.ok(at.threads.some((th) => th.pid === 10001 && th.name === 'MainThread'),
      `${build} ${what}: the aborted child's report arrived (its MainThread lane)`);
    assert.ok(at.spans.some((sp) => sp.pid === 10001 && sp.name === 'running'), `${build} ${what}: its running spans`);
    assert.equal(at.lives.get(10001)?.args.exitcode, -6, `${build} ${what}: its lane ends with -6`);
    assert.deepEqual(at.markers.get(10001), { started: 1, ended: 1 });
  }

  await messageChecks(t, env, build);
  if (build === 'mt') {
    // A program that names threading: the isolated page runs its children with threads too (the
    // real driver records their messages, run/process_trace.h, instead of the cooperative one).
    await messageChecks(t, env, 'mt, children with threads', `import threading\n${MESSAGES}`);
  }
  await clockChecks(t, env, build);

  const t0 = Date.now();
  const term = await env.run({ code: TERMINATED, mode: 'real', timeout: 30, trace: true });
  const took = Date.now() - t0;
  assert.equal(term.exitCode, 0, term.stderr);
  assert.equal(term.stdout, 'exitcode -15\n');
  const tt = parseTrace(term.trace);
  const life = tt.lives.get(10001);
  assert.ok(life, 'the terminated child keeps its lane');
  assert.equal(life.args.exitcode, -15);
  assert.equal(tt.names.get(10001), 'Process-1');
  assert.ok(inside(life, tt.lives.get(10000)), 'its life lies in the program\'s run');
  t.diagnostic(`${build}: the run with a terminated child took ${took} ms`);
  assert.ok(took < 15000, `a child that sends nothing does not hold the run up (${took} ms)`);
}

test('isolated page (mt): children\'s traces reach window.interleave.run', { skip, timeout: 300000 }, async (t) => {
  const env = await h.openProcessPage(t, engine, true, HOST);
  await apiChecks(t, env, 'mt');
  assert.deepEqual(env.log.errors, [], 'no page errors or console errors');
});

test('embed in a plain page (st): children\'s traces reach the embed\'s run', { skip, timeout: 300000 }, async (t) => {
  const env = await h.openProcessPage(t, engine, false, HOST);
  await apiChecks(t, env, 'st');
  assert.deepEqual(env.log.errors, [], 'no page errors or console errors');
});

for (const [build, isolation] of [['mt', true], ['st', false]]) {
  test(`the app's real run of square_quad (${build}): child lanes and the children's globals in the memory view`,
    { skip, timeout: 300000 }, async (t) => {
      const { server, browser } = await h.startSite(t, engine, { isolation, viewport: { width: 1280, height: 800 } });
      const page = browser.context.pages()[0] ?? await browser.context.newPage();
      const log = h.watch(page);
      await page.goto(`${server.url}index.html${isolation ? '' : '?coi=0'}#example=square_quad&mode=real&autorun=1`);
      const ready = await h.awaitReady(page);
      assert.ok(ready.ok, `ready rejected: ${ready.error}`);
      assert.equal(ready.info.build, build);
      assert.equal(await h.waitAppRun(page), 0);
      await page.waitForFunction(() => window.interleave.state().hasTrace, null, { timeout: 20000 });
      const state = await page.evaluate(() => window.interleave.state());
      t.diagnostic(`${build} memory view:\n${state.memory}`);
      // The main process's globals, then each child's own box with its own result.
      assert.match(state.memory, /^MainProcess \(pid 10000\)\n(?: {2}.*\n)*? {2}result = None\n/m);
      assert.match(state.memory, /^Process-1 \(pid 10001\) {2}· {2}own memory\n(?: {2}.*\n)*? {2}result = 49 {3}\(main: None\)\n/m);
      assert.match(state.memory, /^Process-2 \(pid 10002\) {2}· {2}own memory\n(?: {2}.*\n)*? {2}result = None\n/m);
      assert.match(state.memory, /^ {2}thread MainThread/m);
      assert.doesNotMatch(state.memory, /not reported by this build|not available in this mode|not handed back/);
      await page.mouse.move(5, 790); // no tooltip in the picture
      await page.waitForTimeout(400);
      const img = h.decodePng(await (await import('node:fs/promises')).readFile(await h.saveShot(page, `processes-trace-${build}`)));
      const L = h.appLayout(1280, 800);
      const timeline = h.regionStats(img, L.timeline);
      assert.ok(timeline.distinct >= 8, `the timeline is drawn: ${timeline.distinct} colours`);
      const memory = h.regionStats(img, L.memory);
      assert.ok(memory.distinct >= 6 && memory.edges >= 0.01, 'the memory view shows text');
      assert.deepEqual(log.errors, [], 'no page errors or console errors');
    });
}
