#!/usr/bin/env node
// Where the start of a child process with threads goes in the browser (docs/processes.md,
// "Processes in the browser"): an mt process worker's boot and a child's start, with timestamps
// on the page's shared clock. In a fresh isolated page (headless Chromium):
//   1. boots: BOOTS mt process workers one after another, apart from any run, each through a
//      small wrapper script (written into the served copy of the site) that loads
//      process-worker.js itself and times every Web Worker the engine creates for its pthread
//      pool (from `new Worker` to its 'loaded' message: a new isolate, the engine's script, the
//      compiled module instantiated); medians of the phases: new Worker to process-worker.js
//      running, the engine's JS loaded, the module instantiated, each pthread worker loaded,
//      runtime ready;
//   2. children: a program that imports threading (so its children run the mt engine) starts
//      one child at a time, ROUNDS times, each child alone (joined before the next) and after a
//      pause (so the pool is ready), then BURST children started in a loop before any join;
//      for each child: the router's start log (wait for a worker, iw_start_child, whether the
//      worker was pooled or came back) and the Python side's clock: start() to the child's
//      first line, first line to its target;
//   3. memory: Chromium's processes' resident memory (PSS where the kernel gives it) with the
//      page ready and idle, then with IDLE more idle mt process workers booted, per worker.
// Usage: node bench/mt-start-probe.mjs [--boots N] [--rounds N] [--burst N] [--idle N]
//   the site as the browser tests find it ($INTERLEAVE_SITE, dist/, build/).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as h from '../tests/browser/helpers.mjs';

// Loads process-worker.js in this worker (so it reads ?build=mt from this script's URL) after
// wrapping Worker so that the pthread pool's workers are timed; their times ride on the
// process worker's own 'ready' message.
const WRAPPER = `'use strict';
const probeNow = () => performance.timeOrigin + performance.now();
self.__probePthreads = [];
const RealWorker = self.Worker;
self.Worker = class extends RealWorker {
  constructor(...args) {
    const created = probeNow();
    super(...args);
    const entry = { created };
    self.__probePthreads.push(entry);
    this.addEventListener('message', (e) => {
      if (e.data?.cmd === 'loaded' && entry.loaded === undefined) entry.loaded = probeNow();
    });
  }
};
const realPost = self.postMessage.bind(self);
self.postMessage = (msg, transfer) => {
  if (msg?.type === 'ready') msg.pthreads = self.__probePthreads;
  return realPost(msg, transfer);
};
importScripts('process-worker.js');
`;

const PROGRAM = (rounds, burst) => `
import time
TOP = time.time()
import threading
from multiprocessing import Process, Pipe

def stamp(conn):
    conn.send((TOP, time.time()))

def one():
    a, b = Pipe()
    t0 = time.time()
    p = Process(target=stamp, args=(b,))
    p.start()
    top, entered = a.recv()
    p.join()
    return (top - t0) * 1e3, (entered - top) * 1e3

if __name__ == "__main__":
    for i in range(${rounds}):
        time.sleep(1.0)
        print("ALONE %.1f %.1f" % one())
    time.sleep(1.0)
    pipes = [Pipe() for _ in range(${burst})]
    t0 = time.time()
    ps = [Process(target=stamp, args=(b,)) for a, b in pipes]
    for p in ps:
        p.start()
    for a, b in pipes:
        top, entered = a.recv()
        print("BURST %.1f %.1f" % ((top - t0) * 1e3, (entered - top) * 1e3))
    for p in ps:
        p.join()
`;

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? Math.round(s[s.length >> 1] * 10) / 10 : NaN;
};

/** Resident memory of Chromium's processes (kB): PSS from smaps_rollup where readable. */
function chromiumMemoryKb() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/chrom/.test(cmd.split('\0')[0])) continue;
      let kb = NaN;
      try {
        kb = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1]);
      } catch {
        // no smaps_rollup: RSS instead
      }
      if (!Number.isFinite(kb)) kb = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      if (Number.isFinite(kb)) total += kb;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

async function main() {
  const argv = process.argv.slice(2);
  const opt = { boots: 5, rounds: 5, burst: 4, idle: 4 };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in opt)) throw new Error(`unknown argument ${argv[i]}`);
    opt[key] = Math.max(1, Number(argv[++i]) | 0);
  }
  const engine = h.findEngine();
  if (!engine) throw new Error(h.NO_ENGINE_REASON);
  const site = await h.makeSite(engine, (dir) => writeFileSync(path.join(dir, 'mt-boot-probe.js'), WRAPPER));
  const server = await h.serve(site.dir, { isolation: true });
  const browser = await h.launch();
  const lines = [`Load ${os.loadavg()[0].toFixed(1)}, ${new Date().toISOString()}`];
  try {
    const page = browser.context.pages()[0] ?? await browser.context.newPage();
    await page.goto(`${server.url}index.html`);
    const ready = await h.awaitReady(page);
    if (!ready.ok) throw new Error(ready.error);

    // 1. boots
    const boots = await page.evaluate(async (n) => {
      const module = await WebAssembly.compileStreaming(fetch('interleave-worker-mt.wasm'));
      const out = [];
      for (let i = 0; i < n; i++) {
        const t = performance.timeOrigin + performance.now();
        const w = new Worker('mt-boot-probe.js?build=mt', { name: 'interleave-probe' });
        const msg = await new Promise((resolve, reject) => {
          w.onmessage = (e) => {
            if (e.data?.type === 'ready') resolve(e.data);
            else if (e.data?.type === 'fatal') reject(new Error(e.data.message));
          };
          setTimeout(() => reject(new Error('no answer in 60 s')), 60000);
          w.postMessage({ type: 'boot', module });
        });
        w.terminate();
        const m = msg.marks;
        const p = msg.pthreads ?? [];
        out.push({
          create: m.script - t, script: m.loaded - m.script, instantiate: m.instantiated - m.boot,
          pthreadCreated: p.length ? Math.max(...p.map((x) => x.created)) - m.boot : NaN,
          pthreadLoaded: p.length ? Math.max(...p.map((x) => x.loaded - x.created)) : NaN,
          afterPthreads: p.length ? m.ready - Math.max(...p.map((x) => x.loaded)) : NaN,
          init: m.ready - m.instantiated, total: m.ready - t, pthreads: p.length,
        });
        await new Promise((r) => setTimeout(r, 300));
      }
      return out;
    }, opt.boots);
    const names = [['create', 'new Worker to process-worker.js running'], ['script', 'engine JS loaded'],
      ['instantiate', 'module instantiated'], ['pthreadCreated', 'boot to the last pthread Worker created'],
      ['pthreadLoaded', 'a pthread Worker: new Worker to loaded (slowest)'],
      ['afterPthreads', 'last pthread loaded to ready'], ['init', 'instantiated to ready'], ['total', 'boot in all']];
    lines.push('', `1. An mt process worker's boot, ${boots[0]?.pthreads} pthread Workers pre-started (medians of ${boots.length}, ms):`, '');
    for (const [k, label] of names) lines.push(`   - ${label}: ${median(boots.map((b) => b[k]))}`);

    // 2. children
    const r = await page.evaluate((c) => window.interleave.run({ code: c, mode: 'real', timeout: 300 }), PROGRAM(opt.rounds, opt.burst));
    if (r.exitCode !== 0) throw new Error(`the children's program: exit ${r.exitCode}: ${r.stderr.slice(-400)}`);
    const py = [...r.stdout.matchAll(/(ALONE|BURST) (\S+) (\S+)/g)].map((m) => ({ kind: m[1], top: +m[2], rerun: +m[3] }));
    const starts = r.processes?.starts ?? [];
    lines.push('', `2. Children with threads (${starts[0]?.build ?? '?'} engine): one per line, in start order; ms`, '',
      '| child | worker | wait for it | iw_start_child | start() to first line | first line to target |', '|---|---|---:|---:|---:|---:|');
    starts.forEach((s, i) => {
      const how = s.recycled ? `came back (instance ${s.instance})` : s.pooled ? 'pooled' : 'new';
      lines.push(`| ${py[i]?.kind ?? '?'} ${i + 1} | ${how} | ${s.phases?.wait} | ${s.phases?.start} | ${py[i]?.top ?? '?'} | ${py[i]?.rerun ?? '?'} |`);
    });

    // 3. memory
    await page.evaluate(() => new Promise((r) => setTimeout(r, 1000)));
    const before = chromiumMemoryKb();
    await page.evaluate(async (n) => {
      const module = await WebAssembly.compileStreaming(fetch('interleave-worker-mt.wasm'));
      self.__probeIdle = [];
      for (let i = 0; i < n; i++) {
        const w = new Worker('process-worker.js?build=mt', { name: 'interleave-probe-idle' });
        await new Promise((resolve) => {
          w.onmessage = (e) => { if (e.data?.type === 'ready' || e.data?.type === 'fatal') resolve(); };
          w.postMessage({ type: 'boot', module });
        });
        self.__probeIdle.push(w);
      }
      await new Promise((r) => setTimeout(r, 1000));
    }, opt.idle);
    const after = chromiumMemoryKb();
    lines.push('', `3. Chromium's memory: ${Math.round(before / 1024)} MiB idle, ${Math.round(after / 1024)} MiB with ${opt.idle} more idle mt process workers: ${((after - before) / 1024 / opt.idle).toFixed(1)} MiB each`);
  } finally {
    await browser.close();
    await server.stop();
    await site.cleanup();
  }
  lines.push('', `(load ${os.loadavg()[0].toFixed(1)} at the end; ${execFileSync('nproc').toString().trim()} cores)`);
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
