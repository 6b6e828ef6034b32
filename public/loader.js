// Boots Interleave on index.html and embed.html: checks WebGL2, restores cross-origin isolation
// with sw.js where the host cannot send headers, picks the Wasm build with threads (mt) when the
// page is cross-origin isolated and the one without (st) otherwise, downloads it with real byte
// progress, starts it on <canvas id="canvas">, starts the run worker (runs.js) beside it, shows
// friendly error screens, hands the validated URL hash to the app (program, settings, read-only,
// autorun) and publishes window.interleave = { ready, info(), run(), stop(), params } for host
// pages and tests. Runs from the API and from the app's Run button take the same path (runs.js)
// and both show in the app's console. Share (the app's menu, or window.interleave.share()) turns
// the program and its settings into a link or an iframe snippet, shown in a small dialog; a link
// that cannot be read in full says so in a notice, and nothing else of the page changes.
import { parseHash, decodeCode, buildShareHash } from './params.js';
import { validateRunRequest } from './run-request.js';
import { RunService, handTraceToApp } from './runs.js';

const BASE = new URL('./', import.meta.url);
const SW_URL = new URL('sw.js', BASE);
const COI_RELOAD_KEY = 'interleave.coi.reloaded';
const PAGE = document.documentElement.dataset.page === 'embed' ? 'embed' : 'app';

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------
// Public API (window.interleave)

let resolveReady;
let rejectReady;
const ready = new Promise((resolve, reject) => {
  resolveReady = resolve;
  rejectReady = reject;
});
ready.catch(() => {}); // a failed load is shown on the page; no "uncaught (in promise)" noise

let engineInfo = null; // {threads, build, version} once running
let hashProblems = [];
let params = readHash();
let failed = false;
let service = null; // the RunService, once the build is chosen
let appModule = null; // the app's Emscripten module, once it runs

/** Parses location.hash, keeping what was wrong with it for the notice (and the console). */
function readHash() {
  hashProblems = [];
  return parseHash(location.hash, (m) => {
    console.warn(m);
    hashProblems.push(m.replace(/^Interleave: /, ''));
  });
}

const ONE_CORE_NOTE = 'This page is not cross-origin isolated, so it runs the build without threads: ' +
  'in real mode Python threads take turns on one core under the GIL (never in parallel); ' +
  'the simulator is complete.';

function defaultCores() {
  const n = Number(navigator.hardwareConcurrency);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 256) : 4;
}

// ---------------------------------------------------------------------------
// Runs, and the app's console (web/web_runner.cpp)

let bridgeIds = 0;

/** Calls an exported function of the app's module with C strings in place of JS strings. */
function callWithStrings(name, args) {
  const m = appModule;
  if (!m || typeof m[name] !== 'function') return 0;
  const ptrs = [];
  try {
    const cargs = args.map((a) => {
      if (typeof a !== 'string') return a;
      const n = m.lengthBytesUTF8(a) + 1;
      const p = m._malloc(n);
      m.stringToUTF8(a, p, n);
      ptrs.push(p);
      return p;
    });
    return m[name](...cargs);
  } finally {
    ptrs.forEach((p) => m._free(p));
  }
}

function describe(req) {
  return `${req.filename} (${req.mode}${req.mode === 'real' ? `, GIL ${req.gil}` : `, ${req.cores} cores, GIL ${req.gil}`})`;
}

/**
 * Runs a validated request, its output mirrored into the app's console under `origin`; with a
 * `tracePart`, its trace goes to the app's views (after the run's end, runs.js) as that part.
 */
function runMirrored(req, bridgeId, origin, front, tracePart) {
  if (tracePart !== undefined) callWithStrings('_interleave_runner_trace_due', [bridgeId, tracePart]);
  const handle = service.run(req, {
    front,
    onOutput: (fd, text) => callWithStrings('_interleave_runner_output', [bridgeId, fd, origin, text]),
    onTrace: tracePart === undefined ? undefined : (bytes) => handTraceToApp(appModule, bridgeId, tracePart, bytes),
  });
  return handle;
}

async function apiRun(request) {
  const req = validateRunRequest(request, { defaultCores: defaultCores() });
  await ready;
  const id = ++bridgeIds;
  callWithStrings('_interleave_runner_begin', [id, `Run from the page's API: ${describe(req)}`]);
  const result = await runMirrored(req, id, 'program', false).done;
  callWithStrings('_interleave_runner_end', [id, result.exitCode, result.elapsed ?? 0,
    `${req.filename}: exit status ${result.exitCode}`]);
  return result;
}

// The app's Run and Stop buttons (WebRunner::start/stop through EM_JS). A run from the app goes
// before queued API runs and stops the one going; compare runs the simulator, then the real run.
let appRun = null; // {id, stopped, handle}
const appHost = {
  startFromApp(raw) {
    const id = ++bridgeIds;
    const modes = raw.mode === 'compare' ? ['sim', 'real'] : [raw.mode === 'sim' ? 'sim' : 'real'];
    const state = { id, stopped: false, handle: null };
    if (appRun) appHost.stopFromApp(appRun.id);
    service?.stopCurrent();
    appRun = state;
    // The app's run, for host pages and tests: data-app-run="running" | "done" (+ data-app-exit).
    document.documentElement.dataset.appRun = 'running';
    delete document.documentElement.dataset.appExit;
    (async () => {
      let last = { exitCode: 2, elapsed: 0 };
      let total = 0;
      try {
        for (const mode of modes) {
          if (state.stopped) break;
          const req = validateRunRequest({
            code: raw.code, filename: raw.filename, mode, gil: raw.gil, interval: raw.interval,
            cores: raw.cores, start: raw.start, timeout: raw.timeout, trace: true,
            // The app's edited model (INI lines of the edited keys) goes to the simulated run.
            ...(mode === 'sim' && raw.profile ? { profile: raw.profile } : {}),
          }, { defaultCores: defaultCores() });
          const origin = modes.length > 1 ? `${mode} program` : 'program';
          // The timeline, summary and memory views read the trace (part 1: a compare's real run).
          state.handle = runMirrored(req, id, origin, true, mode === 'real' && modes.length > 1 ? 1 : 0);
          last = await state.handle.done;
          total += last.elapsed ?? 0;
        }
      } catch (e) {
        callWithStrings('_interleave_runner_output', [id, 2, 'interleave', `interleave: ${e?.message ?? e}\n`]);
        last = { exitCode: 2, elapsed: 0 };
      }
      callWithStrings('_interleave_runner_end', [id, last.exitCode, total, '']);
      if (appRun === state) {
        appRun = null;
        document.documentElement.dataset.appRun = 'done';
        document.documentElement.dataset.appExit = String(last.exitCode);
      }
    })();
    return id;
  },
  share(state) {
    shareState(state);
  },
  stopFromApp(id) {
    if (appRun && appRun.id === id) {
      performance.mark('interleave:app-stop'); // stop latency, as the page sees it
      appRun.stopped = true;
      appRun.handle?.stop();
    }
  },
};

// ---------------------------------------------------------------------------
// Share: a link or an iframe snippet, in a dialog with a Copy button

const shareWaiters = []; // window.interleave.share() calls waiting for the app's state

function escapeAttr(text) {
  return String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function shareState(state) {
  const waiter = shareWaiters.shift();
  const kind = state?.kind === 'embed' ? 'embed' : 'link';
  try {
    const hash = await buildShareHash(state);
    const url = new URL(kind === 'embed' ? 'embed.html' : 'index.html', BASE);
    url.hash = hash;
    const name = state.example ? state.example : 'a Python program';
    const text = kind === 'embed'
      ? `<iframe src="${escapeAttr(url.href)}" title="${escapeAttr(`Interleave: ${name}`)}" ` +
        'width="100%" height="520" style="border:0" loading="lazy"></iframe>'
      : url.href;
    showShareDialog(kind, text);
    waiter?.resolve({ kind, url: url.href, text });
  } catch (e) {
    const message = String(e?.message ?? e);
    showNotice(`Share: ${message}.`, 'The program and its settings are unchanged.');
    waiter?.reject(new Error(`share: ${message}`));
  }
}

function closeShareDialog() {
  const dialog = $('il-share');
  if (!dialog || dialog.hidden) return;
  dialog.hidden = true;
  $('canvas')?.focus({ preventScroll: true });
}

function showShareDialog(kind, text) {
  let dialog = $('il-share');
  if (!dialog) {
    dialog = document.createElement('section');
    dialog.id = 'il-share';
    dialog.className = 'il-share';
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-labelledby', 'il-share-title');
    dialog.innerHTML = '<h2 id="il-share-title"></h2><p id="il-share-what"></p>' +
      '<textarea id="il-share-text" readonly rows="3" spellcheck="false"></textarea>' +
      '<div class="il-share-row"><span id="il-share-status" role="status" aria-live="polite"></span>' +
      '<button type="button" id="il-share-copy">Copy</button>' +
      '<button type="button" id="il-share-close" class="il-secondary">Close</button></div>';
    document.body.append(dialog);
    $('il-share-close').addEventListener('click', closeShareDialog);
    $('il-share-copy').addEventListener('click', () => copyShareText());
    dialog.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') closeShareDialog();
      e.stopPropagation(); // the app's keyboard shortcuts stay with the app
    });
  }
  $('il-share-title').textContent = kind === 'embed' ? 'Embed code' : 'Share link';
  $('il-share-what').textContent = kind === 'embed'
    ? 'Paste this into a documentation page: it shows this program with these settings (the simulator runs everywhere; real threads only on cross-origin isolated pages).'
    : 'This link opens this program with these settings. Everything is in the link itself (after the #), never sent to a server.';
  const area = $('il-share-text');
  area.value = text;
  area.rows = kind === 'embed' ? 4 : 3;
  $('il-share-status').textContent = '';
  dialog.dataset.kind = kind;
  dialog.hidden = false;
  area.focus({ preventScroll: true });
  area.select();
  copyShareText();
}

async function copyShareText() {
  const area = $('il-share-text');
  const status = $('il-share-status');
  try {
    await navigator.clipboard.writeText(area.value);
    status.textContent = 'Copied to the clipboard.';
  } catch {
    area.focus({ preventScroll: true });
    area.select();
    status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
  }
}

// ---------------------------------------------------------------------------
// Notices: what the page could not do (a damaged share link, a program too large to share)

function showNotice(title, detail, items = []) {
  let notice = $('il-notice');
  if (!notice) {
    notice = document.createElement('aside');
    notice.id = 'il-notice';
    notice.className = 'il-notice';
    notice.setAttribute('role', 'alert');
    notice.innerHTML = '<strong id="il-notice-title"></strong> <span id="il-notice-detail"></span>' +
      '<ul id="il-notice-items"></ul><button type="button" id="il-notice-close" aria-label="Close">×</button>';
    document.body.append(notice);
    $('il-notice-close').addEventListener('click', () => { notice.hidden = true; });
  }
  $('il-notice-title').textContent = title;
  $('il-notice-detail').textContent = detail;
  $('il-notice-items').replaceChildren(...items.slice(0, 6).map((t) => {
    const li = document.createElement('li');
    li.textContent = t;
    return li;
  }));
  notice.hidden = false;
}

function reportHashProblems(extra = []) {
  const all = [...hashProblems, ...extra];
  if (all.length === 0) return;
  showNotice('Part of this link could not be used.',
    'Everything else in it was applied; nothing was lost from the page.', all);
}

export const api = Object.freeze({
  /** Resolves (with info()) when the engine is running; rejects if it cannot start. */
  ready,
  /**
   * {threads, build, version}; threads is true only when Python threads run truly in parallel. In
   * the build without threads, `note` says how real mode runs instead (one core, under the GIL).
   */
  info() {
    return engineInfo ? { ...engineInfo } : { threads: false, build: null, version: null };
  },
  /**
   * Runs a program: ({code, mode, gil, interval, cores, start, timeout[, seed, filename, trace]})
   * -> {stdout, stderr, exitCode, summary, elapsed[, trace]}, with the command line's exit
   * statuses (0, 1, 2, 3 deadlock, 124 time limit or stopped). Runs wait their turn; a malformed
   * request is rejected with an error whose code is 'bad-request'.
   */
  run(request) {
    try {
      return apiRun(request);
    } catch (e) {
      return Promise.reject(e);
    }
  },
  /** Stops the run going now (it resolves with exit status 124). */
  stop() {
    if (appRun) appHost.stopFromApp(appRun.id); // a compare run must not go on to its real half
    service?.stopCurrent();
  },
  /**
   * Shares the app's program and settings as the Share menu does: kind 'link' (the default) or
   * 'embed'. Shows the dialog and resolves to {kind, url, text} (text: the link, or the iframe
   * snippet); rejects when the program is too large for a link.
   */
  share(kind = 'link') {
    if (kind !== 'link' && kind !== 'embed') return Promise.reject(new Error('share: kind is "link" or "embed"'));
    return ready.then(() => new Promise((resolve, reject) => {
      shareWaiters.push({ resolve, reject });
      if (!callWithStrings('_interleave_app_share', [kind === 'embed' ? 1 : 0])) {
        shareWaiters.pop();
        reject(new Error('share: this build cannot share'));
      }
    }));
  },
  /**
   * What the app shows now: {mode, gil, interval, cores, start, limit, running, example, status,
   * visibleStartNs, visibleEndNs, hasTrace, hasCompareTrace, memory} (status: the last run's
   * outcome line under the editor; visible*: the timeline's time window; memory: the memory view
   * as text, each process's globals). {} before the engine runs.
   */
  state() {
    const m = appModule;
    if (!m || typeof m._interleave_app_state_json !== 'function') return {};
    return JSON.parse(m.UTF8ToString(m._interleave_app_state_json()));
  },
  /** The validated URL hash parameters (see params.js). */
  get params() {
    return params;
  },
});

Object.defineProperty(window, 'interleave', { value: api, enumerable: true });

window.addEventListener('hashchange', () => {
  params = readHash();
  if (appModule) applyParams(params);
});

// ---------------------------------------------------------------------------
// Loading screen

const loading = {
  screen: $('il-loading'),
  bar: $('il-progress'),
  fill: $('il-progress-fill'),
  status: $('il-status'),
};

function setStatus(text) {
  if (loading.status) loading.status.textContent = text;
}

function setProgress(fraction) {
  if (!loading.bar) return;
  if (fraction === null) {
    loading.bar.removeAttribute('aria-valuenow');
    loading.bar.classList.add('il-indeterminate');
    return;
  }
  const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
  loading.bar.classList.remove('il-indeterminate');
  loading.bar.setAttribute('aria-valuenow', String(pct));
  loading.fill.style.width = `${pct}%`;
}

function hideLoading() {
  if (loading.screen) loading.screen.hidden = true;
}

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

// ---------------------------------------------------------------------------
// Error screens

const HOSTING_HINT = 'If you host this site: publish the whole dist/ folder (interleave-mt.*, ' +
  'interleave-st.*, the pages and sw.js side by side) and serve .wasm files as application/wasm.';
const HARD_RELOAD = 'Reload without the cache: Ctrl+Shift+R (Cmd+Shift+R on a Mac).';

const ERRORS = {
  webgl2: {
    title: 'WebGL2 is not available',
    text: 'Interleave draws its editor and timelines with WebGL2, and this browser did not give the page a WebGL2 context.',
    steps: [
      'Use a current Chrome, Edge, Firefox or Safari (15 or later).',
      'Turn on hardware acceleration: in Chrome or Edge, Settings → System → “Use graphics acceleration when available”; in Firefox, Settings → General → Performance.',
      'In a virtual machine or remote desktop the graphics card may be hidden: try on the computer itself.',
      'Then reload this page.',
    ],
  },
  nowasm: {
    title: 'WebAssembly is not available',
    text: 'Interleave runs as WebAssembly, which this browser does not offer (or has switched off).',
    steps: [
      'Use a current Chrome, Edge, Firefox or Safari (15 or later).',
      'If your organisation manages this browser, WebAssembly may be disabled by policy: try another browser.',
    ],
  },
  network: {
    title: 'The engine could not be downloaded',
    text: 'The network request for {file} failed before it finished.',
    steps: [
      'Check your internet connection, then reload.',
      'If a proxy, firewall or content blocker is active, allow this site.',
    ],
  },
  http: {
    title: 'The engine is missing on this server',
    text: 'The server answered {file} with {status}.',
    steps: ['Reload in a minute: the site may be in the middle of an update.', HOSTING_HINT],
  },
  corrupt: {
    title: 'The engine file is damaged',
    text: '{file} is not a valid WebAssembly module.',
    steps: [
      HARD_RELOAD,
      'If you host this site: upload .wasm files as binary, unchanged (a Git LFS pointer or an HTML error page is not a .wasm file).',
    ],
  },
  unsupported: {
    title: 'This browser is too old for Interleave',
    text: 'Interleave needs WebAssembly features that this browser does not have ({feature}).',
    steps: [
      'Update your browser, or use a current Chrome, Edge, Firefox or Safari (Chrome 95, Firefox 100, Safari 15.2 or later).',
      'Then reload this page.',
    ],
  },
  start: {
    title: 'The engine could not start',
    text: 'The browser downloaded the engine but could not start it.',
    steps: [
      HARD_RELOAD,
      'Update your browser: Interleave needs Chrome 95, Firefox 100, Safari 15.2 or later.',
      HOSTING_HINT,
    ],
  },
  crashed: {
    title: 'The engine stopped',
    text: 'Something went wrong inside Interleave and it had to stop.',
    steps: [
      'Reload the page. If you changed a program, copy it first (or use Share to keep it in a link).',
      'If it happens again, please report it with the technical details below.',
    ],
  },
};

class LoadError extends Error {
  constructor(kind, message, vars = {}) {
    super(message);
    this.kind = kind;
    this.vars = vars;
  }
}

function fill(template, vars) {
  return template.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : ''));
}

function fail(kind, detail, vars = {}) {
  const spec = ERRORS[kind] ?? ERRORS.start;
  const detailText = String(detail instanceof Error ? `${detail.name}: ${detail.message}` : detail ?? '').slice(0, 4000);
  console.error(`Interleave: ${spec.title}. ${detailText}`);
  performance.mark('interleave:error');
  if (!failed) rejectReady(Object.assign(new Error(`${spec.title}: ${detailText}`), { code: kind }));
  failed = true;

  hideLoading();
  const screen = $('il-error');
  if (!screen) return;
  screen.dataset.kind = kind;
  $('il-error-title').textContent = spec.title;
  $('il-error-text').textContent = fill(spec.text, vars);
  const steps = $('il-error-steps');
  steps.replaceChildren(...spec.steps.map((s) => {
    const li = document.createElement('li');
    li.textContent = s;
    return li;
  }));
  const details = $('il-error-details');
  details.textContent = detailText || '(none)';
  screen.hidden = false;
  $('il-canvas-wrap')?.setAttribute('aria-hidden', 'true');
  $('il-error-reload')?.focus({ preventScroll: true });
}

$('il-error-reload')?.addEventListener('click', () => location.reload());

// ---------------------------------------------------------------------------
// Checks

function hasWebGL2() {
  try {
    const c = document.createElement('canvas');
    const gl = c.getContext('webgl2');
    if (!gl) return false;
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  } catch {
    return false;
  }
}

function inIframe() {
  try {
    return window.self !== window.top;
  } catch {
    return true;
  }
}

function session(op, value) {
  try {
    if (op === 'get') return sessionStorage.getItem(COI_RELOAD_KEY);
    if (op === 'set') sessionStorage.setItem(COI_RELOAD_KEY, value);
    else sessionStorage.removeItem(COI_RELOAD_KEY);
    return true;
  } catch {
    return null; // storage blocked: no guard, so no reload either
  }
}

const never = () => new Promise(() => {});

/**
 * Makes the page cross-origin isolated if it can. Resolves to {isolated, reason}; when a
 * reload is needed it reloads the page once (per tab session) and never resolves.
 */
async function ensureIsolation() {
  if (window.crossOriginIsolated) {
    session('remove');
    return { isolated: true, reason: 'isolated' };
  }
  if (inIframe()) return { isolated: false, reason: 'iframe' };
  if (new URLSearchParams(location.search).get('coi') === '0') return { isolated: false, reason: 'off' };
  if (!window.isSecureContext || !('serviceWorker' in navigator)) return { isolated: false, reason: 'no-sw' };

  let registration;
  try {
    registration = await navigator.serviceWorker.register(SW_URL.href, { scope: BASE.pathname });
  } catch (e) {
    console.warn(`Interleave: could not register the service worker (${e?.message ?? e}); running without threads`);
    return { isolated: false, reason: 'sw-failed' };
  }
  const guard = session('get');
  if (guard === null && session('set', '0') === null) return { isolated: false, reason: 'no-storage' };
  if (guard === '1') {
    console.warn('Interleave: still not cross-origin isolated after reloading once with the service ' +
      'worker; running without threads');
    return { isolated: false, reason: 'refused' };
  }
  const active = registration.active ? true : await Promise.race([
    navigator.serviceWorker.ready.then(() => true),
    new Promise((r) => setTimeout(() => r(false), 8000)),
  ]);
  if (!active) {
    console.warn('Interleave: the service worker did not start in time; running without threads');
    return { isolated: false, reason: 'sw-failed' };
  }
  session('set', '1');
  setStatus('Turning on real threads: reloading once…');
  location.reload();
  return never();
}

const WHY_OFF = {
  iframe: 'this page is embedded in a page that is not cross-origin isolated',
  off: 'cross-origin isolation is switched off here (?coi=0)',
  'no-sw': 'this page is not cross-origin isolated (and cannot be fixed here: no service worker without HTTPS)',
  'sw-failed': 'this page is not cross-origin isolated (the service worker could not start)',
  'no-storage': 'this page is not cross-origin isolated',
  refused: 'this page is not cross-origin isolated (the browser did not isolate it)',
  'no-sab': 'this browser does not offer shared memory to this page',
  isolated: 'this page is not cross-origin isolated',
};

// ---------------------------------------------------------------------------
// Badge: which build runs, and why real threads are off

function fullPageUrl() {
  const u = new URL('index.html', BASE);
  u.hash = location.hash.length <= 64 * 1024 ? location.hash : '';
  return u.href;
}

function showBadge(build, reason) {
  const badge = $('il-badge');
  if (!badge) return;
  const on = build === 'mt';
  const dot = document.createElement('span');
  dot.className = `il-dot ${on ? 'il-on' : 'il-off'}`;
  dot.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'il-badge-label';
  label.textContent = on ? 'real threads: on' : 'real threads: off';
  const parts = [dot, label];
  if (!on) {
    const why = document.createElement('span');
    why.className = 'il-badge-why';
    why.textContent = ` — ${WHY_OFF[reason] ?? WHY_OFF.isolated}; real mode runs threads on one core, under the GIL`;
    parts.push(why);
  }
  const linkTo = (href, text, blank) => {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    if (blank) {
      a.target = '_blank';
      a.rel = 'noopener';
    }
    parts.push(a);
  };
  if (PAGE === 'embed' && inIframe()) linkTo(fullPageUrl(), 'open in full page ↗', true);
  else if (!on && reason === 'off') {
    const u = new URL(location.href);
    u.searchParams.delete('coi');
    linkTo(u.href, 'turn on', false);
  }
  badge.replaceChildren(...parts);
  badge.title = on
    ? 'This page is cross-origin isolated: Python threads run on real parallel threads (WebAssembly threads).'
    : 'Real threads need a cross-origin isolated page. Here real mode runs Python threads on one core, taking ' +
      'turns under the GIL (never in parallel); the simulator works fully.';
  badge.dataset.threads = on ? 'on' : 'off';
  badge.hidden = false;
}

// ---------------------------------------------------------------------------
// Downloading and starting the engine

async function fetchWithProgress(url, file, onProgress) {
  let res;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch (e) {
    throw new LoadError('network', `fetch ${file}: ${e?.message ?? e}`, { file });
  }
  if (!res.ok) {
    throw new LoadError('http', `${file}: HTTP ${res.status} ${res.statusText}`,
      { file, status: `HTTP ${res.status}${res.statusText ? ` (${res.statusText})` : ''}` });
  }
  const encoding = (res.headers.get('Content-Encoding') ?? 'identity').toLowerCase();
  const length = Number(res.headers.get('Content-Length'));
  // With a Content-Encoding the header counts compressed bytes, the stream gives decoded ones.
  let total = encoding === 'identity' && Number.isFinite(length) && length > 0 ? length : 0;
  try {
    if (!res.body) {
      const buf = new Uint8Array(await res.arrayBuffer());
      onProgress(buf.length, buf.length);
      return buf;
    }
    const reader = res.body.getReader();
    const chunks = [];
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      if (total && loaded > total) total = 0;
      onProgress(loaded, total);
    }
    const bytes = new Uint8Array(loaded);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return bytes;
  } catch (e) {
    throw new LoadError('network', `reading ${file}: ${e?.message ?? e}`, { file });
  }
}

function checkWasm(bytes, file) {
  const magic = bytes.length >= 8 && bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
  if (!magic) {
    const head = new TextDecoder().decode(bytes.subarray(0, 48)).replace(/[^\x20-\x7e]/g, '.');
    throw new LoadError('corrupt', `${file} (${bytes.length} bytes) does not start with the WebAssembly ` +
      `signature; it starts with "${head}"`, { file });
  }
  if (!WebAssembly.validate(bytes)) {
    // A valid engine also fails validation where the browser lacks a feature it uses.
    if (!supportsWasmExceptions()) {
      throw new LoadError('unsupported', 'WebAssembly exception handling is not supported',
        { feature: 'exception handling' });
    }
    throw new LoadError('corrupt', `${file} (${bytes.length} bytes) failed WebAssembly validation`, { file });
  }
}

/** The smallest module with try/catch_all (the engine is built with -fwasm-exceptions). */
function supportsWasmExceptions() {
  try {
    return WebAssembly.validate(new Uint8Array([
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
      0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type: () -> ()
      0x03, 0x02, 0x01, 0x00, // one function
      0x0a, 0x08, 0x01, 0x06, 0x00, 0x06, 0x40, 0x19, 0x0b, 0x0b, // try / catch_all / end / end
    ]));
  } catch {
    return false;
  }
}

function loadScript(url, file) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = url;
    s.async = true;
    s.onload = () => resolve();
    s.onerror = () => {
      // A <script> error has no status: ask the server what happened, for a precise message.
      fetch(url, { method: 'HEAD' }).then(
        (r) => reject(r.ok
          ? new LoadError('start', `${file} loaded but could not run`, { file })
          : new LoadError('http', `${file}: HTTP ${r.status}`, { file, status: `HTTP ${r.status}` })),
        (e) => reject(new LoadError('network', `fetch ${file}: ${e?.message ?? e}`, { file })),
      );
    };
    document.head.append(s);
  });
}

function parseInfo(json, build) {
  let raw;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new LoadError('start', `interleave_info_json() returned malformed JSON: ${String(json).slice(0, 200)}`);
  }
  const version = typeof raw?.version === 'string' && /^[0-9A-Za-z.+-]{1,32}$/.test(raw.version) ? raw.version : 'unknown';
  const builtWith = raw?.threads === true;
  if (raw?.build !== build) {
    console.warn(`Interleave: loaded interleave-${build} but it says it is build "${String(raw?.build).slice(0, 8)}"`);
  }
  return {
    threads: build === 'mt' && builtWith && window.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function',
    build,
    version,
  };
}

const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));

async function boot() {
  performance.mark('interleave:boot');
  setStatus('Checking this browser…');
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    fail('nowasm', 'typeof WebAssembly = ' + typeof WebAssembly);
    return;
  }
  if (!hasWebGL2()) {
    fail('webgl2', 'canvas.getContext("webgl2") returned null');
    return;
  }
  performance.mark('interleave:webgl2-checked');

  const coi = await ensureIsolation();
  let reason = coi.reason;
  let build = coi.isolated ? 'mt' : 'st';
  if (build === 'mt' && typeof SharedArrayBuffer !== 'function') {
    build = 'st';
    reason = 'no-sab';
  }
  document.documentElement.dataset.build = build;
  showBadge(build, reason);
  service = new RunService(build, BASE);
  service.ready.catch(() => {}); // reported below, once the page is up

  const wasmFile = `interleave-${build}.wasm`;
  const jsFile = `interleave-${build}.js`;
  const wasmUrl = new URL(wasmFile, BASE).href;
  const jsUrl = new URL(jsFile, BASE).href;
  const what = build === 'mt' ? 'the engine (with threads)' : 'the engine';

  setStatus(`Downloading ${what}…`);
  setProgress(0);
  let bytes;
  try {
    const script = loadScript(jsUrl, jsFile);
    script.catch(() => {}); // awaited below, after the download
    bytes = await fetchWithProgress(wasmUrl, wasmFile, (loaded, total) => {
      if (total) {
        setProgress(0.92 * (loaded / total));
        setStatus(`Downloading ${what}: ${formatBytes(loaded)} of ${formatBytes(total)}`);
      } else {
        setProgress(null);
        setStatus(`Downloading ${what}: ${formatBytes(loaded)}`);
      }
    });
    performance.mark('interleave:downloaded');
    checkWasm(bytes, wasmFile);
    await script;
  } catch (e) {
    if (e instanceof LoadError) fail(e.kind, e.message, e.vars);
    else fail('start', e);
    return;
  }
  if (typeof window.createInterleave !== 'function') {
    fail('start', `${jsFile} did not define createInterleave()`);
    return;
  }

  setProgress(0.96);
  setStatus('Starting the engine…');
  const canvas = $('canvas');
  let module;
  try {
    module = await window.createInterleave({
      canvas,
      wasmBinary: bytes.buffer,
      locateFile: (path) => new URL(path, BASE).href,
      mainScriptUrlOrBlob: jsUrl,
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
      onAbort: (what) => fail(engineInfo ? 'crashed' : 'start', `abort: ${what}`),
      interleaveHost: appHost,
    });
  } catch (e) {
    if (!failed) fail('start', e);
    return;
  }
  if (failed) return;
  performance.mark('interleave:runtime-ready');

  appModule = module;
  try {
    engineInfo = parseInfo(module.ccall('interleave_info_json', 'string', [], []), build);
  } catch (e) {
    fail('start', e instanceof LoadError ? e.message : e);
    return;
  }
  if (build === 'st') engineInfo.note = ONE_CORE_NOTE;
  // Real-mode multiprocessing: each Python process is a Web Worker of its own (process-router.js).
  engineInfo.processes = 'workers';
  // How a child process runs its Python threads (run-worker.js's childBuild): in mt, when the
  // program uses threads, each is a pthread under the child's own GIL, as the program's are; in
  // st they take turns on the child's one thread.
  engineInfo.childThreads = build === 'mt'
    ? 'parallel: when the program uses threading, a child process runs each thread on a thread of its own, under its own GIL (in parallel with the GIL off)'
    : 'cooperative: a child process runs its threads on one core';
  await applyParams(params); // an autorun waits in the run queue for the run worker
  document.documentElement.dataset.threads = String(engineInfo.threads);
  setProgress(1);
  await nextFrame();
  hideLoading();
  performance.mark('interleave:shown');
  await nextFrame();
  if (failed) return;
  try {
    await service.ready; // started beside the app's module; usually ready by now
  } catch (e) {
    fail('start', e);
    return;
  }
  performance.mark('interleave:ready');
  resolveReady(api.info());
  if (PAGE === 'app') canvas.focus({ preventScroll: true }); // an embed must not steal focus from its host page
}

/** Hands the validated URL hash to the app: program, settings, model, read-only, autorun. */
async function applyParams(p) {
  const extra = [];
  if (p.example !== undefined) {
    const file = p.example.endsWith('.py') ? p.example : `${p.example}.py`;
    if (!callWithStrings('_interleave_app_load_example', [file])) {
      console.warn(`Interleave: URL hash: there is no example "${p.example}"`);
      extra.push(`there is no example "${p.example}": the program was left as it was`);
    }
  } else if (p.code !== undefined) {
    try {
      callWithStrings('_interleave_app_set_source', [await decodeCode(p.code)]);
    } catch (e) {
      console.warn(`Interleave: URL hash: the shared code could not be read (${e?.message ?? e})`);
      extra.push(`the program in the link could not be read (${e?.message ?? e}): the program was left as it was`);
    }
  }
  callWithStrings('_interleave_app_set_settings', [p.mode ?? '', p.gil ?? '', p.interval ?? 0, p.cores ?? 0, p.start ?? '']);
  if (p.limit !== undefined) callWithStrings('_interleave_app_set_time_limit', [p.limit]);
  // The simulator's edited keys: the app reads them forgivingly (unknown keys ignored, clamped).
  if (p.model !== undefined) callWithStrings('_interleave_app_set_model', [p.model]);
  if (p.readonly) callWithStrings('_interleave_app_set_read_only', [1]);
  reportHashProblems(extra);
  if (p.autorun) callWithStrings('_interleave_app_run', []);
}

const canvasEl = $('canvas');
canvasEl?.addEventListener('contextmenu', (e) => e.preventDefault());

boot().catch((e) => fail('start', e));
