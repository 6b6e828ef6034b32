// The run worker: a dedicated Web Worker that holds one engine instance (interleave-worker-mt or
// -st, picked by ?build= in this script's URL; web/worker_main.cpp) and runs programs for the page,
// so the page's main thread never runs or waits for one. The same worker is meant to host one
// Python process each when processes come to the browser: every message names its run by id.
//
// Protocol (all messages are plain objects; the page is the only sender):
//   page -> worker  {type: 'run', id, code, filename, mode, gil, interval, cores, start, timeout,
//                     seed, summary: bool, trace: bool}        (already validated by the page)
//                   {type: 'stop', id}      mt: raises the run's stop flag (the driver ends the run
//                                           within 200 ms); st: the page terminates the worker instead
//   worker -> page  {type: 'ready', info: {build, threads, version}}
//                   {type: 'output', id, chunks: [[fd, text], ...]}   in the program's order
//                   {type: 'done', id, exitCode, elapsed, summary: string|null, trace: string|null,
//                    stopMs: ms from the stop request reaching the worker to the run's end, or null}
//                   {type: 'failed', id, message}   the request could not be run (engine busy...)
//                   {type: 'fatal', message}        the engine aborted; the page replaces the worker
// In mt the run is a pthread and this thread polls its output every 8 ms (and stays free to start
// pthreads for Python threads); in st the run occupies this thread and output is pushed from inside
// it (self.__interleaveFlush).
'use strict';

const BUILD = new URL(self.location.href).searchParams.get('build') === 'mt' ? 'mt' : 'st';
const SCRIPT = new URL(`interleave-worker-${BUILD}.js`, self.location.href).href;
const POLL_MS = 8;

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

function finishIfDone() {
  if (!active) return true;
  const status = M._iw_status();
  if (status < 0) return false;
  const { id } = active;
  flush(id);
  const summary = cString(M._iw_summary());
  const trace = cString(M._iw_trace());
  const elapsed = M._iw_elapsed();
  const stopMs = active.stopAt === null ? null : performance.now() - active.stopAt;
  M._iw_finish();
  clearInterval(active.timer);
  active = null;
  self.postMessage({ type: 'done', id, exitCode: status, elapsed, summary: summary || null, trace: trace || null, stopMs });
  return true;
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
  const strings = [req.code, req.filename, req.mode, req.gil, req.start].map(alloc);
  active = { id: req.id, timer: 0, stopAt: null };
  self.__interleaveFlush = () => flush(req.id);
  if (BUILD === 'mt') active.timer = setInterval(() => {
    if (active && !finishIfDone()) flush(active.id);
  }, POLL_MS);
  let started;
  try {
    started = M._iw_start(strings[0], strings[1], strings[2], strings[3], req.interval, req.cores,
      strings[4], req.timeout, req.seed ?? -1, req.summary ? 1 : 0, req.trace ? 1 : 0);
  } finally {
    strings.forEach((p) => M._free(p));
  }
  if (started !== 0) {
    clearInterval(active.timer);
    active = null;
    self.postMessage({ type: 'failed', id: req.id, message: 'the engine is still busy with another run' });
    return;
  }
  if (BUILD === 'st') finishIfDone();
}

self.onmessage = (event) => {
  const msg = event.data;
  if (!M || msg === null || typeof msg !== 'object') return;
  if (msg.type === 'run') run(msg);
  else if (msg.type === 'stop' && active && active.id === msg.id) {
    active.stopAt ??= performance.now();
    M._iw_stop();
  }
};

try {
  importScripts(SCRIPT);
} catch (e) {
  fatal(`could not load ${SCRIPT}: ${e?.message ?? e}`);
}

if (typeof self.createInterleaveWorker === 'function') {
  self.createInterleaveWorker({
    locateFile: (path) => new URL(path, self.location.href).href,
    mainScriptUrlOrBlob: SCRIPT,
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
