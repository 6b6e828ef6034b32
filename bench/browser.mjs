#!/usr/bin/env node
// Interpreter speed in the browser against the native build, on this machine, in the same run.
// Each program of bench/programs (countdown, fib by default) runs REPEAT times natively
// (`interleave run FILE --mode real --summary F`) and REPEAT times in headless Chromium through the
// page's run path (runs.js -> the run worker): on a page served cross-origin isolated (the mt run
// worker: Wasm with pthreads) and on one without isolation (the st run worker, where real mode is
// the cooperative driver). The bench page is bench.html, generated here: the run service without
// the app, so the interpreter does not share this machine's cores with a software-rendered canvas
// (with a GPU the app costs little; headless it draws with SwiftShader on the CPU). With --app the
// full index.html and window.interleave.run() are used instead. The best time of each is kept:
// native = the process's wall time; browser = the run's own wall time measured inside the run
// worker around run_source (parse, compile, run; the worker is already started, as for a person
// pressing Run). Both record the run's summary, as the page always does. Prints a markdown table
// of seconds and ratios browser / native (aim: within 1.5x) and writes build/browser/bench.json.
//
// With --node the Wasm builds run under node instead of a browser, for a quicker loop: the
// command-line builds interleave-node-{mt,st}.js (web/node_run.cpp; the run worker's engine and
// link flags for node). The native side is then the same web/node_run.cpp built natively against
// --native's build directory (bench/native_run.sh, or --native-run FILE), so both sides are
// measured by the same code: the run's own wall time and the process's CPU time over the run
// (on a loaded shared machine the CPU time moves far less than the wall time; both are printed).
// As in the browser, where the run worker stays up between runs, each process runs the program
// REPEAT times and the best is kept (the first run pays for V8's tier-up of the module). Native
// runs and the two node processes alternate, ROUNDS rounds (3 by default), so that a change of
// load on a shared machine hits all of them; the best of all rounds is kept.
// --node-mt-b/--node-st-b add a second pair of node builds to the same rounds (an A/B comparison
// of two builds, e.g. before and after a change, under the same load).
//
// Usage: node bench/browser.mjs [--native PATH] [--site DIR] [--repeat N] [--app] [--only NAME ...]
//                               [--node [--native-run FILE] [--node-mt FILE] [--node-st FILE] [--rounds N]
//                                       [--node-mt-b FILE --node-st-b FILE]]
//   --native  the native command line (default: $INTERLEAVE_NATIVE, build/native/interleave)
//   --site    the built site (default: as the browser tests find it: $INTERLEAVE_SITE, dist/, ...)
//   --node-mt, --node-st  the node builds (default: build/web-{mt,st}/web/interleave-node-{mt,st}.js)
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as h from '../tests/browser/helpers.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const execFileP = promisify(execFile);

function parseArgs(argv) {
  const o = {
    native: process.env.INTERLEAVE_NATIVE, repeat: 3, only: ['countdown', 'fib', 'lists_dicts', 'method_calls'],
    site: null, app: false, node: false, nativeRun: null, nodeMt: null, nodeSt: null, rounds: 3, nodeMtB: null, nodeStB: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--native') o.native = argv[++i];
    else if (a === '--site') o.site = argv[++i];
    else if (a === '--repeat') o.repeat = Math.max(1, Number(argv[++i]) | 0);
    else if (a === '--app') o.app = true;
    else if (a === '--node') o.node = true;
    else if (a === '--native-run') o.nativeRun = argv[++i];
    else if (a === '--node-mt') o.nodeMt = argv[++i];
    else if (a === '--node-st') o.nodeSt = argv[++i];
    else if (a === '--node-mt-b') o.nodeMtB = argv[++i];
    else if (a === '--node-st-b') o.nodeStB = argv[++i];
    else if (a === '--rounds') o.rounds = Math.max(1, Number(argv[++i]) | 0);
    else if (a === '--only') {
      o.only = [];
      while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) o.only.push(argv[++i]);
    } else throw new Error(`unknown argument ${a}`);
  }
  o.native ??= [path.join(h.ROOT, 'build/native/interleave')].find((p) => existsSync(p));
  o.nodeMt ??= path.join(h.ROOT, 'build/web-mt/web/interleave-node-mt.js');
  o.nodeSt ??= path.join(h.ROOT, 'build/web-st/web/interleave-node-st.js');
  return o;
}

async function nativeBest(bin, file, repeat) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'interleave-bench-'));
  let best = Infinity;
  let out = '';
  try {
    for (let i = 0; i < repeat; i++) {
      const t0 = process.hrtime.bigint();
      const r = await execFileP(bin, ['run', file, '--mode', 'real', '--summary', path.join(dir, 's.json')]);
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
      out = r.stdout;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { best, out };
}

const BENCH_PAGE = `<!doctype html>
<meta charset="utf-8"><title>Interleave interpreter benchmark</title>
<script type="module">
  import { RunService } from './runs.js';
  import { validateRunRequest } from './run-request.js';
  const service = new RunService(crossOriginIsolated ? 'mt' : 'st', new URL('./', location.href));
  window.interleave = {
    ready: service.ready,
    info: () => ({ build: service.build }),
    run: (r) => service.run(validateRunRequest(r)).done,
  };
</script>
`;

async function browserBest(site, isolation, programs, repeat, app) {
  const server = await h.serve(site.dir, { isolation });
  const browser = await h.launch({ viewport: { width: 1000, height: 700 } });
  try {
    const page = browser.context.pages()[0] ?? await browser.context.newPage();
    await page.goto(`${server.url}${app ? 'index.html' : 'bench.html'}${isolation ? '' : '?coi=0'}`);
    const ready = await h.awaitReady(page);
    if (!ready.ok) throw new Error(`the page did not start: ${ready.error}`);
    const expected = isolation ? 'mt' : 'st';
    if (ready.info.build !== expected) throw new Error(`expected the ${expected} build, got ${ready.info.build}`);
    const results = {};
    for (const p of programs) {
      let best = Infinity;
      let out = '';
      for (let i = 0; i < repeat; i++) {
        const r = await page.evaluate((code) => window.interleave.run({ code, mode: 'real' }), p.code);
        if (r.exitCode !== 0) throw new Error(`${p.name} failed in the browser: ${r.stderr}`);
        best = Math.min(best, r.elapsed);
        out = r.stdout;
      }
      results[p.name] = { best, out };
    }
    return { build: ready.info.build, results };
  } finally {
    await browser.close();
    await server.stop();
  }
}

// `repeat` runs of `file` in one process of web/node_run.cpp (under node, or its native build):
// the program's output, the best wall time of a run and the best CPU time of the process over a
// run (it prints `elapsed: S cpu: S` per run on stderr after the program's output).
async function harnessRun(command, file, repeat) {
  const [exe, ...args] = command;
  const r = await execFileP(exe, [...args, file, '--repeat', String(repeat)], { maxBuffer: 64 << 20 });
  const runs = [...r.stderr.matchAll(/^elapsed: ([0-9.]+) cpu: ([0-9.]+)$/gm)];
  if (runs.length !== repeat) throw new Error(`${command.join(' ')} ${file}: ${runs.length} elapsed times in ${JSON.stringify(r.stderr.slice(-200))}`);
  return { elapsed: Math.min(...runs.map((m) => Number(m[1]))), cpu: Math.min(...runs.map((m) => Number(m[2]))), out: r.stdout };
}
const nodeRun = (js, file, repeat) => harnessRun(['node', '--no-experimental-fetch', js], file, repeat);

async function nodeBench(o, programs) {
  const ab = o.nodeMtB !== null || o.nodeStB !== null;
  if (ab && (o.nodeMtB === null || o.nodeStB === null)) throw new Error('--node-mt-b and --node-st-b go together');
  for (const js of ab ? [o.nodeMt, o.nodeSt, o.nodeMtB, o.nodeStB] : [o.nodeMt, o.nodeSt]) {
    if (!existsSync(js)) throw new Error(`${js} not found (build the interleave_node target, or pass --node-mt/--node-st)`);
  }
  // The best wall time and the best CPU time, each over all runs (not necessarily the same run).
  const best = (a, b) => (!a ? b : { elapsed: Math.min(a.elapsed, b.elapsed), cpu: Math.min(a.cpu, b.cpu), out: b.out });
  const rows = [];
  for (const p of programs) {
    let n = null;
    const w = { mt: null, st: null, mtB: null, stB: null };
    for (let round = 0; round < o.rounds; round++) {
      n = best(n, await harnessRun([o.nativeRun], p.file, o.repeat));
      w.mt = best(w.mt, await nodeRun(o.nodeMt, p.file, o.repeat));
      w.st = best(w.st, await nodeRun(o.nodeSt, p.file, o.repeat));
      if (ab) {
        w.mtB = best(w.mtB, await nodeRun(o.nodeMtB, p.file, o.repeat));
        w.stB = best(w.stB, await nodeRun(o.nodeStB, p.file, o.repeat));
      }
    }
    for (const r of Object.values(w)) {
      if (r && r.out !== n.out) throw new Error(`${p.name}: node printed something else than native`);
    }
    const row = (key) => {
      const r = { program: p.name, native: n[key], mt: w.mt[key], st: w.st[key], mtRatio: w.mt[key] / n[key], stRatio: w.st[key] / n[key] };
      if (ab) Object.assign(r, { mtB: w.mtB[key], stB: w.stB[key], mtBRatio: w.mtB[key] / n[key], stBRatio: w.stB[key] / n[key] });
      return r;
    };
    rows.push({ wall: row('elapsed'), cpu: row('cpu') });
  }
  return rows;
}

function printRows(rows, where) {
  const ab = rows.length > 0 && rows[0].mtB !== undefined;
  const head = `| program | native (s) | ${where} mt (s) | mt / native | ${where} st (s) | st / native |`;
  console.log(ab ? `${head} B mt (s) | B mt / native | B st (s) | B st / native |` : head);
  console.log(ab ? '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |' : '| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    let line = `| ${r.program} | ${r.native.toFixed(3)} | ${r.mt.toFixed(3)} | ${r.mtRatio.toFixed(2)} | ${r.st.toFixed(3)} | ${r.stRatio.toFixed(2)} |`;
    if (ab) line += ` ${r.mtB.toFixed(3)} | ${r.mtBRatio.toFixed(2)} | ${r.stB.toFixed(3)} | ${r.stBRatio.toFixed(2)} |`;
    console.log(line);
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!o.native) throw new Error('no native build: pass --native PATH (or set INTERLEAVE_NATIVE)');
  if (o.node) {
    // The native side runs web/node_run.cpp built natively against --native's build directory.
    o.nativeRun ??= (await execFileP(path.join(HERE, 'native_run.sh'), [path.dirname(o.native)])).stdout.trim();
    const programs = o.only.map((name) => ({ name, file: path.join(HERE, 'programs', `${name}.py`) }));
    const rows = await nodeBench(o, programs);
    console.log(`machine: ${os.cpus()[0]?.model ?? '?'} x${os.cpus().length}, load ${os.loadavg()[0].toFixed(1)}; ` +
      `best of ${o.rounds} rounds of ${o.repeat} runs, alternating; wasm: node ${process.version} (${path.relative(h.ROOT, o.nodeMt)}, ${path.relative(h.ROOT, o.nodeSt)})` +
      (o.nodeMtB ? `; B: ${path.relative(h.ROOT, o.nodeMtB)}, ${path.relative(h.ROOT, o.nodeStB)}` : ''));
    console.log('wall time of a run (parse, compile, run)');
    printRows(rows.map((r) => r.wall), 'node');
    console.log('CPU time of the process over a run (all threads)');
    printRows(rows.map((r) => r.cpu), 'node');
    await mkdir(h.SHOTS, { recursive: true });
    await writeFile(path.join(h.SHOTS, 'bench-node.json'), JSON.stringify({ at: new Date().toISOString(), native: o.nativeRun, load: os.loadavg()[0], rows }, null, 2) + '\n');
    return;
  }
  if (o.site) process.env.INTERLEAVE_SITE = path.resolve(o.site);
  const engine = h.findEngine();
  if (!engine) throw new Error(h.NO_ENGINE_REASON);
  const programs = o.only.map((name) => {
    const file = path.join(HERE, 'programs', `${name}.py`);
    return { name, file, code: readFileSync(file, 'utf8') };
  });
  const site = await h.makeSite(engine, (dir) => writeFile(path.join(dir, 'bench.html'), BENCH_PAGE));
  try {
    const native = {};
    for (const p of programs) native[p.name] = await nativeBest(o.native, p.file, o.repeat);
    const mt = await browserBest(site, true, programs, o.repeat, o.app);
    const st = await browserBest(site, false, programs, o.repeat, o.app);
    const rows = [];
    console.log(`machine: ${os.cpus()[0]?.model ?? '?'} x${os.cpus().length}, load ${os.loadavg()[0].toFixed(1)}; ` +
      `best of ${o.repeat}; page: ${o.app ? 'index.html (with the app)' : 'bench.html (run worker only)'}`);
    for (const p of programs) {
      const n = native[p.name];
      const a = mt.results[p.name];
      const b = st.results[p.name];
      if (a.out !== n.out || b.out !== n.out) throw new Error(`${p.name}: the browser printed something else than native`);
      rows.push({ program: p.name, native: n.best, mt: a.best, st: b.best, mtRatio: a.best / n.best, stRatio: b.best / n.best });
    }
    printRows(rows, 'browser');
    await mkdir(h.SHOTS, { recursive: true });
    await writeFile(path.join(h.SHOTS, 'bench.json'), JSON.stringify({ at: new Date().toISOString(), native: o.native, app: o.app, load: os.loadavg()[0], rows }, null, 2) + '\n');
  } finally {
    await site.cleanup();
  }
}

main().catch((e) => {
  console.error(`bench/browser.mjs: ${e.message}`);
  process.exit(1);
});
