// Validation of run requests: window.interleave.run(request) and the embed's postMessage
// {type: 'interleave:run', id, request}. Requests are untrusted: every field is checked for type,
// spelling and range, unknown fields are refused, sizes are bounded. A malformed request is refused
// with a RunRequestError naming the field and what was expected, never run with a guess.
// Pure functions (no DOM, no engine): the page, the embed bridge and the Node tests share them.

/** Longest program accepted (UTF-16 code units; the engine's UTF-8 can be up to 3x as long). */
export const MAX_CODE_CHARS = 256 * 1024;
export const MAX_FILENAME_CHARS = 128;
export const MAX_TIMEOUT_SECONDS = 3600;
/** Longest `profile` (the simulator's cost profile as INI text, docs/simulator.md). */
export const MAX_PROFILE_CHARS = 16 * 1024;

const FIELDS = ['code', 'mode', 'gil', 'interval', 'cores', 'start', 'timeout', 'seed', 'filename', 'trace', 'profile'];

export class RunRequestError extends Error {
  constructor(message) {
    super(`interleave.run: ${message}`);
    this.name = 'RunRequestError';
    this.code = 'bad-request';
  }
}

function isPlainObject(v) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function show(v) {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}

function oneOf(req, key, allowed, fallback) {
  const v = req[key];
  if (v === undefined) return fallback;
  if (!allowed.includes(v)) {
    throw new RunRequestError(`"${key}" must be one of ${allowed.map((a) => `"${a}"`).join(', ')} (got ${show(v)})`);
  }
  return v;
}

function number(req, key, { min, max, integer = false, fallback, minExclusive = false }) {
  const v = req[key];
  if (v === undefined) return fallback;
  const kind = integer ? 'an integer' : 'a number';
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isSafeInteger(v))) {
    throw new RunRequestError(`"${key}" must be ${kind} (got ${show(v)})`);
  }
  if ((minExclusive ? v <= min : v < min) || v > max) {
    throw new RunRequestError(`"${key}" must be ${kind} ${minExclusive ? 'above' : 'from'} ${min}` +
      `${minExclusive ? ' and at most' : ' to'} ${max} (got ${v})`);
  }
  return v;
}

/**
 * Checks a request and fills in the defaults (the command line's: mode real, GIL on, switch
 * interval 5 ms, start method spawn, no time limit). Returns a new, frozen, normalised request:
 * {code, mode, gil, interval, cores, start, timeout, seed, filename, trace[, profile]}. `profile`
 * is the simulator's cost profile as the text of a `--profile` file (docs/simulator.md; absent or
 * "" for the built-in), for mode "sim" only; the engine reads its keys and refuses a bad line with exit
 * status 2 and the line's message on stderr. `defaultCores` is the
 * simulated core count when none is given (the command line uses the machine's).
 */
export function validateRunRequest(req, { defaultCores = 4 } = {}) {
  if (!isPlainObject(req)) throw new RunRequestError(`the request must be a plain object (got ${show(req)})`);
  for (const key of Object.keys(req)) {
    if (!FIELDS.includes(key)) {
      throw new RunRequestError(`unknown field ${show(key)} (known: ${FIELDS.join(', ')})`);
    }
  }
  if (typeof req.code !== 'string') throw new RunRequestError(`"code" must be a string (got ${show(req.code)})`);
  if (req.code.length > MAX_CODE_CHARS) {
    throw new RunRequestError(`"code" is longer than ${MAX_CODE_CHARS} characters (${req.code.length})`);
  }
  if (req.code.includes('\0')) throw new RunRequestError('"code" contains a NUL character');
  let filename = 'prog.py';
  if (req.filename !== undefined) {
    const f = req.filename;
    if (typeof f !== 'string' || f.length === 0 || f.length > MAX_FILENAME_CHARS || /[\u0000-\u001f\u007f]/.test(f)) {
      throw new RunRequestError(`"filename" must be a string of 1 to ${MAX_FILENAME_CHARS} printable characters (got ${show(f)})`);
    }
    filename = f;
  }
  const trace = req.trace === undefined ? false : req.trace;
  if (typeof trace !== 'boolean') throw new RunRequestError(`"trace" must be true or false (got ${show(trace)})`);
  let profile = '';
  if (req.profile !== undefined) {
    const t = req.profile;
    if (typeof t !== 'string' || t.length > MAX_PROFILE_CHARS || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(t)) {
      throw new RunRequestError(`"profile" must be the text of a profile (INI lines, at most ${MAX_PROFILE_CHARS} characters, no control characters but tabs and line breaks) (got ${show(t)})`);
    }
    if (t !== '' && req.mode !== 'sim') {
      throw new RunRequestError(`"profile" is the simulator's: it needs "mode": "sim" (got mode ${show(req.mode ?? 'real')})`);
    }
    profile = t;
  }
  const cores = number(req, 'cores', { min: 1, max: 256, integer: true, fallback: defaultCores });
  const seed = number(req, 'seed', { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true, fallback: null });
  return Object.freeze({
    code: req.code,
    mode: oneOf(req, 'mode', ['real', 'sim'], 'real'),
    gil: oneOf(req, 'gil', ['on', 'off', 'legacy'], 'on'),
    interval: number(req, 'interval', { min: 1e-6, max: 1, fallback: 0.005 }),
    cores,
    start: oneOf(req, 'start', ['spawn', 'fork'], 'spawn'),
    timeout: number(req, 'timeout', { min: 0, max: MAX_TIMEOUT_SECONDS, fallback: 0 }),
    seed,
    filename,
    trace,
    ...(profile !== '' ? { profile } : {}),
  });
}
