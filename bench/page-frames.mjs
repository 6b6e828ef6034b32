// The page's frame rate and where a frame's time goes, idle and while spin_forever runs for real
// (two Python threads spinning on Wasm pthreads), in headless Chromium (SwiftShader's software GL
// unless INTERLEAVE_CHROMIUM_ARGS says otherwise). Prints, for each phase: requestAnimationFrame
// callbacks per second (how often the page can react), canvas redraws per second (frames that
// issued WebGL draw calls: the app skips frames whose picture did not change, and redraws a
// changed one only where it changed), how many of those were partial and the share of the canvas
// they redrew on average, the worst gap between frames, the main thread's top self-time functions
// from Chrome's CPU profiler (CDP), and the CPU each Chromium process used per redraw (from /proc,
// every thread: the GPU process's include SwiftShader's raster threads), which the machine's load
// does not change much. After each phase a probe moves the mouse on and off a button every 150 ms
// (each move changes the picture: the button's hover colour) and reports how long each change
// waited to be drawn: from the event's timestamp to the first WebGL draw call after it.
// Several sites are measured alternately, round after round, in one run (before/after).
// With --trace, the spinning phase is also recorded with Chrome's tracing (every process: the
// page's renderer, the GPU process where SwiftShader draws, the browser's compositor) and the
// busiest threads are listed: time inside top-level tasks (wall) and the thread's own CPU time in
// them. Wall much above CPU: the thread waited, for a core or for other threads (SwapBuffers on
// the GPU process's main thread waits for SwiftShader's raster threads).
//   node bench/page-frames.mjs [SITE_DIR...] [--rounds N] [--trace [FILE.json]]
//   (SITE_DIR default: $INTERLEAVE_SITE, else dist/; FILE.json keeps the raw trace for Perfetto)
// The numbers depend on the machine's load: run it beside nothing else, or report the load.
import os from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as h from '../tests/browser/helpers.mjs';

const args = process.argv.slice(2);
let tracing = false, traceFile = null, rounds = 1;
const sites = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--trace') {
    tracing = true;
    if (args[i + 1]?.endsWith('.json')) traceFile = args[++i];
  } else if (args[i] === '--rounds') {
    rounds = Math.max(1, Number(args[++i]) || 1);
  } else {
    sites.push(args[i]);
  }
}
if (sites.length === 0) sites.push(process.env.INTERLEAVE_SITE);

/**
 * CPU time (ms) used so far by each of this run's Chromium processes (descendants of this node
 * process) by type (gpu-process, renderer, browser...), with its threads' CPU by thread name:
 * from /proc, so SwiftShader's raster threads count, which the trace does not see.
 */
function chromiumCpu() {
  const tick = 1000 / 100;  // USER_HZ
  const stat = (path) => {
    try {
      const text = readFileSync(path, 'utf8');
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      return { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) * tick };
    } catch {
      return null;
    }
  };
  const procs = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const st = stat(`/proc/${pid}/stat`);
    if (st) procs.set(Number(pid), st);
  }
  const mine = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 8; p = procs.get(p)?.ppid ?? 0, hops++) {
      if (p === process.pid) return true;
    }
    return false;
  };
  const out = new Map();  // type -> { cpu, threads: Map(name -> cpu) }
  for (const [pid, st] of procs) {
    if (!mine(pid)) continue;
    let cmd = '';
    try { cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
    if (!cmd.includes('chrom')) continue;
    const type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
    const entry = out.get(type) ?? { cpu: 0, threads: new Map() };
    entry.cpu += st.cpu;
    let tids = [];
    try { tids = readdirSync(`/proc/${pid}/task`); } catch { /* gone */ }
    for (const tid of tids) {
      const t = stat(`/proc/${pid}/task/${tid}/stat`);
      let name = '?';
      try { name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim(); } catch { /* gone */ }
      if (t) entry.threads.set(name, (entry.threads.get(name) ?? 0) + t.cpu);
    }
    out.set(type, entry);
  }
  return out;
}

function cpuReport(before, after, drawn) {
  console.log(`  CPU of Chromium's processes (from /proc), per redraw over ${drawn} redraws:`);
  for (const [type, a] of after) {
    const b = before.get(type) ?? { cpu: 0, threads: new Map() };
    const used = a.cpu - b.cpu;
    const threads = [...a.threads].map(([n, c]) => [n, c - (b.threads.get(n) ?? 0)])
      .filter(([, c]) => c > 0).sort((x, y) => y[1] - x[1]).slice(0, 4)
      .map(([n, c]) => `${n} ${c.toFixed(0)}`).join(', ');
    console.log(`    ${used.toFixed(0).padStart(6)} ms (${drawn ? (used / drawn).toFixed(1) : '-'} ms per redraw)  ` +
      `${type}: ${threads}`);
  }
}

/** Chrome trace events -> per thread: wall and CPU time inside top-level tasks, busiest first. */
function busiestThreads(events, windowMs) {
  const names = new Map();  // "pid" or "pid:tid" -> name
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'process_name') names.set(`${e.pid}`, e.args.name);
    if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const tasks = new Map();  // "pid:tid" -> [{ts, dur, tdur}]
  for (const e of events) {
    if (e.ph !== 'X' || !String(e.cat).split(',').includes('toplevel') || !(e.dur > 0)) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!tasks.has(key)) tasks.set(key, []);
    tasks.get(key).push(e);
  }
  const rows = [];
  for (const [key, list] of tasks) {
    list.sort((a, b) => a.ts - b.ts);
    let wall = 0, cpu = 0, end = -Infinity;
    for (const e of list) {
      if (e.ts < end) continue;  // nested inside the task before it
      end = e.ts + e.dur;
      wall += e.dur;
      cpu += e.tdur ?? 0;
    }
    const pid = key.split(':')[0];
    rows.push({ name: `${names.get(pid) ?? pid} / ${names.get(key) ?? key}`, wall: wall / 1000, cpu: cpu / 1000 });
  }
  rows.sort((a, b) => b.wall - a.wall);
  console.log(`  busiest threads of ${windowMs} ms traced (top-level tasks: wall, CPU):`);
  for (const r of rows.slice(0, 10)) {
    console.log(`    ${r.wall.toFixed(0).padStart(6)} ms wall ${r.cpu.toFixed(0).padStart(6)} ms CPU  ${r.name}`);
  }
}
/** One measurement of one site: idle, then two threads spinning, then Stop. */
async function measureSite(label) {
const engine = h.findEngine();
if (!engine) {
  console.error(h.NO_ENGINE_REASON);
  process.exit(2);
}
const site = await h.makeSite(engine);
const server = await h.serve(site.dir);
const browser = await h.launch({ viewport: { width: 1280, height: 800 } });
try {
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  // Counts the animation frames in which the page drew into a WebGL canvas, notes when each draw
  // came after a mouse move (the probe), and keeps the app's module for its frame counts.
  await page.addInitScript(() => {
    // Per animation frame (callbacks of one frame share its timestamp): counted once each.
    const stats = (window.__frames = { raf: 0, drawn: 0, frameTime: -1, counted: false, moved: [], waits: [], delivered: [] });
    const P = WebGL2RenderingContext.prototype;
    for (const name of ['drawElements', 'drawArrays', 'drawArraysInstanced', 'clear']) {
      const f = P[name];
      P[name] = function (...args) {
        if (!stats.counted) {
          stats.counted = true;
          stats.drawn++;
          const now = performance.now();
          for (const t of stats.moved) stats.waits.push(now - t);
          stats.moved = [];
        }
        return f.apply(this, args);
      };
    }
    addEventListener('mousemove', (e) => {
      stats.moved.push(e.timeStamp);
      stats.delivered.push(performance.now() - e.timeStamp);
    }, true);
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => raf((t) => {
      if (t !== stats.frameTime) {
        stats.frameTime = t;
        stats.raf++;
        stats.counted = false;
      }
      cb(t);
    });
    let create;
    Object.defineProperty(window, 'createInterleave', {
      configurable: true,
      get: () => create && ((opts) => create(opts).then((m) => (window.__module = m))),
      set: (f) => { create = f; },
    });
  });
  await page.goto(`${server.url}index.html#example=spin_forever&mode=real&limit=600`);
  const ready = await h.awaitReady(page);
  if (!ready.ok) throw new Error(`the page did not start: ${ready.error}`);
  const cdp = await page.context().newCDPSession(page);
  const appCounts = () => page.evaluate(() => {
    const m = window.__module;
    if (!m || !m._interleave_frame_counts_json) return null;
    return JSON.parse(m.UTF8ToString(m._interleave_frame_counts_json()));
  });

  const measure = async (label, ms, trace = false) => {
    const events = [];
    if (trace) {
      cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
      await cdp.send('Tracing.start', {
        categories: 'toplevel,gpu,viz,cc,benchmark,disabled-by-default-devtools.timeline.frame',
        transferMode: 'ReportEvents',
      });
    }
    const cpu0 = chromiumCpu();
    const app0 = await appCounts();
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    const r = await page.evaluate((duration) => new Promise((resolve) => {
      const s = window.__frames;
      const raf0 = s.raf, drawn0 = s.drawn;
      let worst = 0;
      const t0 = performance.now();
      let last = t0;
      const tick = (now) => {
        worst = Math.max(worst, now - last);
        last = now;
        if (now - t0 < duration) requestAnimationFrame(tick);
        else resolve({ seconds: (now - t0) / 1000, raf: s.raf - raf0, drawn: s.drawn - drawn0, worst });
      };
      requestAnimationFrame(tick);
    }), ms);
    const cpu1 = chromiumCpu();
    const app1 = await appCounts();
    const { profile } = await cdp.send('Profiler.stop');
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const n = byId.get(id);
      const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}`.trim();
      const dt = profile.timeDeltas[i] ?? 0;
      self.set(key, (self.get(key) ?? 0) + dt);
      total += dt;
    });
    console.log(`${label}: ${(r.raf / r.seconds).toFixed(1)} frames/s, ${(r.drawn / r.seconds).toFixed(1)} ` +
      `redraws/s, worst gap ${r.worst.toFixed(0)} ms (${r.seconds.toFixed(1)} s)`);
    if (app0 && app1) {
      const drawn = app1.drawn - app0.drawn, partial = app1.partial - app0.partial;
      const share = drawn ? (app1.pixels - app0.pixels) / drawn / (1280 * 800 * dpr) : 0;
      console.log(`  the app: ${app1.built - app0.built} frames built, ${drawn} drawn, ${partial} of them in part; ` +
        `${(100 * share).toFixed(1)}% of the canvas redrawn per redraw`);
    } else {
      console.log('  the app: no frame counts (an older build)');
    }
    console.log(`  main thread, self time of ${(total / 1000).toFixed(0)} ms profiled:`);
    [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8)
      .forEach(([k, v]) => console.log(`    ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`));
    cpuReport(cpu0, cpu1, r.drawn);
    if (trace) {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      busiestThreads(events, ms);
      if (traceFile) {
        await writeFile(traceFile, JSON.stringify({ traceEvents: events }));
        console.log(`  trace: ${traceFile}`);
      }
    }
  };

  const dpr = await page.evaluate(() => devicePixelRatio * devicePixelRatio);
  const L = h.appLayout(1280, 800);
  const run = { x: L.editor.x + 10 + 32, y: L.editor.y + 23 + 8 + 11 };  // the Run / Stop button
  // Moves the mouse on and off the Run/Stop button; each move changes the picture.
  const probe = async (what) => {
    await page.evaluate(() => Object.assign(window.__frames, { waits: [], moved: [], delivered: [] }));
    const moves = 20;
    for (let i = 0; i < moves; i++) {
      // On the button first: the mouse rests off it, and a move that changes nothing draws nothing
      // (its wait would be charged to the next move's draw, 150 ms later).
      await page.mouse.move(run.x + (i % 2 ? 120 : 0), run.y + (i % 2 ? 60 : 0));
      await page.waitForTimeout(150);
    }
    await page.waitForTimeout(500);
    const { waits: inOrder, delivered, pending } = await page.evaluate(() => ({
      waits: window.__frames.waits, delivered: window.__frames.delivered, pending: window.__frames.moved.length }));
    const waits = [...inOrder].sort((x, y) => x - y);
    const q = (f) => waits.length ? waits[Math.min(waits.length - 1, Math.floor(f * waits.length))].toFixed(0) : '-';
    console.log(`  probe (${what}): ${moves} mouse moves, ${waits.length} drawn after them, ${pending} still waiting; ` +
      `wait from event to draw: median ${q(0.5)} ms, max ${q(1)} ms`);
    console.log(`    each, in order: ${inOrder.map((w) => w.toFixed(0)).join(' ')}`);
    console.log(`    of which the event's way to the page's listener: ${delivered.map((w) => w.toFixed(0)).join(' ')}`);
  };

  console.log(`${label}: load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  await page.mouse.move(run.x + 120, run.y + 60);
  await page.waitForTimeout(1000);
  await measure('idle', 4000);
  await probe('idle');
  await page.mouse.click(run.x, run.y); // Run
  await page.waitForFunction(() => document.documentElement.dataset.appRun === 'running');
  await page.mouse.move(run.x + 120, run.y + 60);
  await page.waitForTimeout(1500);
  await measure('two threads spinning', 4000, tracing);
  await probe('spinning');
  console.log(`  load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const stop = await page.evaluate(() => new Promise((resolve) => {
    const t0 = performance.now();
    new MutationObserver((_, obs) => {
      if (document.documentElement.dataset.appRun !== 'done') return;
      obs.disconnect();
      resolve(performance.now() - t0);
    }).observe(document.documentElement, { attributes: true });
    window.interleave.stop();
  }));
  console.log(`stop: the page saw the run end ${stop.toFixed(0)} ms after window.interleave.stop()`);
} finally {
  await browser.close();
  await server.stop();
  await site.cleanup();
}
}

for (let round = 1; round <= rounds; round++) {
  for (const dir of sites) {
    if (dir) process.env.INTERLEAVE_SITE = dir;
    const label = `round ${round}, ${dir ?? 'dist/'}`;
    console.log(`\n== ${label}`);
    await measureSite(label);
  }
}
