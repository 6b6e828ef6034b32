// URL hash parameters (public/params.js), checked in Node: valid values are kept and typed,
// malformed, unknown, repeated or oversized ones are dropped with one warning each, and the
// `code=` format (deflate-raw + base64url) round-trips and refuses oversized or bogus input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// params.js is a browser module (.js); import a .mjs copy so Node loads it as ESM without warnings.
const tmp = await mkdtemp(path.join(os.tmpdir(), 'interleave-params-'));
const copy = path.join(tmp, 'params.mjs');
await copyFile(fileURLToPath(new URL('../../public/params.js', import.meta.url)), copy);
const { parseHash, decodeCode, encodeCode, MAX_HASH_CHARS, MAX_CODE_BYTES } = await import(copy);
await rm(tmp, { recursive: true, force: true });

function parse(hash) {
  const warnings = [];
  const params = parseHash(hash, (w) => warnings.push(w));
  return { params, warnings };
}

test('valid parameters are kept and typed', () => {
  const { params, warnings } = parse('#example=gil-counter&mode=compare&gil=off&interval=0.005&cores=8&start=spawn&autorun=1&readonly=0');
  assert.deepEqual({ ...params }, {
    example: 'gil-counter', mode: 'compare', gil: 'off', interval: 0.005, cores: 8, start: 'spawn', autorun: true, readonly: false,
  });
  assert.deepEqual(warnings, []);
  assert.ok(Object.isFrozen(params));
  assert.deepEqual(parse('interval=1e-3').params.interval, 0.001);
  assert.deepEqual({ ...parse('').params }, {});
  assert.deepEqual({ ...parse('#').params }, {});
});

test('malformed values are dropped, one warning each', () => {
  const cases = {
    'mode=fast': 'mode', 'gil=maybe': 'gil', 'interval=0': 'interval', 'interval=2': 'interval',
    'interval=NaN': 'interval', 'interval=-1': 'interval', 'interval=0x10': 'interval', 'cores=0': 'cores',
    'cores=1.5': 'cores', 'cores=1000': 'cores', 'cores=%208': 'cores', 'start=exec': 'start',
    'autorun=yes': 'autorun', 'example=..%2Fetc': 'example', 'example=%3Cb%3E': 'example',
    'code=%3Cscript%3Ealert(1)%3C%2Fscript%3E': 'code', 'code=': 'code',
  };
  for (const [hash, key] of Object.entries(cases)) {
    const { params, warnings } = parse(hash);
    assert.equal(params[key], undefined, hash);
    assert.equal(warnings.length, 1, hash);
    assert.match(warnings[0], new RegExp(`"${key}"`), hash);
  }
});

test('unknown, repeated and too many parameters; code wins over example', () => {
  let r = parse('mode=sim&mode=real&__proto__=1&constructor=x');
  assert.deepEqual({ ...r.params }, { mode: 'sim' });
  assert.equal(r.warnings.length, 3);
  assert.equal(Object.getPrototypeOf(r.params), Object.prototype, 'no prototype pollution');
  r = parse('example=a&code=AbC-_9');
  assert.deepEqual({ ...r.params }, { code: 'AbC-_9' });
  assert.equal(r.warnings.length, 1);
  r = parse(Array.from({ length: 40 }, (_, i) => `k${i}=1`).join('&'));
  assert.ok(r.warnings.some((w) => /more than 32/.test(w)));
});

test('oversized hashes and values are refused, and warnings stay short', () => {
  let r = parse(`mode=sim&code=${'A'.repeat(MAX_HASH_CHARS)}`);
  assert.deepEqual({ ...r.params }, {});
  assert.equal(r.warnings.length, 1);
  r = parse(`mode=${'x'.repeat(5000)}`);
  assert.equal(r.warnings.length, 1);
  assert.ok(r.warnings[0].length < 200, 'the warning quotes a bounded preview');
  r = parse('mode=%0a%1b[31m');
  assert.ok(!/[\n\u001b]/.test(r.warnings[0]), 'control characters are not echoed');
});

test('code= round-trips (deflate-raw + base64url) and is bounded', async () => {
  const program = 'import threading\n\ncounter = 0\n\ndef work():\n    global counter\n    for _ in range(100000):\n        counter += 1\n# é ✓\n';
  const code = await encodeCode(program);
  assert.match(code, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual({ ...parse(`code=${code}`).params }, { code });
  assert.equal(await decodeCode(code), program);
  // The same format as zlib's raw deflate, e.g. from the desktop app.
  const fromZlib = deflateRawSync(Buffer.from(program)).toString('base64url');
  assert.equal(await decodeCode(fromZlib), program);
  // A small link that inflates past the limit is refused (no zip bomb).
  const bomb = deflateRawSync(Buffer.alloc(MAX_CODE_BYTES * 4, 0x20)).toString('base64url');
  assert.ok(bomb.length < 2000);
  await assert.rejects(decodeCode(bomb), /larger than/);
  await assert.rejects(decodeCode('not valid!'), /malformed/);
  await assert.rejects(decodeCode('AAAA'), Error);
  await assert.rejects(encodeCode('x'.repeat(MAX_CODE_BYTES + 1)), /larger than/);
});
