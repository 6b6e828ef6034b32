// A process worker: one Python process of a multiprocessing program run for real in the browser
// (docs/processes.md, "Processes in the browser"). Started by the run worker's process router
// (process-router.js) with ?build=mt|st; holds its own instance of the run worker's engine
// (interleave-worker-{mt,st}, compiled once by the router and handed over), so its memory is its
// own. It runs one spawned child (the program as __mp_main__, then the pickled Process) and only
// forwards messages: the engine's records to the router, the router's messages to the engine.
// The router keeps a few of these booted ahead of need (its pool): such a worker instantiates the
// engine at 'boot' and waits for its 'start'. A worker whose process ended by itself may be
// 'recycle'd for another process, without a new Worker's start (most of a boot):
//   - st: the instance is dropped (its memory, the process's regions and every timer of its run)
//     and a fresh one instantiated from the same compiled module in this same Worker;
//   - mt: a fresh instance would need fresh pthread Web Workers (they belong to an instance, and
//     starting them is most of an mt boot), so the instance stays and only its run goes: once the
//     engine says the run is over (iw_status: the driver has joined every Python thread of it),
//     iw_finish joins the run's own thread and frees the run (its interpreter, heap, host and
//     records), the regions it mapped and its early messages are forgotten, and the next process
//     runs in a fresh interpreter of the same instance, as the run worker runs one program after
//     another. A run that does not end within RESET_MS, or an instance whose memory grew past
//     RESET_MAX_BYTES (Wasm memory never shrinks), is not reused: the worker closes instead.
// Protocol:
//   router -> worker  {type: 'boot', module}                instantiate the engine now
//                     {type: 'start', module, index, pid, ppid, path, source, payload, gil,
//                      interval, regions: [[id, SharedArrayBuffer]] (mt: the run's shared memory),
//                      traced: the program's run is recorded, so the child records its own and
//                      sends its report before its exit record}
//                                                           run the child (boots first if needed)
//                     {type: 'in', kind, a, b, bytes}      a router message (web_process_host.h)
//                     {type: 'quit'}                       close once booted, running no process
//                                                          (mt: the pthreads' Web Workers are
//                                                          loaded then; see the router's #dispose)
//                     {type: 'recycle', module}            after the process's exit record: a
//                                                          fresh engine instance (st) or run (mt),
//                                                          then 'ready' (a worker that cannot
//                                                          says 'fatal' and closes instead)
//   worker -> router  {type: 'ready', marks}                booted: the engine waits for 'start'
//                     {type: 'started', marks}              the child's run began
//                     {type: 'records', buffer, regions}   the engine's records, in order, and
//                                                          the regions created since (mt)
//                     {type: 'fatal', message}              the engine could not start or aborted
//   marks: {phase: ms} on the shared clock (performance.timeOrigin + now()): script (this file
//   began), loaded (the engine's JS loaded), boot ('boot' or 'start' arrived), instantiated,
//   ready (the runtime initialised), start ('start' arrived), started (iw_start_child returned);
//   instance: the number of the process this worker runs (1, then 2... after each recycle: in st
//   each on an engine instance of its own, in mt on the first one, reset).
// The router terminates this worker when the process ends (terminate(), kill(), a crash; at its
// exit record too, unless it recycles the worker) or when it leaves the pool unused.
// mt: the child runs on a pthread and kicks this thread for its records (self.__interleaveKick);
// st: it runs in steps on this thread, which drains records after each step and steps again when
// a message arrives or the engine's next deadline passes.
'use strict';

const BUILD = new URL(self.location.href).searchParams.get('build') === 'mt' ? 'mt' : 'st';
const SCRIPT = new URL(`interleave-worker-${BUILD}.js`, self.location.href).href;
const SLICE_MS = 20;
/** mt: how long a recycled worker waits for its ended process's run to be over. */
const RESET_MS = 2000;
/** mt: an instance whose memory grew past this is not reused (Wasm memory never shrinks). */
const RESET_MAX_BYTES = 256 * 1024 * 1024;
/**
 * mt: pthreads pre-started, the child's run and its main Python thread (the real driver runs each
 * Python thread on a thread of its own); its other threads' pthreads start on demand (a Web
 * Worker each, reused once a thread ended), so the worker boots in tens of ms. A reused instance
 * keeps this many idle pthread Workers (those a process's other threads started are ended).
 */
const PTHREADS = 2;

/** Now on a clock every worker of the page shares. */
const now = () => performance.timeOrigin + performance.now();
let marks = { script: now(), instance: 1 };

let M = null;
let booting = null; // Promise of the engine, once 'boot' (or 'start') arrived
let startMsg = null; // the 'start' message, once it arrived
let pending = []; // router messages that came before the child started
let started = false;
let done = false;
let quitting = false;
let resetting = false; // mt: recycled, the ended process's run not yet freed (see reset())

function fatal(message) {
  self.postMessage({ type: 'fatal', message: String(message).slice(0, 2000) });
}

function heap() {
  return M.wasmMemory ? new Uint8Array(M.wasmMemory.buffer) : M.HEAPU8;
}

function alloc(text) {
  const n = M.lengthBytesUTF8(text) + 1;
  const p = M._malloc(n);
  M.stringToUTF8(text, p, n);
  return p;
}

/** Posts the engine's records to the router. */
function drain() {
  if (!M) return;
  const size = M._iw_take_records();
  if (size <= 0) return;
  const ptr = M._iw_records_data();
  const buffer = heap().slice(ptr, ptr + size).buffer;
  self.postMessage({ type: 'records', buffer, regions: interleaveMemory.takeFresh() }, [buffer]);
}

// --- st: the cooperative run in steps ----------------------------------------------------------
let timer = 0;
const immediate = new MessageChannel();
let immediateQueued = false;
immediate.port1.onmessage = () => {
  immediateQueued = false;
  step();
};

function stepSoon(ms) {
  if (done) return;
  if (ms <= 0) {
    clearTimeout(timer);
    timer = 0;
    if (!immediateQueued) {
      immediateQueued = true;
      immediate.port2.postMessage(0);
    }
    return;
  }
  clearTimeout(timer);
  timer = setTimeout(() => {
    timer = 0;
    step();
  }, ms);
}

function step() {
  if (done || !started) return;
  const status = M._iw_step(SLICE_MS);
  drain();
  if (status !== -1) {
    done = true; // the exit record went out with the records; the router ends this worker
    return;
  }
  const wake = M._iw_wake_ms();
  if (wake >= 0) stepSoon(wake);
}

// --- messages ----------------------------------------------------------------------------------

function deliver(msg) {
  const bytes = msg.bytes instanceof Uint8Array ? msg.bytes : new Uint8Array(0);
  const p = bytes.length ? M._malloc(bytes.length) : 0;
  if (p) heap().set(bytes, p);
  M._iw_deliver(msg.kind, msg.a, msg.b, p, bytes.length);
  if (p) M._free(p);
  if (BUILD === 'st') stepSoon(0);
}

function start(msg) {
  interleaveMemory.adopt(msg.regions);
  const strings = [msg.path, msg.source, msg.gil].map(alloc);
  const payload = msg.payload instanceof Uint8Array ? msg.payload : new Uint8Array(0);
  const pp = M._malloc(Math.max(1, payload.length));
  heap().set(payload, pp);
  let r;
  try {
    r = M._iw_start_child(msg.index, msg.pid, msg.ppid, strings[0], strings[1], pp, payload.length,
      strings[2], msg.interval, msg.traced === true ? 1 : 0);
  } finally {
    strings.forEach((p) => M._free(p));
    M._free(pp);
  }
  if (r !== 0) {
    fatal('this process worker already runs a process');
    return;
  }
  started = true;
  marks.started = now();
  self.postMessage({ type: 'started', marks });
  drain();
  if (BUILD === 'st') stepSoon(0);
  for (const m of pending) deliver(m);
  pending = [];
}

/**
 * Makes this worker ready for another process once its process ended by itself (the router says
 * so after its exit record): nothing of that process reaches the next one, which gets its own
 * interpreter and memory as a new worker's would. st: a fresh engine instance (the old one is
 * dropped with everything of its run: timers, adopted regions, early messages). mt: the same
 * instance, its run freed (reset()).
 */
function recycle(module) {
  if (!M || quitting || (BUILD === 'st' && !done)) {
    cannotRecycle();
    return;
  }
  clearTimeout(timer);
  timer = 0;
  interleaveMemory.forget();
  startMsg = null;
  pending = [];
  started = false;
  done = false;
  const t = now();
  marks = { script: t, loaded: t, instance: marks.instance + 1 };
  if (BUILD === 'mt') {
    reset(t + RESET_MS);
    return;
  }
  M = null;
  booting = null;
  boot(module);
}

function cannotRecycle() {
  fatal('this process worker cannot take another process'); // the router drops it
  self.close();
}

/**
 * mt: frees the ended process's run in this instance, then says 'ready' (or starts the process
 * that came meanwhile). The run is over once iw_status says so: its driver has joined every
 * Python thread, so iw_finish only joins the run's own thread, which is ending.
 */
function reset(deadline) {
  resetting = true;
  if (M._iw_status() === -1000) {
    if (now() > deadline) cannotRecycle();
    else setTimeout(() => reset(deadline), 1);
    return;
  }
  M._iw_finish();
  if (M.wasmMemory.buffer.byteLength > RESET_MAX_BYTES) {
    cannotRecycle();
    return;
  }
  for (const w of M.PThread.unusedWorkers.splice(PTHREADS)) w.terminate();
  resetting = false;
  marks.boot = marks.instantiated = marks.ready = now();
  if (startMsg) start(startMsg);
  else self.postMessage({ type: 'ready', marks });
}

/** Instantiates the engine from the router's compiled module (once per instance). */
function boot(module) {
  marks.boot ??= now();
  self.__interleaveKick = drain;
  booting ??= self.createInterleaveWorker({
    locateFile: (path) => new URL(path, self.location.href).href,
    mainScriptUrlOrBlob: SCRIPT,
    pthreadPoolSize: PTHREADS,
    instantiateWasm: (imports, receive) => {
      WebAssembly.instantiate(module, imports).then((instance) => {
        marks.instantiated = now();
        receive(instance, module);
      }, (e) => fatal(`the engine could not be instantiated: ${e?.message ?? e}`));
      return {};
    },
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onAbort: (what) => fatal(`the engine aborted: ${what}`),
  }).then((engine) => {
    M = engine;
    marks.ready = now();
    if (quitting) self.close();
    else if (startMsg) start(startMsg);
    else self.postMessage({ type: 'ready', marks });
  }, (e) => fatal(`the engine could not start: ${e?.message ?? e}`));
}

self.onmessage = (event) => {
  const msg = event.data;
  if (msg === null || typeof msg !== 'object') return;
  if (msg.type === 'boot') boot(msg.module);
  else if (msg.type === 'start' && !startMsg) {
    startMsg = msg;
    marks.start = now();
    if (resetting) return; // reset() starts it
    if (M) start(msg);
    else boot(msg.module);
  } else if (msg.type === 'recycle') {
    recycle(msg.module);
  } else if (msg.type === 'quit') {
    quitting = true;
    if (!booting || M) self.close(); // mt while resetting: the run's thread goes with the Worker
  } else if (msg.type === 'in') {
    if (started) deliver(msg);
    else pending.push(msg);
  }
};

try {
  importScripts(new URL('process-memory.js', self.location.href).href, SCRIPT);
} catch (e) {
  fatal(`could not load ${SCRIPT}: ${e?.message ?? e}`);
}
marks.loaded = now();
