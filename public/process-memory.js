// Shared memory of a multiprocessing run in the isolated page (mt; docs/processes.md, "Processes
// in the browser"): each region (Value, Array, locks, queue counters) is a SharedArrayBuffer that
// every process worker of the run maps into its JS side (a Wasm instance cannot map memory of
// another). The engine's Python threads reach a word through a synchronous call proxied to their
// worker's JS thread (web/web_process_host.cpp), which runs one Atomics operation on it: no
// message, no round trip to the router. Loaded by run-worker.js and process-worker.js (importScripts);
// regions created here are handed to the router with this process's next records, and a child gets
// every region of the run when it starts. A page that is not isolated has no SharedArrayBuffer:
// regions live in the router and a child's word operation is a message round trip instead
// (process-router.js); but process 0 runs on the router's own thread (the run worker), so a region
// it creates is a plain ArrayBuffer that the router uses as the region itself, and process 0's
// words on it are synchronous there too. Only SharedArrayBuffers are adopted by other workers (a
// plain buffer would arrive as a copy). Runs on the worker's JS thread only.
'use strict';

/* exported interleaveMemory */

const interleaveMemory = (() => {
  const regions = new Map(); // id -> BigInt64Array over a SharedArrayBuffer
  let fresh = []; // [id, SharedArrayBuffer] created here, not yet handed to the router
  const OP = { Load: 0, Store: 1, Add: 2, TakeIfPositive: 3, GiveBelow: 4 };

  /** One word operation; the result (BigInt), or null when the region is not mapped here. */
  function word(words, i, op, arg) {
    switch (op) {
      case OP.Load: return Atomics.load(words, i);
      case OP.Store: Atomics.store(words, i, arg); return 0n;
      case OP.Add: return Atomics.add(words, i, arg) + arg;
      case OP.TakeIfPositive:
        for (let v = Atomics.load(words, i); v > 0n;) {
          const seen = Atomics.compareExchange(words, i, v, v - 1n);
          if (seen === v) return 1n;
          v = seen;
        }
        return 0n;
      case OP.GiveBelow:
        for (let v = Atomics.load(words, i); v < arg;) {
          const seen = Atomics.compareExchange(words, i, v, v + 1n);
          if (seen === v) return 1n;
          v = seen;
        }
        return 0n;
      default: return 0n;
    }
  }

  return {
    available: typeof SharedArrayBuffer === 'function' && self.crossOriginIsolated === true,
    word,
    /**
     * A new zero-filled region (called by the engine, proxied to this thread): 1, or 0 when it
     * lives in the router only (a child's, in a page that is not isolated).
     */
    create(id, bytes) {
      const size = Math.max(8, Math.ceil(bytes / 8) * 8);
      let buffer;
      if (this.available) buffer = new SharedArrayBuffer(size);
      else if (typeof ProcessRouter === 'function') buffer = new ArrayBuffer(size); // the router's thread
      else return 0;
      regions.set(id, new BigInt64Array(buffer));
      fresh.push([id, buffer]);
      return 1;
    },
    /** Whether region `id` is mapped here (its words answer at once). */
    mapped(id) {
      return regions.has(id) ? 1 : 0;
    },
    /** Regions of other processes (a child's at its start): SharedArrayBuffers only. */
    adopt(list) {
      for (const [id, buffer] of list ?? []) {
        const shared = typeof SharedArrayBuffer === 'function' && buffer instanceof SharedArrayBuffer;
        if (shared && !regions.has(id)) regions.set(id, new BigInt64Array(buffer));
      }
    },
    /** The regions created here since the last call, for the router. */
    takeFresh() {
      const out = fresh;
      fresh = [];
      return out;
    },
    forget() {
      regions.clear();
      fresh = [];
    },
    /**
     * The engine's word operation: writes the 64-bit result at resultPtr of `memory` (the Wasm
     * memory) and returns 1, or returns 0 when the region is not mapped here.
     */
    engineWord(id, offset, op, lo, hi, resultPtr, memory) {
      const words = regions.get(id);
      const i = offset >>> 3;
      if (!words || i >= words.length) return 0;
      const arg = (BigInt(hi) << 32n) | BigInt(lo >>> 0);
      const r = BigInt.asUintN(64, word(words, i, op, arg));
      const out = new Uint32Array(memory.buffer, resultPtr, 2);
      out[0] = Number(r & 0xffffffffn);
      out[1] = Number(r >> 32n);
      return 1;
    },
  };
})();
self.interleaveMemory = interleaveMemory;
