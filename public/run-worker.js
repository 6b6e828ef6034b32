// The run worker: a dedicated Web Worker that holds one engine instance (interleave-worker-mt or
// -st, picked by ?build= in this script's URL; web/worker_main.cpp) and runs programs for the page,
// so the page's main thread never runs or waits for one. The same worker is meant to host one
// Python process each when processes come to the browser: every message names its run by id.
//
// Protocol (all messages are plain objects; the page is the only sender):
//   page -> worker  {type: 'run', id, code, filename, mode, gil, interval, cores, start, timeout,
//                     seed, summary: bool, trace: bool, traceBytes: bool}  (validated by the page)
//                   trace: the Chrome trace JSON comes in 'done'; traceBytes (the app's runs): the
//                   trace comes after 'done', in a 'trace' message, so that the run's end is
//                   reported as soon as the engine stopped and never waits for its trace
//                   {type: 'stop', id}      mt: raises the run's stop flag (the driver ends the run
//                                           within 200 ms); st: the page terminates the worker instead
//   worker -> page  {type: 'ready', info: {build, threads, version}}
//                   {type: 'output', id, chunks: [[fd, text], ...]}   in the program's order
//                   {type: 'done', id, exitCode, elapsed, summary: string|null, trace: string|null,
//                    stopMs: ms from the stop request reaching the worker to the run's end, or null,
//                    traceFollows: bool, processes (below)}
//                   {type: 'trace', id, bytes: ArrayBuffer|null}  right after 'done' when
//                                           traceFollows: a run/process_report.h report (the
//                                           trace in trace/trace_bytes.h's form, the module
//                                           globals of the program and its children), transferred
//                   {type: 'failed', id, message}   the request could not be run (engine busy...)
//                   {type: 'fatal', message}        the engine aborted; the page replaces the worker
// In mt the run is a pthread and this thread polls its output every 8 ms (and stays free to start
// pthreads for Python threads); in st a simulated run occupies this thread and output is pushed
// from inside it (self.__interleaveFlush), while a real run goes in steps (web/worker_main.cpp,
// iw_step), so this thread hears messages between them.
// Processes (docs/processes.md, "Processes in the browser"): a real run's multiprocessing children
// are process workers started and connected by the process router (process-router.js) living
// here; the run's program is its process 0. The run is done once the program ended and its
// non-daemonic children too; then every process worker is terminated, and 'done' says how many
// were started and how many are still alive (0), and how each child's start went (the router's
// startLog() entries of this run: its engine, the pool's worker it took, a recycled one, its
// phases in ms): {processes: {started, live, starts: [{pid, build, pooled, recycled, instance,
// phases}]}}.
//   worker -> page  {type: 'retire'}  the engine cannot run again (the program called os._exit in
//                                     mt, its thread never returns): the page replaces the worker
'use strict';

const BUILD = new URL(self.location.href).searchParams.get('build') === 'mt' ? 'mt' : 'st';
const SCRIPT = new URL(`interleave-worker-${BUILD}.js`, self.location.href).href;
const POLL_MS = 8;
const SLICE_MS = 20; // st: one step of a real run
const PROGRAM_PID = 10000; // process 0's pid (web/worker_main.cpp)

let M = null; // the engine module
let active = null; // {id, timer}
const decoder = new TextDecoder('utf-8');

function fatal(message) {
  self.postMessage({ type: 'fatal', message: String(message).slice(0, 2000) });
}

/**
 * The module's memory as bytes. Read through wasmMemory each time: in mt another thread may have
 * grown the memory, leaving the module's own HEAPU8 view short.
 */
function heap() {
  return M.wasmMemory ? new Uint8Array(M.wasmMemory.buffer) : M.HEAPU8;
}

/** Copies a C string out of the module's memory (shared memory in mt: TextDecoder needs a copy). */
function cString(ptr) {
  if (!ptr) return '';
  const bytes = heap();
  let end = ptr;
  while (bytes[end] !== 0) end++;
  return decoder.decode(bytes.slice(ptr, end));
}

/** Takes the output frames produced so far: [[fd, text], ...], neighbours of one fd merged. */
function takeOutput() {
  const size = M._iw_take_output();
  if (size <= 0) return [];
  const ptr = M._iw_output_data();
  const bytes = heap().slice(ptr, ptr + size);
  const chunks = [];
  let at = 0;
  let fd = 0;
  let parts = [];
  const close = () => {
    if (parts.length) chunks.push([fd, parts.join('')]);
    parts = [];
  };
  const stream = new TextDecoder('utf-8'); // keeps a UTF-8 sequence split across frames whole
  while (at + 5 <= bytes.length) {
    const f = bytes[at];
    const n = bytes[at + 1] | (bytes[at + 2] << 8) | (bytes[at + 3] << 16) | (bytes[at + 4] << 24);
    if (f !== fd) {
      if (parts.length) parts.push(stream.decode());
      close();
      fd = f;
    }
    parts.push(stream.decode(bytes.subarray(at + 5, at + 5 + n), { stream: true }));
    at += 5 + n;
  }
  parts.push(stream.decode());
  close();
  return chunks.filter(([, text]) => text.length > 0);
}

function flush(id) {
  const chunks = takeOutput();
  if (chunks.length) self.postMessage({ type: 'output', id, chunks });
}

// --- processes: the router and process 0's records -------------------------------------------

let router = null;

/** Hands process 0's records to the router. */
function drainProgram() {
  if (!M || !active || !active.processes) return;
  const size = M._iw_take_records();
  if (size <= 0) return;
  const ptr = M._iw_records_data();
  router.fromProcess(PROGRAM_PID, heap().slice(ptr, ptr + size).buffer, interleaveMemory.takeFresh());
}

function deliverProgram(kind, a, b, bytes) {
  if (!M || !active) return;
  const n = bytes ? bytes.length : 0;
  const p = n ? M._malloc(n) : 0;
  if (p) heap().set(bytes, p);
  M._iw_deliver(kind, a, b, p, n);
  if (p) M._free(p);
  if (BUILD === 'st') stepSoon(0);
}

/**
 * The build a run's children run. In the isolated page (mt), when the program imports a module
 * that starts Python threads (the engine reads its imports: iw_program_threads; a child runs the
 * same program), the mt engine: a child's Python threads are pthreads under its own GIL, in
 * parallel with `gil off`, as the program's are (its process worker pre-starts two pthreads, the
 * others start on demand). Otherwise the st engine, whose process worker boots two to three times
 * faster (no pthread Web Workers of its own: docs/processes.md's measurements) and is recycled
 * after its process ended, so a burst of starts keeps its pool ahead; in the plain page always
 * st, the child's threads taking turns on its one thread. CHILD_THREADS = false runs every child
 * without threads in the isolated page too.
 */
const CHILD_THREADS = true;

function childBuild(code) {
  if (BUILD !== 'mt' || !CHILD_THREADS || !M) return 'st';
  const p = alloc(code);
  try {
    return M._iw_program_threads(p) === 1 ? 'mt' : 'st';
  } finally {
    M._free(p);
  }
}

function makeRouter() {
  return new ProcessRouter({
    childBuild,
    workerUrl: (build) => new URL(`process-worker.js?build=${build}`, self.location.href).href,
    wasmUrl: (build) => new URL(`interleave-worker-${build}.wasm`, self.location.href).href,
    deliverMain: deliverProgram,
    output: (fd, text) => {
      if (!active) return;
      flush(active.id); // what the program wrote before stays before
      self.postMessage({ type: 'output', id: active.id, chunks: [[fd, text]] });
    },
    mainExit: (code) => {
      // mt: the program's os._exit(); its thread waits for good, so this engine is done for.
      if (!active || active.exitCode !== null) return;
      active.exitCode = code;
      active.retire = true;
      finishIfDone();
    },
  });
}

// --- st: a real run in steps -------------------------------------------------------------------

let stepTimer = 0;
let stepQueued = false;
const immediate = new MessageChannel();
immediate.port1.onmessage = () => {
  stepQueued = false;
  stepRun();
};

function stepSoon(ms) {
  if (!active || !active.stepping) return;
  clearTimeout(stepTimer);
  stepTimer = 0;
  if (ms > 0) {
    stepTimer = setTimeout(() => {
      stepTimer = 0;
      stepRun();
    }, ms);
  } else if (!stepQueued) {
    stepQueued = true;
    immediate.port2.postMessage(0);
  }
}

function stepRun() {
  if (!active || !active.stepping) return;
  const status = M._iw_step(SLICE_MS);
  drainProgram();
  flush(active.id);
  if (status !== -1) {
    active.stepping = false;
    finishIfDone();
    return;
  }
  const wake = M._iw_wake_ms();
  if (wake >= 0) stepSoon(wake);
}

// --- the run's end -----------------------------------------------------------------------------

function finishIfDone() {
  if (!active) return true;
  if (active.settling) return false;
  let status = active.exitCode;
  if (status === null) {
    status = M._iw_status();
    if (status === -1000) return false;
  }
  drainProgram();
  active.settling = true;
  const settled = active.processes ? router.settle(status) : Promise.resolve();
  settled.then(() => report(status));
  return false;
}

function report(status) {
  const { id, retire } = active;
  // Every process of the run ended: their reports go into the program's trace (and its summary),
  // before the end is reported (a run that started no child has nothing to merge).
  if (!retire && active.processes) M._iw_assemble();
  flush(id);
  let summary = '';
  let trace = '';
  let elapsed = (performance.now() - active.startedAt) / 1000;
  const traceFollows = active.traceBytes && !retire;
  if (!retire) {
    summary = cString(M._iw_summary());
    if (!active.traceBytes) trace = cString(M._iw_trace());
    elapsed = M._iw_elapsed();
  }
  const stopMs = active.stopAt === null ? null : performance.now() - active.stopAt;
  let processes = null;
  if (active.processes) {
    const started = router.childCount();
    const starts = router.runStarts().map(({ pid, build, pooled, recycled, instance, phases }) => ({ pid, build, pooled, recycled, instance, phases }));
    router.end();
    processes = { started, live: router.liveWorkers(), starts };
  }
  clearInterval(active.timer);
  clearTimeout(stepTimer);
  active = null;
  self.postMessage({
    type: 'done', id, exitCode: status, elapsed, summary: summary || null, trace: trace || null, stopMs,
    processes, traceFollows,
  });
  if (traceFollows) {
    // The end is on its way to the page; now the trace, copied out of the module's memory (shared
    // in mt, so a copy in any case) and handed over without another copy.
    let bytes = null;
    const n = M._iw_trace_bytes();
    if (n > 0) {
      const p = M._iw_trace_bytes_data();
      bytes = heap().slice(p, p + n).buffer;
    }
    M._iw_trace_bytes(); // frees the staged copy (the run has none left)
    self.postMessage({ type: 'trace', id, bytes }, bytes ? [bytes] : []);
  }
  if (!retire) M._iw_finish();
  if (retire) self.postMessage({ type: 'retire' });
}

/** Allocates a C string in the module's heap (the caller frees it). */
function alloc(text) {
  const n = M.lengthBytesUTF8(text) + 1;
  const p = M._malloc(n);
  M.stringToUTF8(text, p, n);
  return p;
}

function run(req) {
  if (active) {
    self.postMessage({ type: 'failed', id: req.id, message: 'a program is already running in this worker' });
    return;
  }
  const strings = [req.code, req.filename, req.mode, req.gil, req.start, req.profile ?? ''].map(alloc);
  const processes = req.mode !== 'sim';
  active = {
    id: req.id, timer: 0, stopAt: null, exitCode: null, settling: false, retire: false,
    processes, stepping: processes && BUILD === 'st', startedAt: performance.now(),
    traceBytes: req.traceBytes === true,
  };
  if (processes) {
    interleaveMemory.forget();
    router ??= makeRouter();
    router.begin({ pid: PROGRAM_PID, code: req.code, filename: req.filename, gil: req.gil, interval: req.interval, timeout: req.timeout, startedAt: active.startedAt });
  }
  self.__interleaveFlush = () => flush(req.id);
  self.__interleaveKick = drainProgram;
  if (BUILD === 'mt') active.timer = setInterval(() => {
    if (active && !finishIfDone()) flush(active.id);
  }, POLL_MS);
  let started;
  try {
    started = M._iw_start(strings[0], strings[1], strings[2], strings[3], req.interval, req.cores,
      strings[4], req.timeout, req.seed ?? -1, req.summary ? 1 : 0,
      active.traceBytes ? 2 : req.trace ? 1 : 0, strings[5]);
  } finally {
    strings.forEach((p) => M._free(p));
  }
  if (started !== 0) {
    clearInterval(active.timer);
    active = null;
    self.postMessage({ type: 'failed', id: req.id, message: 'the engine is still busy with another run' });
    return;
  }
  if (active.stepping) stepSoon(0);
  else if (BUILD === 'st') finishIfDone();
}

self.onmessage = (event) => {
  const msg = event.data;
  if (!M || msg === null || typeof msg !== 'object') return;
  if (msg.type === 'run') run(msg);
  else if (msg.type === 'stop' && active && active.id === msg.id) {
    active.stopAt ??= performance.now();
    M._iw_stop();
    if (active.stepping) stepSoon(0); // st: the next step sees the flag
    if (active.settling && active.processes) router.end(); // the program ended; its children go
  }
};

try {
  importScripts(new URL('process-memory.js', self.location.href).href,
    new URL('process-router.js', self.location.href).href, SCRIPT);
} catch (e) {
  fatal(`could not load ${SCRIPT}: ${e?.message ?? e}`);
}

if (typeof self.createInterleaveWorker === 'function') {
  self.createInterleaveWorker({
    locateFile: (path) => new URL(path, self.location.href).href,
    mainScriptUrlOrBlob: SCRIPT,
    pthreadPoolSize: 10, // mt: the run's pthread, its main thread and eight more (cmake/EmscriptenFlags.cmake)
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onAbort: (what) => fatal(`the engine aborted: ${what}`),
  }).then((module) => {
    M = module;
    let info;
    try {
      info = JSON.parse(cString(M._iw_info_json()));
    } catch (e) {
      fatal(`the engine's info is malformed: ${e?.message ?? e}`);
      return;
    }
    self.postMessage({ type: 'ready', info });
  }, (e) => fatal(`the engine could not start: ${e?.message ?? e}`));
} else {
  fatal(`${SCRIPT} did not define createInterleaveWorker()`);
}
