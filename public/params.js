// URL hash parameters of the Interleave pages (see PRODUCT.md, "Page contract (web)"):
// example/code/mode/gil/interval/cores/start/limit/model/autorun/readonly, and the share links
// that carry them (buildShareHash). The hash is untrusted input:
// every value is checked against a strict pattern or range and bounded in size; anything
// malformed is dropped with a console warning. Nothing here ever touches the DOM.

/** Longest hash accepted at all (characters, after the '#'). */
export const MAX_HASH_CHARS = 64 * 1024;
/** Longest `code=` value (URL-safe compressed text). */
export const MAX_CODE_CHARS = 48 * 1024;
/** Largest program text that decodeCode() will produce (bytes of UTF-8). */
export const MAX_CODE_BYTES = 64 * 1024;
/** Longest `model=` value, and most items in it (engine/ui/model_settings.h's bounds). */
export const MAX_MODEL_CHARS = 2048;
export const MAX_MODEL_ITEMS = 128;

// One item of `model=`: the simulator's key (section.name) and a whole number of ns with an
// optional unit, or a count ("ops.arith:48", "os.time_slice:4ms", "machine.background_load:2").
// Which keys exist and their ranges are the engine's to check (unknown keys are ignored there).
const MODEL_ITEM = /^[a-z][a-z0-9_]{0,23}\.[a-z][a-z0-9_]{0,39}:\d{1,19}(?:ns|us|ms|s)?$/;

const KEYS = {
  example: (v) => (/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(v) ? v : undefined),
  code: (v) => (v.length > 0 && v.length <= MAX_CODE_CHARS && /^[A-Za-z0-9_-]+$/.test(v) ? v : undefined),
  mode: (v) => oneOf(v, ['sim', 'real', 'compare']),
  gil: (v) => oneOf(v, ['on', 'off', 'legacy']),
  interval: (v) => {
    // Seconds, as for sys.setswitchinterval(): plain decimal notation, 1 µs .. 1 s.
    if (!/^(?:\d{1,3}(?:\.\d{1,9})?|\.\d{1,9})(?:e-?\d{1,2})?$/i.test(v)) return undefined;
    const x = Number(v);
    return Number.isFinite(x) && x >= 1e-6 && x <= 1 ? x : undefined;
  },
  cores: (v) => {
    if (!/^\d{1,3}$/.test(v)) return undefined;
    const n = Number(v);
    return n >= 1 && n <= 256 ? n : undefined;
  },
  start: (v) => oneOf(v, ['fork', 'spawn']),
  limit: (v) => {
    // The run's time limit in seconds (the settings bar's 0.1 .. 600).
    if (!/^\d{1,3}(?:\.\d{1,3})?$/.test(v)) return undefined;
    const x = Number(v);
    return x >= 0.1 && x <= 600 ? x : undefined;
  },
  model: (v) => {
    if (v.length === 0 || v.length > MAX_MODEL_CHARS) return undefined;
    const items = v.split(',');
    return items.length <= MAX_MODEL_ITEMS && items.every((item) => MODEL_ITEM.test(item)) ? v : undefined;
  },
  autorun: flag,
  readonly: flag,
};

function oneOf(v, allowed) {
  return allowed.includes(v) ? v : undefined;
}

function flag(v) {
  if (v === '1' || v === 'true' || v === '') return true;
  if (v === '0' || v === 'false') return false;
  return undefined;
}

/** Shortens untrusted text for a log line. */
function preview(s, n = 40) {
  const t = String(s).replace(/[\u0000-\u001f\u007f]/g, '?');
  return t.length > n ? `${t.slice(0, n)}… (${t.length} chars)` : t;
}

/**
 * Parses a location hash ("#a=1&b=2" or "a=1&b=2") into a frozen object holding only the
 * valid parameters. `warn` receives one message per rejected item.
 */
export function parseHash(hash, warn = (m) => console.warn(m)) {
  const out = {};
  let raw = typeof hash === 'string' ? hash : '';
  if (raw.startsWith('#')) raw = raw.slice(1);
  if (raw === '') return Object.freeze(out);
  if (raw.length > MAX_HASH_CHARS) {
    warn(`Interleave: URL hash ignored: ${raw.length} characters is more than ${MAX_HASH_CHARS}`);
    return Object.freeze(out);
  }
  let params;
  try {
    params = new URLSearchParams(raw);
  } catch {
    warn('Interleave: URL hash ignored: not in key=value form');
    return Object.freeze(out);
  }
  const seen = new Set();
  let count = 0;
  for (const [key, value] of params) {
    if (++count > 32) {
      warn('Interleave: URL hash: more than 32 parameters, the rest are ignored');
      break;
    }
    if (!Object.prototype.hasOwnProperty.call(KEYS, key)) {
      warn(`Interleave: URL hash: unknown parameter "${preview(key, 24)}" ignored`);
      continue;
    }
    if (seen.has(key)) {
      warn(`Interleave: URL hash: "${key}" given more than once; the first one counts`);
      continue;
    }
    seen.add(key);
    const parsed = KEYS[key](value);
    if (parsed === undefined) {
      warn(`Interleave: URL hash: bad value for "${key}": "${preview(value)}" ignored`);
      continue;
    }
    out[key] = parsed;
  }
  if (out.code !== undefined && out.example !== undefined) {
    warn('Interleave: URL hash: both "code" and "example" given; "example" ignored');
    delete out.example;
  }
  return Object.freeze(out);
}

// ---------------------------------------------------------------------------
// The `code=` format: raw DEFLATE (RFC 1951) of the program's UTF-8 text, in
// base64url without padding. Browsers have CompressionStream('deflate-raw'); the
// desktop app can produce the same with zlib (windowBits -15).

function base64urlToBytes(s) {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function bytesToBase64url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes a validated `code` value to program text; rejects past MAX_CODE_BYTES. */
export async function decodeCode(code) {
  if (typeof code !== 'string' || KEYS.code(code) === undefined) throw new Error('malformed code parameter');
  if (typeof DecompressionStream !== 'function') throw new Error('this browser cannot decompress shared code');
  const stream = new Blob([base64urlToBytes(code)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_CODE_BYTES) {
      reader.cancel().catch(() => {});
      throw new Error(`shared code is larger than ${MAX_CODE_BYTES} bytes`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(all);
}

/** Encodes program text for a `code=` parameter. */
export async function encodeCode(text) {
  const bytes = new TextEncoder().encode(String(text));
  if (bytes.length > MAX_CODE_BYTES) throw new Error(`code is larger than ${MAX_CODE_BYTES} bytes`);
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const out = new Uint8Array(await new Response(stream).arrayBuffer());
  return bytesToBase64url(out);
}

// ---------------------------------------------------------------------------
// Share links: the hash that reproduces a program and its settings.

/** Shortest decimal text of a number that reads back as the same value (no exponent). */
function plainNumber(x, digits) {
  return String(Number(x.toFixed(digits)));
}

/**
 * The hash (without '#') of a share link: `example=NAME` when the program is an unedited
 * example, else `code=` (compressed), then every setting (`model`: the simulator's edited keys in
 * the app's compact text, when any). Throws, with a message for a person,
 * when the program is too large for a link. Every value it writes passes parseHash.
 */
export async function buildShareHash({ example, code, mode, gil, interval, cores, start, limit, model }) {
  const parts = [];
  const name = typeof example === 'string' ? example.replace(/\.py$/, '') : '';
  if (name && KEYS.example(name) !== undefined) {
    parts.push(`example=${name}`);
  } else {
    let packed;
    try {
      packed = await encodeCode(code ?? '');
    } catch (e) {
      throw new Error(`the program is too large to share in a link (${e.message})`);
    }
    if (packed.length === 0) packed = 'AwA'; // deflate of nothing: an empty program
    if (packed.length > MAX_CODE_CHARS) {
      throw new Error(`the program is too large to share in a link: ${packed.length} characters ` +
        `compressed, at most ${MAX_CODE_CHARS}`);
    }
    parts.push(`code=${packed}`);
  }
  const add = (key, text) => {
    if (KEYS[key](text) !== undefined) parts.push(`${key}=${text}`);
  };
  add('mode', String(mode));
  add('gil', String(gil));
  if (Number.isFinite(interval)) add('interval', plainNumber(interval, 9));
  if (Number.isFinite(cores)) add('cores', String(Math.round(cores)));
  add('start', String(start));
  if (Number.isFinite(limit)) add('limit', plainNumber(limit, 3));
  // The simulator's edited keys, as the app wrote them (model_settings.h); none when unedited.
  if (typeof model === 'string' && model !== '') add('model', model);
  return parts.join('&');
}
