// The page's side of running programs: one run worker (run-worker.js, a dedicated Web Worker with
// its own engine instance) and a queue of runs, one at a time. The page's main thread only posts
// messages and collects output; it never runs or waits for a program.
// Stopping: in mt, and for real runs in st (they run in steps), the worker raises the run's stop
// flag (the engine ends the run within 200 ms); if no answer comes within STOP_GRACE_MS, and
// always for simulated runs in st (they occupy the worker's only thread), the worker is terminated
// and a fresh one started (its process workers go with it). A worker that crashes ends its
// run with exit status 1 and is replaced; the page never goes down with it.
// Requests reaching here are validated already (run-request.js).
// Traces: a run with hooks.onTrace (the app's runs) is reported done as soon as the engine ended
// it; its trace follows in a message of its own, as bytes (trace/trace_bytes.h), and goes to
// onTrace(ArrayBuffer), or onTrace(null) when none will come (not recorded, the worker replaced).
// onTrace is called exactly once for such a run, after its `done` resolved.

const STOP_GRACE_MS = 1000;
const READY_TIMEOUT_MS = 60000;
/** Past this, a stream's output is cut (the engine keeps running; the result says so). */
export const MAX_OUTPUT_CHARS = 8 * 1024 * 1024;

export class RunService {
  #build;
  #url;
  #worker = null;
  #workerReady = null;
  #queue = [];
  #current = null;
  #nextId = 1;
  #traceDue = new Map(); // id -> job: done, its trace still to come from the worker

  /** build: 'mt' | 'st'; base: the site's base URL. */
  constructor(build, base) {
    this.#build = build;
    this.#url = new URL(`run-worker.js?build=${build}`, base).href;
    this.ready = this.#spawn();
  }

  get build() {
    return this.#build;
  }

  /**
   * Queues a run. Returns {id, done, stop()}: `done` resolves to {stdout, stderr, exitCode,
   * summary, elapsed[, trace][, stopMs]} (stopMs: when stopped, how long it took from the request
   * reaching what ends the run, the engine's flag or the worker's termination, to the run's end).
   * hooks: {onOutput(fd, text), onTrace(bytes) (see the header: the trace then does not come in
   * `done`), front: true to run next, before queued runs}.
   */
  run(request, hooks = {}) {
    const job = {
      id: this.#nextId++, request, hooks, out: [], err: [], outChars: 0, errChars: 0, cut: false,
      settled: false, timers: [],
    };
    job.done = new Promise((resolve) => { job.resolve = resolve; });
    if (hooks.front) this.#queue.unshift(job);
    else this.#queue.push(job);
    this.#pump();
    return { id: job.id, done: job.done, stop: () => this.#stop(job) };
  }

  /** Stops whichever run is going now (the UI's Stop, window.interleave.stop()). */
  stopCurrent() {
    if (this.#current) this.#stop(this.#current);
  }

  #spawn() {
    const worker = new Worker(this.#url, { name: `interleave-run-${this.#build}` });
    this.#worker = worker;
    const ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the run worker did not start in time')), READY_TIMEOUT_MS);
      worker.onmessage = (e) => {
        const msg = e.data;
        if (msg?.type === 'ready') {
          clearTimeout(timer);
          worker.onmessage = (ev) => this.#onMessage(worker, ev.data);
          resolve(msg.info);
        } else if (msg?.type === 'fatal') {
          clearTimeout(timer);
          reject(new Error(`the run worker could not start: ${msg.message}`));
        }
      };
      worker.onerror = (e) => {
        clearTimeout(timer);
        e.preventDefault?.();
        reject(new Error(`the run worker could not start: ${e.message ?? 'error'}`));
      };
    });
    ready.then(() => {
      worker.onerror = (e) => {
        e.preventDefault?.();
        this.#crashed(worker, e.message ?? 'error');
      };
    }, () => {});
    this.#workerReady = ready;
    return ready;
  }

  #replaceWorker() {
    // Traces still to come from the old worker will not.
    for (const job of [...this.#traceDue.values()]) this.#traceArrived(job, null);
    this.#worker?.terminate();
    this.#worker = null;
    this.#spawn().catch((e) => console.error(`Interleave: ${e.message}`));
  }

  async #pump() {
    if (this.#current || this.#queue.length === 0) return;
    const job = this.#queue.shift();
    this.#current = job;
    try {
      await this.#workerReady;
    } catch (e) {
      this.#finish(job, { exitCode: 1, elapsed: 0, summary: null, trace: null }, `interleave: ${e.message}\n`);
      return;
    }
    if (job.settled) return; // stopped while waiting for the worker
    const r = job.request;
    job.worker = this.#worker;
    job.worker.postMessage({
      type: 'run', id: job.id, code: r.code, filename: r.filename, mode: r.mode, gil: r.gil,
      interval: r.interval, cores: r.cores, start: r.start, timeout: r.timeout, seed: r.seed,
      profile: r.profile ?? '',
      summary: true, trace: r.trace && !job.hooks.onTrace, traceBytes: r.trace && !!job.hooks.onTrace,
    });
    if (r.timeout > 0 && r.mode === 'real') {
      // The engine enforces the time limit itself; this only catches an engine that cannot. (A
      // simulated run's limit is virtual time, which may take longer than that to simulate.)
      job.timers.push(setTimeout(() => this.#kill(job,
        `Stopped: time limit of ${r.timeout} s reached.\n`), r.timeout * 1000 + 2000));
    }
  }

  #onMessage(worker, msg) {
    if (worker !== this.#worker || msg === null || typeof msg !== 'object') return;
    const job = this.#current;
    if (msg.type === 'fatal') {
      this.#crashed(worker, msg.message);
      return;
    }
    if (msg.type === 'retire') {
      if (!job) this.#replaceWorker();
      else job.retireAfter = true;
      return;
    }
    if (msg.type === 'trace') {
      const due = this.#traceDue.get(msg.id);
      if (due) this.#traceArrived(due, msg.bytes instanceof ArrayBuffer ? msg.bytes : null);
      return;
    }
    if (!job || msg.id !== job.id) return;
    if (msg.type === 'output') {
      for (const [fd, text] of msg.chunks) this.#append(job, fd, text);
    } else if (msg.type === 'done') {
      this.#finish(job, msg);
    } else if (msg.type === 'failed') {
      this.#finish(job, { exitCode: 2, elapsed: 0, summary: null, trace: null }, `interleave: ${msg.message}\n`);
    }
  }

  #append(job, fd, text) {
    if (job.settled) return;
    const isErr = fd === 2;
    const used = isErr ? job.errChars : job.outChars;
    let piece = text;
    if (used + piece.length > MAX_OUTPUT_CHARS) {
      piece = piece.slice(0, Math.max(0, MAX_OUTPUT_CHARS - used));
      job.cut = true;
    }
    if (piece.length === 0) return;
    if (isErr) {
      job.err.push(piece);
      job.errChars += piece.length;
    } else {
      job.out.push(piece);
      job.outChars += piece.length;
    }
    try {
      job.hooks.onOutput?.(isErr ? 2 : 1, piece);
    } catch (e) {
      console.error(e);
    }
  }

  #finish(job, msg, extraErr = '') {
    if (job.settled) return;
    if (extraErr) this.#append(job, 2, extraErr);
    if (job.cut) this.#append(job, 2, `\ninterleave: output cut at ${MAX_OUTPUT_CHARS} characters per stream\n`);
    job.settled = true;
    job.timers.forEach(clearTimeout);
    let summary = null;
    if (typeof msg.summary === 'string') {
      try {
        summary = JSON.parse(msg.summary);
      } catch {
        summary = null;
      }
    }
    const result = {
      stdout: job.out.join(''), stderr: job.err.join(''), exitCode: msg.exitCode, summary,
      elapsed: msg.elapsed,
    };
    if (job.request.trace) result.trace = msg.trace ?? null;
    // How long the stop took once it reached what ends the run: the engine's flag (measured in the
    // worker), or terminating the worker (measured here).
    if (typeof msg.stopMs === 'number') result.stopMs = msg.stopMs;
    else if (job.stopAt !== undefined) result.stopMs = performance.now() - job.stopAt;
    // Real runs: the process workers of the run, all gone by now (live 0).
    if (msg.processes && typeof msg.processes === 'object') result.processes = msg.processes;
    // When the page heard of the run's end (the app's stop latency is measured against it).
    performance.mark('interleave:run-end', { detail: { id: job.id, stopMs: result.stopMs ?? null } });
    const traceFollows = msg.traceFollows === true && job.worker === this.#worker && !job.retireAfter;
    if (job.hooks.onTrace) {
      if (traceFollows) this.#traceDue.set(job.id, job);
      else queueMicrotask(() => this.#traceArrived(job, null)); // after `done`'s own callbacks
    }
    if (job.retireAfter) this.#replaceWorker();
    if (this.#current === job) this.#current = null;
    job.resolve(result);
    queueMicrotask(() => this.#pump());
  }

  #traceArrived(job, bytes) {
    this.#traceDue.delete(job.id);
    if (job.traced) return;
    job.traced = true;
    try {
      job.hooks.onTrace(bytes);
    } catch (e) {
      console.error(e);
    }
  }

  #stop(job) {
    if (job.settled) return;
    const queued = this.#queue.indexOf(job);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      this.#finish(job, { exitCode: 124, elapsed: 0, summary: null, trace: null }, 'Stopped before it started.\n');
      return;
    }
    if (this.#current !== job) return;
    job.stopAt ??= performance.now();
    if ((this.#build === 'mt' || job.request.mode === 'real') && job.worker) {
      job.worker.postMessage({ type: 'stop', id: job.id });
      job.timers.push(setTimeout(() => this.#kill(job, 'Stopped.\n'), STOP_GRACE_MS));
    } else {
      this.#kill(job, 'Stopped.\n');
    }
  }

  /** Ends a run by terminating its worker (st's stop, or an engine that does not answer). */
  #kill(job, why) {
    if (job.settled || this.#current !== job) return;
    this.#replaceWorker();
    this.#finish(job, { exitCode: 124, elapsed: null, summary: null, trace: null }, why);
  }

  #crashed(worker, message) {
    if (worker !== this.#worker) return;
    const job = this.#current;
    console.error(`Interleave: the run worker stopped: ${message}`);
    this.#replaceWorker();
    if (job) this.#finish(job, { exitCode: 1, elapsed: null, summary: null, trace: null }, `interleave: the engine stopped: ${String(message).slice(0, 500)}\n`);
  }
}

/**
 * Hands an app run's trace (onTrace's bytes, or null) to the app's module: copied into its memory
 * for interleave_runner_trace_bytes (web/web_runner.cpp), which reads and checks it.
 */
export function handTraceToApp(module, run, part, bytes) {
  if (!module || typeof module._interleave_runner_trace_bytes !== 'function') return;
  const n = bytes ? bytes.byteLength : 0;
  const p = n > 0 ? module._malloc(n) : 0;
  if (n > 0 && !p) {
    module._interleave_runner_trace_bytes(run, part, 0, -1); // no room: it says so
    return;
  }
  try {
    // Through the memory itself: in mt another thread may have grown it past HEAPU8's view.
    const memory = module.wasmMemory ? module.wasmMemory.buffer : module.HEAPU8.buffer;
    if (p) new Uint8Array(memory, p, n).set(new Uint8Array(bytes));
    module._interleave_runner_trace_bytes(run, part, p, n);
  } finally {
    if (p) module._free(p);
  }
}
