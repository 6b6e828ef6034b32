// public/run-request.js in Node: the defaults of a run request (the command line's), every field's
// type and range checks, unknown fields refused, sizes bounded. No browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateRunRequest, RunRequestError, MAX_CODE_CHARS } from '../../public/run-request.js';

test('a minimal request gets the command line\'s defaults', () => {
  const r = validateRunRequest({ code: 'print(1)' }, { defaultCores: 8 });
  assert.deepEqual({ ...r }, {
    code: 'print(1)', mode: 'real', gil: 'on', interval: 0.005, cores: 8, start: 'spawn', timeout: 0,
    seed: null, filename: 'prog.py', trace: false,
  });
  assert.ok(Object.isFrozen(r));
});

test('every field is kept when valid', () => {
  const r = validateRunRequest({
    code: 'x', mode: 'sim', gil: 'legacy', interval: 0.001, cores: 64, start: 'fork', timeout: 2.5,
    seed: 7, filename: 'demo.py', trace: true,
  });
  assert.equal(r.mode, 'sim');
  assert.equal(r.gil, 'legacy');
  assert.equal(r.interval, 0.001);
  assert.equal(r.cores, 64);
  assert.equal(r.start, 'fork');
  assert.equal(r.timeout, 2.5);
  assert.equal(r.seed, 7);
  assert.equal(r.filename, 'demo.py');
  assert.equal(r.trace, true);
});

test('malformed requests are refused with the field and what was expected', () => {
  const cases = [
    [null, /plain object \(got null\)/],
    [[], /plain object \(got an array\)/],
    [new Date(), /plain object/],
    [{}, /"code" must be a string \(got undefined\)|"code" must be a string/],
    [{ code: 'x'.repeat(MAX_CODE_CHARS + 1) }, /"code" is longer than/],
    [{ code: 'a\0b' }, /NUL/],
    [{ code: 'x', mode: 'compare' }, /"mode" must be one of "real", "sim" \(got "compare"\)/],
    [{ code: 'x', gil: 'OFF' }, /"gil" must be one of "on", "off", "legacy"/],
    [{ code: 'x', interval: 0 }, /"interval" must be a number from 0.000001 to 1|"interval" must be a number from 1e-6 to 1/],
    [{ code: 'x', interval: '0.1' }, /"interval" must be a number \(got "0.1"\)/],
    [{ code: 'x', cores: 0 }, /"cores" must be an integer from 1 to 256/],
    [{ code: 'x', cores: NaN }, /"cores" must be an integer/],
    [{ code: 'x', start: 'forkserver' }, /"start" must be one of "spawn", "fork"/],
    [{ code: 'x', timeout: -1 }, /"timeout" must be a number from 0 to 3600/],
    [{ code: 'x', timeout: 1e9 }, /"timeout"/],
    [{ code: 'x', seed: -1 }, /"seed" must be an integer/],
    [{ code: 'x', seed: 1.5 }, /"seed" must be an integer/],
    [{ code: 'x', filename: '' }, /"filename" must be a string of 1 to 128 printable characters/],
    [{ code: 'x', filename: 'a\nb' }, /"filename"/],
    [{ code: 'x', trace: 'yes' }, /"trace" must be true or false/],
    [{ code: 'x', __proto__: { mode: 'sim' }, extra: 1 }, /plain object|unknown field "extra"/],
    [{ code: 'x', onload: '<script>' }, /unknown field "onload"/],
  ];
  for (const [req, pattern] of cases) {
    assert.throws(() => validateRunRequest(req), (e) => {
      assert.ok(e instanceof RunRequestError, `${e}`);
      assert.equal(e.code, 'bad-request');
      assert.match(e.message, /^interleave\.run: /);
      assert.match(e.message, pattern);
      return true;
    }, JSON.stringify(req)?.slice(0, 60));
  }
});
