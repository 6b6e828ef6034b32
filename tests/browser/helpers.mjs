// Shared helpers of the browser tests: assemble a site directory (dist/, or public/ plus the
// build/web-{mt,st}/web/ outputs), start scripts/serve.mjs on a free port, launch the system's
// headless Chromium through playwright-core with a fresh profile, decode screenshots (PNG) and
// judge whether a canvas shows a picture or is blank.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOTS = path.join(ROOT, 'build', 'browser');
export const CHROMIUM = process.env.INTERLEAVE_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
];
const ENGINE_FILES = [
  'interleave-mt.js', 'interleave-mt.wasm', 'interleave-mt.worker.js', 'interleave-st.js', 'interleave-st.wasm',
  'interleave-worker-mt.js', 'interleave-worker-mt.wasm', 'interleave-worker-mt.worker.js',
  'interleave-worker-st.js', 'interleave-worker-st.wasm',
];

/** Where the built engine files are, or null with a reason. */
export function findEngine() {
  const candidates = [];
  if (process.env.INTERLEAVE_SITE) candidates.push({ dir: path.resolve(process.env.INTERLEAVE_SITE), kind: 'site' });
  candidates.push({ dir: path.join(ROOT, 'dist'), kind: 'site' });
  candidates.push({ dir: path.join(ROOT, 'build'), kind: 'build' });
  for (const c of candidates) {
    const files = {};
    for (const f of ENGINE_FILES) {
      const build = f.includes('-mt') ? 'web-mt' : 'web-st';
      const p = c.kind === 'site' ? path.join(c.dir, f) : path.join(c.dir, build, 'web', f);
      if (existsSync(p)) files[f] = p;
    }
    if (Object.keys(files).length === ENGINE_FILES.length) return { ...c, files };
  }
  return null;
}

export const NO_ENGINE_REASON = 'no engine build found: run ./play build (or set INTERLEAVE_SITE to a ' +
  'directory with interleave-{mt,st}.{js,wasm}, interleave-worker-{mt,st}.{js,wasm} and the mt .worker.js files)';

/**
 * Makes a temporary site: the engine's site directory (or the build outputs), with public/
 * copied over it so that the pages under test are the current ones. `edit(dir)` may change it.
 */
export async function makeSite(engine, edit) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'interleave-site-'));
  if (engine.kind === 'site') await cp(engine.dir, dir, { recursive: true });
  for (const [name, p] of Object.entries(engine.files)) await cp(p, path.join(dir, name));
  await cp(path.join(ROOT, 'public'), dir, { recursive: true });
  if (edit) await edit(dir);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Starts scripts/serve.mjs on a free port. Resolves to {url, stop()}. */
export function serve(dir, { isolation = true } = {}) {
  return new Promise((resolve, reject) => {
    const args = [path.join(ROOT, 'scripts', 'serve.mjs'), dir, '--port', '0'];
    if (!isolation) args.push('--no-isolation');
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`serve.mjs did not start: ${out}${err}`));
    }, 10000);
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.on('data', (d) => {
      out += d;
      const m = /at (http:\/\/\S+\/) /.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          stop: () => new Promise((r) => {
            if (child.exitCode !== null) return r();
            child.once('exit', () => r());
            child.kill('SIGTERM');
          }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.mjs exited with ${code}: ${out}${err}`));
    });
  });
}

let playwright = null;
async function chromium() {
  playwright ??= await import('playwright-core');
  return playwright.chromium;
}

/** Launches headless Chromium with a fresh profile. Resolves to {context, close()}. */
export async function launch({ extraArgs = [], viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1 } = {}) {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'interleave-chromium-'));
  const context = await (await chromium()).launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    viewport,
    deviceScaleFactor,
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Records page errors and console errors (and all console lines, for diagnostics). */
export function watch(page) {
  const log = { errors: [], console: [] };
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) log.errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    const line = `${m.type()}: ${m.text()}`;
    log.console.push(line);
    if (m.type() === 'error') log.errors.push(`console.${line}`);
  });
  return log;
}

export async function saveShot(page, name) {
  await mkdir(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** A screenshot of the canvas alone: the HTML overlays (badge, screens) hidden meanwhile. */
export async function canvasShot(page, selector = '#canvas') {
  const frame = page;
  const hidden = await frame.evaluate(() => {
    const els = [...document.querySelectorAll('.il-badge, .il-screen, .il-notice, .il-share')].filter((e) => e.style.visibility !== 'hidden');
    els.forEach((e) => { e.style.visibility = 'hidden'; });
    return els.length;
  });
  try {
    return await frame.locator(selector).screenshot();
  } finally {
    if (hidden) {
      await frame.evaluate(() => {
        document.querySelectorAll('.il-badge, .il-screen, .il-notice, .il-share').forEach((e) => { e.style.visibility = ''; });
      });
    }
  }
}

// ---------------------------------------------------------------------------
// PNG decoding (8-bit greyscale/RGB/RGBA, not interlaced: what Chromium writes)

export function decodePng(buf) {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  sig.forEach((b, i) => { if (buf[i] !== b) throw new Error('not a PNG'); });
  let at = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colour = 0;
  let interlace = 0;
  const idat = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8];
      colour = data[9];
      interlace = data[12];
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + len;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colour];
  if (depth !== 8 || !channels || interlace) throw new Error(`unsupported PNG (depth ${depth}, colour ${colour}, interlace ${interlace})`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(width * height * 4);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const s = x * channels;
      const d = (y * width + x) * 4;
      if (channels >= 3) {
        out[d] = line[s]; out[d + 1] = line[s + 1]; out[d + 2] = line[s + 2];
        out[d + 3] = channels === 4 ? line[s + 3] : 255;
      } else {
        out[d] = out[d + 1] = out[d + 2] = line[s];
        out[d + 3] = channels === 2 ? line[s + 1] : 255;
      }
    }
    prev = line;
  }
  return { width, height, data: out };
}

/** Colour statistics of a PNG: distinct colours and the share of the most common one. */
export function pixelStats(png) {
  const img = decodePng(png);
  const counts = new Map();
  const n = img.width * img.height;
  for (let i = 0; i < n; i++) {
    const k = img.data.readUInt32BE(i * 4);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let top = 0;
  let topKey = 0;
  for (const [k, c] of counts) if (c > top) { top = c; topKey = k; }
  return {
    width: img.width,
    height: img.height,
    distinct: counts.size,
    dominantShare: n ? top / n : 1,
    dominant: `#${(topKey >>> 8).toString(16).padStart(6, '0')}`,
  };
}

/** A picture, not a blank or flat canvas: at least 16 colours, none covering 99.5%. */
export function looksDrawn(stats) {
  return stats.width > 0 && stats.distinct >= 16 && stats.dominantShare < 0.995;
}

/**
 * Statistics of one rectangle {x, y, w, h} (image pixels) of a decoded PNG (decodePng): distinct
 * colours, the most common colour's share, and `edges`: the share of pixels whose brightness
 * differs from their left neighbour's by more than 48 (text and fine drawing score high, flat
 * fills and gradients near 0).
 */
export function regionStats(img, { x, y, w, h }) {
  const counts = new Map();
  let edges = 0;
  let n = 0;
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(img.width, Math.round(x + w));
  const y1 = Math.min(img.height, Math.round(y + h));
  const lum = (i) => 0.3 * img.data[i] + 0.59 * img.data[i + 1] + 0.11 * img.data[i + 2];
  for (let yy = y0; yy < y1; yy++) {
    for (let xx = x0; xx < x1; xx++) {
      const i = (yy * img.width + xx) * 4;
      const k = img.data.readUInt32BE(i);
      counts.set(k, (counts.get(k) ?? 0) + 1);
      if (xx > x0 && Math.abs(lum(i) - lum(i - 4)) > 48) edges++;
      n++;
    }
  }
  let top = 0;
  for (const c of counts.values()) top = Math.max(top, c);
  return { distinct: counts.size, dominantShare: n ? top / n : 1, edges: n ? edges / n : 0, pixels: n };
}

/**
 * The app's panel rectangles in CSS pixels for a canvas of `width` x `height`, as
 * engine/ui/layout.cpp computes them below the 23 px menu bar (ImGui's: 15 px font, 4 px padding).
 */
export function appLayout(width, height) {
  const r = (x, y, w, hh) => {
    const x0 = Math.round(x);
    const y0 = Math.round(y);
    return { x: x0, y: y0, w: Math.round(x + w) - x0, h: Math.round(y + hh) - y0 };
  };
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  const top = 23;
  const a = { x: 0, y: top, w: width, h: height - top };
  if (a.w >= 1100) {
    const left = clamp(a.w * 0.17, 230, 420);
    const right = clamp(a.w * 0.25, 300, 900);
    const mid = a.w - left - right;
    const bottom = Math.round(a.h * 0.2);
    const upper = a.h - bottom;
    const editorH = Math.round(upper * 0.45);
    return {
      narrow: false,
      examples: r(a.x, a.y, left, upper),
      editor: r(a.x + left, a.y, mid, editorH),
      timeline: r(a.x + left, a.y + editorH, mid, upper - editorH),
      summary: r(a.x + left + mid, a.y, right, editorH),
      memory: r(a.x + left + mid, a.y + editorH, right, upper - editorH),
      console: r(a.x, a.y + upper, a.w, bottom),
    };
  }
  const left = clamp(a.w * 0.3, 170, 300);
  const middle = Math.round(Math.max(a.h * 0.26, Math.min(200, a.h * 0.42))); // kTimelineMinHeight
  const upperH = Math.round((a.h - middle) * (0.48 / 0.74));
  const bottom = a.h - upperH - middle;
  const wide = Math.round(a.w * 0.62);
  return {
    narrow: true,
    examples: r(a.x, a.y, left, upperH),
    editor: r(a.x + left, a.y, a.w - left, upperH),
    timeline: r(a.x, a.y + upperH, wide, middle),
    summary: r(a.x + wide, a.y + upperH, a.w - wide, middle),
    console: r(a.x, a.y + upperH + middle, wide, bottom),
    memory: r(a.x + wide, a.y + upperH + middle, a.w - wide, bottom),
  };
}

/**
 * A temporary site (makeSite, `edit` may add pages), served (isolation on or off), and a fresh
 * Chromium; all three are removed when test `t` ends. Resolves to {site, server, browser}.
 */
export async function startSite(t, engine, { isolation = true, viewport, edit } = {}) {
  const site = await makeSite(engine, edit);
  t.after(() => site.cleanup());
  const server = await serve(site.dir, { isolation });
  t.after(() => server.stop());
  const browser = await launch(viewport ? { viewport } : {});
  t.after(() => browser.close());
  return { site, server, browser };
}

/** Waits for the app's own run (Run button, autorun) to end: data-app-run="done". */
export async function waitAppRun(page, timeout = 120000) {
  await page.waitForFunction(() => document.documentElement.dataset.appRun === 'done', null, { timeout, polling: 50 });
  return page.evaluate(() => Number(document.documentElement.dataset.appExit));
}

// A plain (not isolated) page embedding `src` in an iframe #demo, with window.ask(type, extra):
// posts {type, id, ...extra} to the embed and resolves with its reply of the same id.
export function askingHostPage({ title, src, heading = '' }) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="favicon.svg"></head><body>
${heading}<iframe id="demo" src="${src}" width="800" height="480" title="Interleave"></iframe>
<script>
  const pending = new Map();
  let next = 1;
  window.addEventListener('message', (e) => {
    if (e.source !== document.getElementById('demo').contentWindow) return;
    const p = pending.get(e.data?.id);
    if (p) { pending.delete(e.data.id); p(e.data); }
  });
  window.ask = (type, extra) => new Promise((resolve) => {
    const id = next++;
    pending.set(id, resolve);
    document.getElementById('demo').contentWindow.postMessage({ type, id, ...extra }, '*');
  });
</script></body></html>
`;
}

export async function writeHostPage(dir, name, html) {
  await writeFile(path.join(dir, name), html);
}

export async function listDir(dir) {
  return (await readdir(dir)).sort();
}

export async function fileSize(p) {
  return (await stat(p)).size;
}

// ---------------------------------------------------------------------------
// Page instrumentation (installed with context.addInitScript before any page script runs)

/** Records the first WebGL draw call on #canvas and every loading status text. */
export function instrument() {
  const origGetContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function getContext(type, ...rest) {
    const ctx = origGetContext.call(this, type, ...rest);
    if (ctx && this.id === 'canvas' && (type === 'webgl2' || type === 'webgl') && !ctx.__ilHooked) {
      Object.defineProperty(ctx, '__ilHooked', { value: true });
      for (const fn of ['drawElements', 'drawArrays', 'drawElementsInstanced', 'drawArraysInstanced', 'drawRangeElements']) {
        const f = ctx[fn];
        if (typeof f !== 'function') continue;
        ctx[fn] = function draw(...args) {
          if (window.__ilFirstDraw === undefined) window.__ilFirstDraw = performance.now();
          return f.apply(this, args);
        };
      }
    }
    return ctx;
  };
  window.__ilStatus = [];
  const watchStatus = () => {
    const el = document.getElementById('il-status');
    if (!el) return;
    const push = () => {
      const t = el.textContent;
      if (window.__ilStatus[window.__ilStatus.length - 1] !== t) window.__ilStatus.push(t);
    };
    push();
    new MutationObserver(push).observe(el, { childList: true, characterData: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watchStatus);
  else watchStatus();
}

/**
 * Waits until the loading screen is gone and checks that the canvas then shows a picture.
 * Returns timings in ms since navigation start: firstFrame = the later of the first WebGL draw
 * call on #canvas and the moment the loading screen went away (the first frame a person sees),
 * verified non-blank by a screenshot; plus the loader's marks. (Screenshots of a large WebGL
 * canvas take seconds under SwiftShader, so their own time is reported apart, not used.)
 */
export async function measureFirstFrame(page, { timeout = 120000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const state = await page.evaluate(() => ({
      loadingHidden: document.getElementById('il-loading')?.hidden === true,
      error: document.getElementById('il-error')?.hidden === false,
      now: performance.now(),
    })).catch(() => null);
    if (state?.error) throw new Error('the error screen appeared while waiting for the first frame');
    if (state?.loadingHidden) {
      const stats = pixelStats(await canvasShot(page));
      if (looksDrawn(stats)) {
        const m = await page.evaluate(() => {
          const markFn = (name) => {
            const e = performance.getEntriesByName(name)[0];
            return e ? Math.round(e.startTime) : null;
          };
          return {
            firstDraw: window.__ilFirstDraw === undefined ? null : Math.round(window.__ilFirstDraw),
            boot: markFn('interleave:boot'),
            webgl2Checked: markFn('interleave:webgl2-checked'),
            downloaded: markFn('interleave:downloaded'),
            runtimeReady: markFn('interleave:runtime-ready'),
            shown: markFn('interleave:shown'),
            ready: markFn('interleave:ready'),
          };
        });
        const firstFrame = m.firstDraw === null ? m.shown : Math.max(m.firstDraw, m.shown ?? 0);
        return { firstFrame, ...m, screenshotAt: Math.round(state.now), stats };
      }
    }
    if (Date.now() > deadline) throw new Error('no non-blank canvas before the time limit');
    await new Promise((r) => setTimeout(r, 40));
  }
}

export async function recordTiming(name, timing) {
  const file = path.join(SHOTS, 'timings.json');
  await mkdir(SHOTS, { recursive: true });
  let all = {};
  try {
    all = JSON.parse(await readFile(file, 'utf8'));
  } catch { /* first one */ }
  all[name] = { ...timing, at: new Date().toISOString() };
  await writeFile(file, JSON.stringify(all, null, 2) + '\n');
}

/** Waits for window.interleave.ready in a page or frame; resolves to {ok, info} or {ok:false, error}. */
// A new page of `browser` at `url`, watched (watch) and ready to run (awaitReady), after
// `settleMs` more for its first frames.
export async function openPage(browser, url, { settleMs = 0 } = {}) {
  const page = await browser.context.newPage();
  const log = watch(page);
  await page.goto(url);
  const ready = await awaitReady(page);
  assert.ok(ready.ok, `ready rejected: ${ready.error}`);
  if (settleMs > 0) await page.waitForTimeout(settleMs);
  return { page, log };
}

export function awaitReady(target, timeout = 120000) {
  return target.evaluate(async (ms) => {
    const t0 = performance.now();
    while (!window.interleave) {
      if (performance.now() - t0 > ms) return { ok: false, error: 'window.interleave never appeared' };
      await new Promise((r) => setTimeout(r, 20));
    }
    const timer = new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), ms));
    try {
      const value = await Promise.race([window.interleave.ready, timer]);
      return { ok: true, value, info: window.interleave.info() };
    } catch (e) {
      return { ok: false, error: String(e?.message ?? e), code: e?.code ?? null };
    }
  }, timeout);
}

/**
 * Opens a page for real-mode runs with processes: index.html on an isolated server, or `hostHtml`
 * (an askingHostPage embedding embed.html) on a plain one. Returns { page, log, info, run(request)
 * -> result or { rejected }, stopSoon(request, afterMs) -> the result of a run stopped afterMs in }.
 */
export async function openProcessPage(t, engine, isolated, hostHtml) {
  const site = await makeSite(engine, isolated ? undefined : (dir) => writeHostPage(dir, 'host.html', hostHtml));
  t.after(() => site.cleanup());
  const server = await serve(site.dir, { isolation: isolated });
  t.after(() => server.stop());
  const browser = await launch({ viewport: { width: 1000, height: 700 } });
  t.after(() => browser.close());
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  const log = watch(page);
  if (isolated) {
    await page.goto(`${server.url}index.html`);
    const ready = await awaitReady(page);
    assert.ok(ready.ok, `ready rejected: ${ready.error}`);
    const run = (request) => page.evaluate((r) => window.interleave.run(r).then(
      (v) => v, (e) => ({ rejected: String(e?.message ?? e) })), request);
    const stopSoon = (request, afterMs) => page.evaluate(async ([r, ms]) => {
      const p = window.interleave.run(r);
      await new Promise((res) => setTimeout(res, ms));
      window.interleave.stop();
      return p;
    }, [request, afterMs]);
    return { page, log, info: ready.info, run, stopSoon };
  }
  await page.goto(`${server.url}host.html`);
  assert.equal(await page.evaluate(() => crossOriginIsolated), false, 'the host page is not isolated');
  const info = (await page.evaluate(() => window.ask('interleave:info'))).result;
  const run = async (request) => {
    const reply = await page.evaluate((r) => window.ask('interleave:run', { request: r }), request);
    return reply.result ?? { rejected: JSON.stringify(reply.error) };
  };
  const stopSoon = async (request, afterMs) => page.evaluate(async ([r, ms]) => {
    const p = window.ask('interleave:run', { request: r });
    await new Promise((res) => setTimeout(res, ms));
    await window.ask('interleave:stop');
    return (await p).result;
  }, [request, afterMs]);
  return { page, log, info, run, stopSoon };
}
