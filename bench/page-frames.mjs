// The page's frame rate and where a frame's time goes, idle and while spin_forever runs for real
// (two Python threads spinning on Wasm pthreads), in headless Chromium (SwiftShader's software GL
// unless INTERLEAVE_CHROMIUM_ARGS says otherwise). Prints, for each phase: requestAnimationFrame
// callbacks per second (how often the page can react), canvas redraws per second (frames that
// issued WebGL draw calls: the app skips frames whose picture did not change), the worst gap
// between frames, and the main thread's top self-time functions from Chrome's CPU profiler (CDP).
//   node bench/page-frames.mjs [SITE_DIR]    (default: $INTERLEAVE_SITE, else dist/)
// The numbers depend on the machine's load: run it beside nothing else, or report the load.
import os from 'node:os';
import * as h from '../tests/browser/helpers.mjs';

if (process.argv[2]) process.env.INTERLEAVE_SITE = process.argv[2];
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
  // Counts the animation frames in which the page drew into a WebGL canvas.
  await page.addInitScript(() => {
    // Per animation frame (callbacks of one frame share its timestamp): counted once each.
    const stats = (window.__frames = { raf: 0, drawn: 0, frameTime: -1, counted: false });
    const P = WebGL2RenderingContext.prototype;
    for (const name of ['drawElements', 'drawArrays', 'drawArraysInstanced', 'clear']) {
      const f = P[name];
      P[name] = function (...args) {
        if (!stats.counted) {
          stats.counted = true;
          stats.drawn++;
        }
        return f.apply(this, args);
      };
    }
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => raf((t) => {
      if (t !== stats.frameTime) {
        stats.frameTime = t;
        stats.raf++;
        stats.counted = false;
      }
      cb(t);
    });
  });
  await page.goto(`${server.url}index.html#example=spin_forever&mode=real&limit=600`);
  const ready = await h.awaitReady(page);
  if (!ready.ok) throw new Error(`the page did not start: ${ready.error}`);
  const cdp = await page.context().newCDPSession(page);

  const measure = async (label, ms) => {
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
    console.log(`  main thread, self time of ${(total / 1000).toFixed(0)} ms profiled:`);
    [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8)
      .forEach(([k, v]) => console.log(`    ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`));
  };

  console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  await page.waitForTimeout(1000);
  await measure('idle', 4000);
  const L = h.appLayout(1280, 800);
  await page.mouse.click(L.editor.x + 10 + 32, L.editor.y + 23 + 8 + 11); // Run
  await page.waitForFunction(() => document.documentElement.dataset.appRun === 'running');
  await page.waitForTimeout(1500);
  await measure('two threads spinning', 4000);
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
