#!/usr/bin/env node
// Processes in the browser against native processes and CPython, on this machine, in the same run.
// One program (below) times itself, with the spawn start method everywhere: start + join of an
// empty process (best and median of 5); where a start goes (medians of 5, wall clock compared
// across processes): to the child's first line, from there to its target (the program run again
// as __mp_main__, which is inherent to spawn), from there to join() returning; a small-message
// round trip parent -> child -> parent over a Pipe and over two Queues (mean of 200), and a 1 MiB
// str sent to the child, which answers its length (mean of 5). It runs under python3, under the
// native command line (real OS processes) and in headless Chromium through window.interleave.run
// in real mode: on the isolated index.html (mt: the program on pthreads, shared memory in
// SharedArrayBuffers) and in the non-isolated page (st: the program in steps). Children run st
// process workers, except on the isolated page when the program uses threads (run-worker.js):
// so the isolated page runs it twice, as is and with `import threading` (children mt: each a
// process worker with two pthreads pre-started). Then, in each page and apart from any run, what the router's pool of
// booted process workers hides: compiling the engine (once per page) and booting one worker. For
// each page's runs it also says how the children's starts went (done's processes.starts, when
// the router reports them): how many took a ready worker of the pool, how many a recycled one
// (an st worker back with a fresh engine instance), and the median wait for a worker.
// Prints markdown tables with the ratios to python3 and writes build/browser/bench-processes.json.
//
// --first N: instead, the first start in a fresh page (its engines compiled and its pool booted
// by the first multiprocessing run, a few ms before its start()): N fresh pages of each kind,
// each running FIRST_PROGRAM once; prints start() to the child's first line (min, median, max).
//
// Usage: node bench/browser-processes.mjs [--native PATH] [--python PATH] [--rounds N] [--first N]
//   --native  default: $INTERLEAVE_NATIVE, build/native/interleave;  the site: as the browser tests
//   find it ($INTERLEAVE_SITE, dist/, build/).  --rounds: whole runs of each, best kept (default 2).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as h from '../tests/browser/helpers.mjs';

const execFileP = promisify(execFile);

const PROGRAM = `
import time
TOP = time.time()  # a spawned child's first line: its process, interpreter and engine are up
from multiprocessing import Process, Queue, Pipe, set_start_method

def nothing():
    pass

def stamp(conn):
    conn.send((TOP, time.time()))

def echo(conn):
    while True:
        m = conn.recv()
        if m is None:
            break
        conn.send(len(m) if isinstance(m, str) else m)

def echo_queue(inbox, outbox):
    while True:
        m = inbox.get()
        if m is None:
            break
        outbox.put(m)

if __name__ == "__main__":
    set_start_method("spawn")  # the browser's only method; python3 on Linux defaults to fork
    starts = []
    for _ in range(5):
        t0 = time.perf_counter()
        p = Process(target=nothing)
        p.start()
        p.join()
        starts.append(time.perf_counter() - t0)
    # Where a start goes (wall clock, comparable across processes): to the child's first line,
    # from there to its target (the program run again as __mp_main__, multiprocessing imported,
    # the Process unpickled), from there until join() returned in the parent. Medians of 5.
    phases = []
    for _ in range(5):
        a, b = Pipe()
        t0 = time.time()
        p = Process(target=stamp, args=(b,))
        p.start()
        p.join()
        t3 = time.time()
        top, entered = a.recv()
        phases.append((top - t0, entered - top, t3 - entered))
    med = [sorted(x[i] for x in phases)[2] * 1e3 for i in range(3)]
    a, b = Pipe()
    p = Process(target=echo, args=(b,))
    p.start()
    a.send(0)
    a.recv()
    n = 200
    t0 = time.perf_counter()
    for i in range(n):
        a.send(i)
        a.recv()
    pipe_rt = (time.perf_counter() - t0) / n
    big = "x" * (1 << 20)
    t0 = time.perf_counter()
    for _ in range(5):
        a.send(big)
        a.recv()
    mib = (time.perf_counter() - t0) / 5
    a.send(None)
    p.join()
    inbox, outbox = Queue(), Queue()
    p = Process(target=echo_queue, args=(inbox, outbox))
    p.start()
    inbox.put(0)
    outbox.get()
    t0 = time.perf_counter()
    for i in range(n):
        inbox.put(i)
        outbox.get()
    queue_rt = (time.perf_counter() - t0) / n
    inbox.put(None)
    p.join()
    print("RESULT %.3f %.1f %.1f %.3f" % (min(starts) * 1e3, pipe_rt * 1e6, queue_rt * 1e6, mib * 1e3))
    print("PHASES %.1f %.1f %.1f %.1f" % (sorted(starts)[2] * 1e3, med[0], med[1], med[2]))
`;

const COLUMNS = [
  ['start', 'process start + join (ms)'],
  ['startMedian', 'start + join, median (ms)'],
  ['toTop', 'start: to the child\'s first line (ms)'],
  ['rerun', 'start: program re-run to the target (ms)'],
  ['exitJoin', 'start: target to join() returned (ms)'],
  ['pipe', 'Pipe round trip, small message (µs)'],
  ['queue', 'Queue round trip, small message (µs)'],
  ['mib', '1 MiB str to the child and its length back (ms)'],
];

const BOOT_COLUMNS = [
  ['compile', 'engine compiled (once per page)'],
  ['create', 'new Worker to its script running'],
  ['script', 'engine JS loaded'],
  ['instantiate', 'module instantiated'],
  ['init', 'runtime initialised'],
  ['total', 'boot in all'],
];

function parse(stdout) {
  const m = /RESULT (\S+) (\S+) (\S+) (\S+)/.exec(stdout);
  const ph = /PHASES (\S+) (\S+) (\S+) (\S+)/.exec(stdout);
  if (!m || !ph) return null;
  return {
    start: +m[1], startMedian: +ph[1], toTop: +ph[2], rerun: +ph[3], exitJoin: +ph[4],
    pipe: +m[2], queue: +m[3], mib: +m[4],
  };
}

function best(a, b) {
  if (!a) return b;
  if (!b) return a;
  return Object.fromEntries(Object.keys(a).map((k) => [k, Math.min(a[k], b[k])]));
}

async function runCommand(cmd, args) {
  try {
    const { stdout } = await execFileP(cmd, args, { maxBuffer: 16 << 20, timeout: 120000 });
    return parse(stdout);
  } catch (e) {
    console.error(`${cmd}: ${String(e.stderr ?? e.message).slice(0, 400)}`);
    return null;
  }
}

/**
 * What the router's pool hides (measured in the page, apart from any run): compiling the process
 * workers' engine (once per page) and booting a process worker with it (new Worker, its script
 * loaded, the compiled module instantiated, the runtime initialised). Medians of 5, in ms.
 */
function measureBoot(page) {
  return page.evaluate(async () => {
    const build = crossOriginIsolated ? 'mt' : 'st'; // the page's own build
    const t0 = performance.now();
    const module = await WebAssembly.compileStreaming(fetch(`interleave-worker-${build}.wasm`));
    const compile = performance.now() - t0;
    const boots = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.timeOrigin + performance.now();
      const w = new Worker(`process-worker.js?build=${build}`, { name: 'interleave-bench-boot' });
      const marks = await new Promise((resolve, reject) => {
        w.onmessage = (e) => {
          if (e.data?.type === 'ready') resolve(e.data.marks);
          else if (e.data?.type === 'fatal') reject(new Error(e.data.message));
        };
        w.onerror = (e) => reject(new Error(e.message));
        setTimeout(() => reject(new Error('no answer in 60 s')), 60000);
        w.postMessage({ type: 'boot', module });
      });
      const end = performance.timeOrigin + performance.now();
      w.terminate();
      boots.push({
        create: marks.script - t, script: marks.loaded - marks.script, instantiate: marks.instantiated - marks.boot,
        init: marks.ready - marks.instantiated, total: end - t,
      });
    }
    const median = (k) => boots.map((b) => b[k]).sort((a, b) => a - b)[2];
    const r = { compile };
    for (const k of Object.keys(boots[0])) r[k] = median(k);
    for (const k of Object.keys(r)) r[k] = Math.round(r[k] * 10) / 10;
    return r;
  });
}

/** One child: from start() to its first line, in ms. */
const FIRST_PROGRAM = `
import time
TOP = time.time()
from multiprocessing import Process, Pipe

def stamp(conn):
    conn.send(TOP)

if __name__ == "__main__":
    a, b = Pipe()
    t0 = time.time()
    p = Process(target=stamp, args=(b,))
    p.start()
    top = a.recv()
    p.join()
    print("FIRST %.1f" % ((top - t0) * 1000))
`;

/**
 * Calls use(page) with index.html open and ready in a fresh browser on a fresh copy of the site,
 * served isolated or not; closes it all after.
 */
async function withReadyPage(engine, isolated, use) {
  const site = await h.makeSite(engine);
  const server = await h.serve(site.dir, { isolation: isolated });
  const browser = await h.launch();
  try {
    const page = browser.context.pages()[0] ?? await browser.context.newPage();
    await page.goto(`${server.url}index.html${isolated ? '' : '?coi=0'}`);
    const ready = await h.awaitReady(page);
    if (!ready.ok) throw new Error(ready.error);
    return await use(page);
  } finally {
    await browser.close();
    await server.stop();
    await site.cleanup();
  }
}

/** --first N: the first start in N fresh pages of each kind. */
async function firstStarts(engine, n) {
  const kinds = [['not isolated (st)', false, FIRST_PROGRAM], ['isolated, st children', true, FIRST_PROGRAM],
    ['isolated, mt children', true, `import threading\n${FIRST_PROGRAM}`]];
  const lines = [`Load ${os.loadavg()[0].toFixed(1)}, ${new Date().toISOString()}; the first start in a fresh page, ms from start() to the child's first line`, ''];
  for (const [name, isolated, code] of kinds) {
    const times = [];
    for (let i = 0; i < n; i++) {
      await withReadyPage(engine, isolated, async (page) => {
        const r = await page.evaluate((c) => window.interleave.run({ code: c, mode: 'real', timeout: 60 }), code);
        const first = Number(/FIRST (\S+)/.exec(r.stdout)?.[1]);
        if (Number.isFinite(first)) times.push(first);
        else console.error(`${name}: exit ${r.exitCode}: ${r.stderr.slice(-300)}`);
      });
    }
    times.sort((a, b) => a - b);
    lines.push(`- ${name}: ${times.length ? `${times[0]}, median ${times[times.length >> 1]}, max ${times[times.length - 1]}` : 'failed'} (${times.join(', ')})`);
  }
  console.log(lines.join('\n'));
}

/** The program with `import threading`: on the isolated page its children run the mt engine. */
const PROGRAM_THREADS = PROGRAM.replace('from multiprocessing', 'import threading\nfrom multiprocessing');

async function browserRuns(engine, isolated, rounds) {
  return withReadyPage(engine, isolated, async (page) => {
    let result = null;
    let threaded = null; // isolated: the children mt
    const starts = { st: [], mt: [] }; // the children's starts, by the children's build
    for (let i = 0; i < rounds; i++) {
      for (const code of isolated ? [PROGRAM, PROGRAM_THREADS] : [PROGRAM]) {
        const r = await page.evaluate((c) => window.interleave.run({ code: c, mode: 'real', timeout: 120 }), code);
        if (r.exitCode !== 0) console.error(`browser (${isolated ? 'mt' : 'st'}): exit ${r.exitCode}: ${r.stderr.slice(-400)}`);
        if (code === PROGRAM) result = best(result, parse(r.stdout));
        else threaded = best(threaded, parse(r.stdout));
        starts[code === PROGRAM ? 'st' : 'mt'].push(...(r.processes?.starts ?? []));
      }
    }
    let boot = null;
    try {
      boot = await measureBoot(page);
    } catch (e) {
      console.error(`browser (${isolated ? 'mt' : 'st'}): booting a process worker failed: ${e.message}`);
    }
    for (const [build, list] of Object.entries(starts)) {
      if (!list.length) continue;
      const waits = list.map((s) => s.phases?.wait ?? 0).sort((a, b) => a - b);
      console.error(`browser (${isolated ? 'isolated' : 'not isolated'}), ${build} children: ${list.length} starts, ` +
        `${list.filter((s) => s.pooled && s.phases?.wait === 0).length} on a ready worker of the pool, ` +
        `${list.filter((s) => s.recycled).length} on a recycled one; wait for a worker: median ${waits[waits.length >> 1]} ms, ` +
        `max ${waits[waits.length - 1]} ms`);
    }
    return { result, threaded, boot };
  });
}

async function main() {
  const argv = process.argv.slice(2);
  const opt = { native: process.env.INTERLEAVE_NATIVE, python: 'python3', rounds: 2 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--native') opt.native = argv[++i];
    else if (argv[i] === '--python') opt.python = argv[++i];
    else if (argv[i] === '--rounds') opt.rounds = Math.max(1, Number(argv[++i]) | 0);
    else if (argv[i] === '--first') opt.first = Math.max(1, Number(argv[++i]) | 0);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  opt.native ??= path.join(h.ROOT, 'build/native/interleave');
  const engine = h.findEngine();
  if (!engine) throw new Error(h.NO_ENGINE_REASON);
  if (opt.first) {
    await firstStarts(engine, opt.first);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'interleave-bench-'));
  const file = path.join(dir, 'processes.py');
  writeFileSync(file, PROGRAM);
  const rows = {};
  const boots = {};
  try {
    for (let i = 0; i < opt.rounds; i++) {
      rows.python3 = best(rows.python3, await runCommand(opt.python, [file]));
      if (existsSync(opt.native)) rows.native = best(rows.native, await runCommand(opt.native, ['run', file, '--timeout', '120']));
    }
    for (const [name, isolated] of [['browser mt (isolated)', true], ['browser st (not isolated)', false]]) {
      const { result, threaded, boot } = await browserRuns(engine, isolated, opt.rounds);
      rows[isolated ? `${name}, st children` : name] = result;
      if (isolated) rows[`${name}, mt children (the program imports threading)`] = threaded;
      boots[isolated ? `${name}, an mt child's` : name] = boot;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const load = os.loadavg()[0].toFixed(1);
  const lines = [`Load ${load}, ${new Date().toISOString()}; best of ${opt.rounds} runs; ratio = python3 / this (> 1: faster than CPython)`, '',
    `| | ${COLUMNS.map(([, t]) => t).join(' | ')} |`, `|---|${COLUMNS.map(() => '---:').join('|')}|`];
  for (const [name, r] of Object.entries(rows)) {
    const cells = COLUMNS.map(([k]) => {
      if (!r) return 'failed';
      const ratio = rows.python3 && r[k] > 0 ? rows.python3[k] / r[k] : NaN;
      return `${r[k]}${name === 'python3' || !Number.isFinite(ratio) ? '' : ` (${ratio.toFixed(2)}x)`}`;
    });
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  lines.push('', 'What the process pool hides (a process worker booted apart from any run; medians of 5, ms):', '',
    `| | ${BOOT_COLUMNS.map(([, t]) => t).join(' | ')} |`, `|---|${BOOT_COLUMNS.map(() => '---:').join('|')}|`);
  for (const [name, b] of Object.entries(boots)) {
    lines.push(`| ${name} | ${BOOT_COLUMNS.map(([k]) => (b ? b[k] : 'failed')).join(' | ')} |`);
  }
  console.log(lines.join('\n'));
  await mkdir(h.SHOTS, { recursive: true });
  await writeFile(path.join(h.SHOTS, 'bench-processes.json'), JSON.stringify({ load: Number(load), rows, boots }, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
