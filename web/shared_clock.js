// The engine's clock in the run worker and the process workers (linked with --js-library): every
// thread reads the page's shared clock, performance.timeOrigin + performance.now() (ms), so
// steady_clock, time.monotonic() and trace times agree between a process's pthreads and between
// processes (docs/trace.md, "Child processes' traces").
// Emscripten's own emscripten_get_now gives each pthread (a Web Worker with its own timeOrigin)
// performance.now() minus a drift measured when the pthread was handed its start message: the
// main thread's clock shifted by that message's latency, milliseconds on a loaded machine, and
// different for every pthread of one run. The shared clock as a double has 2^-12 ms (244 ns)
// steps around 1.8e12 ms; browsers coarsen it further (Chrome: 5 us isolated, 100 us not).
// Any thread; no state.
'use strict';

mergeInto(LibraryManager.library, {
  emscripten_get_now: function () {
    return performance.timeOrigin + performance.now();
  },
});
