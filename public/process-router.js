// The process router (docs/processes.md, "Processes in the browser"): lives in the run worker
// (run-worker.js importScripts it) and owns the processes of the run going on. Process 0 is the
// program, in the run worker's own engine; every child is a process worker (process-worker.js)
// with its own Wasm instance and memory, started here (all process workers are the run worker's).
// Processes talk only to the router, in records (web/web_process_host.h has their layout); the
// router keeps:
//   - channels: each end's queued frames and its waiting readers; a reader asks for ONE frame
//     (Want) and gets the next one, or EOF once nobody holds an end that sends there;
//   - shared-memory regions (Value, Array, locks, queue counters): BigInt64Arrays here, each word
//     operation a round trip;
//   - processes: pid -> worker, parent, exit code; terminate -15, kill -9, a crashed worker 1.
//   - traces: a Spawn record flagged traced (the program's run is recorded) starts a traced
//     child, and so on down; a traced child's Report record (its trace and globals, sent just
//     before its exit record) goes to the program's process (process 0), which merges them all
//     once the run's processes ended. Nothing waits for a report: a terminated child sends none.
//   - a pool of idle process workers, booted ahead of need (the engine compiled once per router
//     and build, and instantiated in each): up to POOL_SIZE[build] of the build of the run's
//     children (hooks.childBuild: in the isolated page mt when the program uses threads, st
//     otherwise; mt keeps more, as its boots cost more and tutorials start 4 children in a
//     loop) and up to SPARE_OTHER of the other build, kept as a warm spare when a run's children
//     change build; at most BOOTING[build] boot at once (st one, mt two: each mt boot starts three
//     Web Workers), the next once one is ready.
//     A spawn takes one (a ready one first) and the pool is refilled in the
//     background: at once when it holds no ready worker any more (a burst of spawns), else
//     REFILL_MS later, by which time a short child's worker may have come back; when the taken
//     worker was still booting, once the child started (a burst boots its own workers first).
//     A worker whose process ended by itself (its exit record) comes back
//     (process-worker.js, 'recycle'): st drops that engine instance and instantiates a fresh one
//     from the compiled module in the same Worker, mt frees the process's run and keeps its
//     instance (and its pthreads' Web Workers) for the next process's fresh interpreter; either
//     costs a fraction of a boot. It rejoins the pool while there is room (in place of a worker
//     still booting if need be). Any other ended worker is terminated. The pool is
//     filled when a run whose program names multiprocessing begins, and its idle workers are
//     terminated POOL_IDLE_MS after the last such run ended.
// Invariants: a frame is handed to exactly one reader that asked for it; a dead process's held
// ends are released; when a run ends every process worker running a process is terminated
// (liveWorkers() is 0), only the pool's idle workers stay (idleWorkers() <= max POOL_SIZE +
// SPARE_OTHER); a process runs in an interpreter of its own, on a fresh engine instance (st) or
// on one whose previous process's run was freed (mt), so nothing of one process reaches another.
// Runs on the run worker's JS thread only.
'use strict';

/* exported ProcessRouter, ProcessRecords */

const ProcessRecords = Object.freeze({
  out: { Output: 1, Spawn: 2, Signal: 3, Exit: 4, Channel: 5, Send: 6, Want: 7, Close: 8, Shm: 9, Word: 10, Shutdown: 11, Report: 12 },
  in: { Frame: 1, Eof: 2, Exited: 3, Word: 4, Report: 5 },
  /** Calls fn(kind, a, b, c, bytes) for each record of `buffer` (an ArrayBuffer). */
  each(buffer, fn) {
    const view = new DataView(buffer);
    let at = 0;
    while (at + 17 <= buffer.byteLength) {
      const size = view.getInt32(at, true);
      const kind = view.getUint8(at + 4);
      const a = view.getInt32(at + 5, true);
      const b = view.getInt32(at + 9, true);
      const c = view.getInt32(at + 13, true);
      fn(kind, a, b, c, new Uint8Array(buffer, at + 17, size - 13));
      at += 4 + size;
    }
  },
});

const OUT = ProcessRecords.out;
const IN = ProcessRecords.in;

/**
 * Idle process workers of the run's children's build kept booted ahead of need. mt: 4, so that 4
 * children started in a loop find a ready worker each (an idle mt process worker holds about
 * 11 MiB: bench/mt-start-probe.mjs).
 */
const POOL_SIZE = Object.freeze({ st: 2, mt: 4 });
/** How many pool workers of a build boot at once. */
const BOOTING = Object.freeze({ st: 1, mt: 2 });
/** Idle process workers of the other build kept (a warm spare for a run of the other kind). */
const SPARE_OTHER = 1;
/** How long after a spawn took a ready worker (others still ready) the pool is topped up. */
const REFILL_MS = 100;
/** How long the pool outlives the last run that used processes. */
const POOL_IDLE_MS = 30000;
/** How long a booting mt process worker asked to quit may take before it is terminated. */
const QUIT_MS = 15000;

class ProcessRouter {
  /**
   * hooks: {
   *   childBuild(code): the build ('mt' | 'st') the children of a run of `code` run,
   *   workerUrl(build): the process worker script's URL for that build,
   *   wasmUrl(build): that build's engine .wasm (compiled once, handed to its process workers),
   *   deliverMain(kind, a, b, bytes): a message for process 0 (the run worker's engine),
   *   output(fd, text): a child's output for the run's output (process 0's is flushed first),
   * }
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.modules = new Map(); // build -> Promise<WebAssembly.Module>
    this.run = null;
    this.started = 0; // process workers started, over every run
    this.pool = []; // idle booted (or booting, or recycling) process workers: {worker, ready, build}
    this.poolTimer = 0;
    this.refillTimer = 0;
    this.compiledNow = new Map(); // build -> its WebAssembly.Module, once compiled
    this.starts = []; // the last children's start phases (startLog())
  }

  /** A new run: {pid, code, filename, gil, interval, timeout, startedAt}. */
  begin(run) {
    this.end();
    this.run = { ...run, build: this.hooks.childBuild(run.code ?? '') };
    if (/\bmultiprocessing\b/.test(run.code ?? '')) {
      clearTimeout(this.poolTimer);
      this.poolTimer = 0;
      this.#fillPool();
    }
    this.procs = new Map([[run.pid, { pid: run.pid, index: 0, parent: null, worker: null, alive: true, daemon: false, decoders: null }]]);
    this.chans = new Map(); // end -> {sendsTo, frames: [Uint8Array], waiters: [pid], holders: Set}
    this.regions = new Map(); // id -> BigInt64Array (over a SharedArrayBuffer in mt)
    this.shared = new Map(); // id -> SharedArrayBuffer (mt): every child maps them all
    this.nextIndex = 1;
    this.children = 0;
    this.thisRun = []; // this run's children's starts (runStarts())
    this.waitingForChildren = null; // {resolve, timer} once the program ended
  }

  /** Process workers alive now (0 between runs). */
  liveWorkers() {
    if (!this.procs) return 0;
    let n = 0;
    for (const p of this.procs.values()) if (p.worker && p.alive) n++;
    return n;
  }

  /** Idle process workers in the pool (booted ahead of need; at most POOL_SIZE + SPARE_OTHER). */
  idleWorkers() {
    return this.pool.length;
  }

  /**
   * The last children's starts (at most 16): {pid, build, pooled, recycled, instance, phases,
   * startedAt}: `build` the engine the child ran, `pooled` the child took a worker of the pool, `recycled` one that came back to it with a
   * fresh engine instance (its `instance`-th in that Worker), and phases in ms:
   * `wait` from the spawn record to the worker's engine being ready (0 when a booted pooled worker
   * was taken), `start` from then to iw_start_child returning, `run` from then to the child's exit
   * record (the program run again, the target, the exit), and the worker's own boot (script,
   * instantiate, init) when it booted after the spawn.
   */
  startLog() {
    return this.starts.slice();
  }

  /** The current run's children's starts so far, as startLog() has them. */
  runStarts() {
    return (this.thisRun ?? []).slice();
  }

  /** Children started by this run. */
  childCount() {
    return this.children ?? 0;
  }

  /**
   * Records from process `pid` (an ArrayBuffer), in its order; `regions`: [[id, SharedArrayBuffer]]
   * it created since (mt, process-memory.js), before the records that name them.
   */
  fromProcess(pid, buffer, regions = []) {
    const p = this.procs?.get(pid);
    if (!p || !p.alive) return;
    for (const [id, sab] of regions) {
      this.shared.set(id, sab);
      this.regions.set(id, new BigInt64Array(sab));
    }
    ProcessRecords.each(buffer, (kind, a, b, c, bytes) => {
      if (p.alive) this.#record(p, kind, a, b, c, bytes);
    });
  }

  #record(p, kind, a, b, c, bytes) {
    switch (kind) {
      case OUT.Output: {
        p.decoders ??= [new TextDecoder('utf-8'), new TextDecoder('utf-8')];
        const text = p.decoders[a === 2 ? 1 : 0].decode(bytes, { stream: true });
        if (text) this.hooks.output(a === 2 ? 2 : 1, text);
        break;
      }
      case OUT.Spawn: {
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        const inherit = [];
        for (let i = 0; i < c; i++) inherit.push(view.getInt32(i * 4, true));
        // b & 2: a fork (its payload is the parent's heap snapshot): the child holds every end
        // the parent holds, as after fork().
        if (b & 2) for (const [end, ch] of this.chans) if (ch.holders.has(p.pid)) inherit.push(end);
        // b & 4: a traced child (web_process_host.h's kSpawnTraced).
        this.#spawn(p, a, (b & 1) !== 0, inherit, bytes.slice(c * 4), (b & 4) !== 0);
        break;
      }
      case OUT.Signal: {
        const target = this.procs.get(a);
        if (target && target.parent === p.pid) this.#ended(target, b ? -9 : -15);
        break;
      }
      case OUT.Exit:
        if (p.log) p.log.phases.run = Math.round((performance.timeOrigin + performance.now() - p.log.startedAt) * 10) / 10;
        if (p.worker) this.#ended(p, a, true);
        else this.hooks.mainExit?.(a); // the program's os._exit (its engine thread waits)
        break;
      case OUT.Channel:
        this.chans.set(a, { sendsTo: c ? b : -1, frames: [], waiters: [], holders: new Set([p.pid]) });
        this.chans.set(b, { sendsTo: a, frames: [], waiters: [], holders: new Set([p.pid]) });
        break;
      case OUT.Send: {
        const from = this.chans.get(a);
        const to = from ? this.chans.get(from.sendsTo) : null;
        if (to) {
          to.frames.push(bytes.slice());
          this.#pump(from.sendsTo);
        }
        break;
      }
      case OUT.Want: {
        const ch = this.chans.get(a);
        if (!ch) {
          this.#deliver(p.pid, IN.Eof, a, 0, null);
        } else {
          ch.waiters.push(p.pid);
          this.#pump(a);
        }
        break;
      }
      case OUT.Close: {
        const ch = this.chans.get(a);
        if (ch) {
          ch.holders.delete(p.pid);
          if (ch.sendsTo >= 0) this.#pump(ch.sendsTo);
        }
        break;
      }
      case OUT.Shm:
        if (!this.regions.has(a)) this.regions.set(a, new BigInt64Array(Math.max(1, Math.ceil(b / 8))));
        break;
      case OUT.Word: {
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        const result = this.#word(a, b, view.getUint8(0), view.getBigInt64(1, true));
        const reply = new Uint8Array(8);
        new DataView(reply.buffer).setBigInt64(0, result, true);
        this.#deliver(p.pid, IN.Word, c, 0, reply);
        break;
      }
      case OUT.Report:
        // A child's report: to the program's process, which merges every descendant's.
        if (p.worker) this.#deliver(this.run.pid, IN.Report, p.pid, 0, bytes.slice());
        break;
      case OUT.Shutdown:
        // Daemonic children end with their parent; with no wait (stop, time limit) every child.
        for (const q of this.procs.values()) {
          if (q.parent === p.pid && q.alive && (q.daemon || !a)) this.#ended(q, -15);
        }
        break;
      default:
        break;
    }
  }

  #word(region, offset, op, arg) {
    const words = this.regions.get(region);
    const i = offset >> 3;
    if (!words || i < 0 || i >= words.length) return 0n;
    return interleaveMemory.word(words, i, op, arg); // Atomics: other workers may share it (mt)
  }

  #pump(end) {
    const ch = this.chans.get(end);
    if (!ch) return;
    while (ch.frames.length && ch.waiters.length) {
      const pid = ch.waiters.shift();
      if (this.procs.get(pid)?.alive) this.#deliver(pid, IN.Frame, end, 0, ch.frames.shift());
    }
    if (ch.waiters.length && !ch.frames.length && !this.#canSendTo(end)) {
      for (const pid of ch.waiters) this.#deliver(pid, IN.Eof, end, 0, null);
      ch.waiters = [];
    }
  }

  #canSendTo(end) {
    for (const ch of this.chans.values()) {
      if (ch.sendsTo === end && ch.holders.size > 0) return true;
    }
    return false;
  }

  #deliver(pid, kind, a, b, bytes) {
    const p = this.procs.get(pid);
    if (!p || !p.alive) return;
    if (!p.worker) {
      this.hooks.deliverMain(kind, a, b, bytes);
      return;
    }
    const data = bytes ?? new Uint8Array(0);
    p.worker.postMessage({ type: 'in', kind, a, b, bytes: data }, [data.buffer]);
  }

  #compiled(build) {
    const url = this.hooks.wasmUrl(build);
    if (!this.modules.has(build)) {
      this.modules.set(build, WebAssembly.compileStreaming(fetch(url)).catch(() =>
        fetch(url).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b))).then((module) => {
        this.compiledNow.set(build, module);
        return module;
      }));
    }
    return this.modules.get(build);
  }

  /** A new process worker of `build`, booting the engine at once (it waits for its 'start' then). */
  #bootWorker(build) {
    const worker = new Worker(this.hooks.workerUrl(build), { name: 'interleave-process' });
    this.started++;
    this.#compiled(build).then((module) => worker.postMessage({ type: 'boot', module }), () => {});
    return worker;
  }

  /**
   * Ends a process worker. An mt one still booting is asked to close once booted ('quit': it
   * starts no process then): its pthreads' Web Workers are loading the engine's script until
   * then, and a worker terminated under them makes each log a failed importScripts on its way
   * out. It is terminated anyway QUIT_MS later.
   */
  #dispose(worker, build, booted) {
    if (build === 'st' || booted) {
      worker.terminate();
      return;
    }
    worker.postMessage({ type: 'quit' });
    setTimeout(() => worker.terminate(), QUIT_MS);
  }

  /** How many idle workers of `build` the pool keeps during the current run. */
  #room(build) {
    return build === this.run.build ? POOL_SIZE[build] : SPARE_OTHER;
  }

  /** Puts `worker` (booting, booted or recycling) into the pool; it says 'ready' when booted. */
  #pooled(worker, build, recycled = false) {
    const entry = { worker, ready: false, build, recycled };
    const drop = () => {
      entry.worker.terminate();
      this.pool = this.pool.filter((e) => e !== entry);
    };
    entry.worker.onmessage = (e) => {
      if (e.data?.type === 'ready') {
        entry.ready = true;
        if (this.run && build === this.run.build) this.#fillPool();
      }
      else if (e.data?.type === 'fatal') drop();
    };
    entry.worker.onerror = (e) => {
      e.preventDefault?.();
      drop();
    };
    this.pool.push(entry);
    return entry;
  }

  /**
   * Tops the pool up to POOL_SIZE[build] booting or booted workers of the run's children's build,
   * at most BOOTING[build] booting at once (the next boots once one is ready), and keeps at most
   * SPARE_OTHER of the other build (ready ones first).
   */
  #fillPool() {
    clearTimeout(this.refillTimer);
    this.refillTimer = 0;
    const { build } = this.run;
    const others = this.pool.filter((e) => e.build !== build).sort((a, b) => Number(b.ready) - Number(a.ready));
    for (const e of others.slice(SPARE_OTHER)) this.#dispose(e.worker, e.build, e.ready);
    const kept = new Set(others.slice(0, SPARE_OTHER));
    this.pool = this.pool.filter((e) => e.build === build || kept.has(e));
    const mine = this.pool.filter((e) => e.build === build);
    // Few boots at a time, so that the first spares are ready sooner than all of them booting
    // side by side on busy cores (the next boots once one is ready; workers come back after use).
    let booting = mine.filter((e) => !e.ready && !e.recycled).length;
    for (let n = mine.length; n < POOL_SIZE[build] && booting < BOOTING[build]; n++, booting++) {
      this.#pooled(this.#bootWorker(build), build);
    }
  }

  /** The pool is topped up REFILL_MS from now (unless it is sooner by another way). */
  #fillSoon() {
    if (this.refillTimer) return;
    this.refillTimer = setTimeout(() => {
      this.refillTimer = 0;
      if (this.run) this.#fillPool();
    }, REFILL_MS);
  }

  /**
   * Process `p`'s worker after its process ended by itself: it gets a fresh engine instance (st)
   * or run (mt) and rejoins the pool when the pool has room for it (in place of a worker of its
   * build that is still booting, if need be); true when it did. Any other is disposed of.
   */
  #recycle(p) {
    const module = this.compiledNow.get(p.build);
    if (!module || !this.run || !p.booted) return false;
    const mine = this.pool.filter((e) => e.build === p.build);
    if (mine.length >= this.#room(p.build)) {
      // A fresh instance in a live Worker is closer to ready than a Worker still starting.
      const booting = mine.find((e) => !e.ready && !e.recycled);
      if (!booting) return false;
      this.#dispose(booting.worker, booting.build, false);
      this.pool = this.pool.filter((e) => e !== booting);
    }
    this.#pooled(p.worker, p.build, true);
    p.worker.postMessage({ type: 'recycle', module });
    return true;
  }

  /** A pooled worker for a new child (a ready one first), or null when the pool is empty. */
  #takePooled() {
    const { build } = this.run;
    let i = this.pool.findIndex((e) => e.ready && e.build === build);
    if (i < 0) i = this.pool.findIndex((e) => e.build === build);
    if (i < 0) return null;
    const [entry] = this.pool.splice(i, 1);
    return entry;
  }

  /** Terminates the pool's idle workers. */
  #drainPool() {
    clearTimeout(this.poolTimer);
    this.poolTimer = 0;
    clearTimeout(this.refillTimer);
    this.refillTimer = 0;
    for (const e of this.pool) e.worker.terminate();
    this.pool = [];
  }

  #spawn(parent, pid, daemon, inherit, payload, traced) {
    const index = this.nextIndex++;
    const spawnAt = performance.timeOrigin + performance.now();
    const entry = this.#takePooled();
    // A burst of spawns (the pool did not keep up): the replacements wait until this child's
    // worker has booted, so that they do not slow the boots the children wait for. With a ready
    // st worker still in the pool the refill waits REFILL_MS: the child's own may be back by then.
    const refillNow = entry?.ready === true;
    if (refillNow) {
      const { build } = this.run;
      if (this.pool.some((e) => e.ready && e.build === build)) this.#fillSoon();
      else this.#fillPool();
    }
    const run = this.run;
    const worker = entry ? entry.worker : new Worker(this.hooks.workerUrl(run.build), { name: 'interleave-process' });
    if (!entry) this.started++;
    const p = {
      pid, index, parent: parent.pid, worker, alive: true, daemon, decoders: null, startedAt: performance.now(),
      build: run.build, booted: entry?.ready === true,
    };
    this.procs.set(pid, p);
    this.children++;
    for (const id of inherit) this.chans.get(id)?.holders.add(pid);
    worker.onmessage = (e) => {
      const msg = e.data;
      if (msg?.type === 'started') p.booted = true;
      if (!p.alive || msg === null || typeof msg !== 'object') return;
      if (msg.type === 'records') this.fromProcess(pid, msg.buffer, msg.regions ?? []);
      else if (msg.type === 'started') {
        p.log = this.#logStart(pid, run.build, entry !== null, spawnAt, msg.marks, entry?.recycled === true);
        if (!refillNow) this.#fillPool();
      }
      else if (msg.type === 'fatal') this.#crashed(p, msg.message);
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      this.#crashed(p, e.message ?? 'error');
    };
    this.#compiled(run.build).then((module) => {
      if (!p.alive) return;
      worker.postMessage({
        type: 'start', module, index, pid, ppid: parent.pid, path: run.filename, source: run.code,
        payload, gil: run.gil, interval: run.interval, regions: [...this.shared], traced,
      }, [payload.buffer]);
    }, (e) => this.#crashed(p, `the engine could not be compiled: ${e?.message ?? e}`));
  }

  #logStart(pid, build, pooled, spawnAt, marks, recycled) {
    if (!marks) return null;
    const ms = (a, b) => Math.max(0, Math.round((b - a) * 10) / 10);
    const phases = { wait: ms(spawnAt, marks.ready), start: ms(Math.max(spawnAt, marks.ready), marks.started) };
    if (marks.boot >= spawnAt) {
      Object.assign(phases, { script: ms(marks.script, marks.loaded), instantiate: ms(marks.boot, marks.instantiated), init: ms(marks.instantiated, marks.ready) });
    }
    const log = { pid, build, pooled, recycled, instance: marks.instance ?? 1, phases, startedAt: marks.started };
    this.starts.push(log);
    if (this.starts.length > 16) this.starts.shift();
    if (this.thisRun.length < 64) this.thisRun.push(log);
    return log;
  }

  #crashed(p, message) {
    if (!p.alive) return;
    this.hooks.output(2, `interleave: process ${p.pid} (a Web Worker) failed: ${String(message).slice(0, 300)}\n`);
    this.#ended(p, 1);
  }

  /**
   * Process `p` ended with `code` (`own`: by its own exit record): its worker goes (or comes back
   * to the pool with a fresh instance: #recycle), its ends are released, its parent told.
   */
  #ended(p, code, own = false) {
    if (!p.alive || !p.worker) return;
    p.alive = false;
    p.code = code;
    if (!(own && this.#recycle(p))) this.#dispose(p.worker, p.build, p.booted);
    for (const q of this.procs.values()) {
      if (q.parent === p.pid && q.alive) this.#ended(q, -9); // as PR_SET_PDEATHSIG natively
    }
    const touched = [];
    for (const [end, ch] of this.chans) {
      if (ch.holders.delete(p.pid) && ch.sendsTo >= 0) touched.push(ch.sendsTo);
      ch.waiters = ch.waiters.filter((w) => w !== p.pid);
    }
    touched.forEach((end) => this.#pump(end));
    this.#deliver(p.parent, IN.Exited, p.pid, code, null);
    this.#maybeSettled();
  }

  /**
   * The program (process 0) ended with `status`: resolves once its non-daemonic children ended
   * (at most the run's time limit, then they are killed), or at once when the run was stopped.
   */
  settle(status) {
    return new Promise((resolve) => {
      const main = this.run?.pid;
      const live = () => [...this.procs.values()].filter((q) => q.alive && q.worker);
      const stopped = status === 124 || status === 3;
      for (const q of live()) {
        if (stopped || q.daemon && q.parent === main) this.#ended(q, stopped ? -9 : -15);
      }
      if (live().length === 0) {
        resolve();
        return;
      }
      // The run's time limit counts from its start, as the page's own guard does.
      const limit = this.run.timeout > 0 ? Math.max(1, this.run.timeout * 1000 - (performance.now() - this.run.startedAt)) : 0;
      const timer = limit ? setTimeout(() => live().forEach((q) => this.#ended(q, -9)), limit) : 0;
      this.waitingForChildren = { resolve, timer, live };
    });
  }

  #maybeSettled() {
    const w = this.waitingForChildren;
    if (w && w.live().length === 0) {
      clearTimeout(w.timer);
      this.waitingForChildren = null;
      w.resolve();
    }
  }

  /** Ends the run's processes (stop, the run's end): every process worker is terminated. */
  end() {
    if (!this.procs) return;
    for (const q of this.procs.values()) {
      if (q.worker && q.alive) {
        q.alive = false;
        this.#dispose(q.worker, q.build, q.booted);
      }
    }
    if (this.waitingForChildren) {
      clearTimeout(this.waitingForChildren.timer);
      this.waitingForChildren.resolve();
      this.waitingForChildren = null;
    }
    if (this.pool.length && !this.poolTimer) this.poolTimer = setTimeout(() => this.#drainPool(), POOL_IDLE_MS);
  }
}
