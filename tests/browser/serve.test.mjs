// scripts/serve.mjs: MIME types (application/wasm above all), the cross-origin isolation headers
// by default and none with --no-isolation, directory index and redirects, HEAD, 404 for missing
// files and for any attempt to leave the served directory, 405 for other methods.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { serve } from './helpers.mjs';

async function makeDir(t) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'interleave-serve-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
  await writeFile(path.join(dir, 'a.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  await writeFile(path.join(dir, 'a.js'), 'x');
  await writeFile(path.join(dir, 'a.worker.js'), 'x');
  await writeFile(path.join(dir, 'style.css'), 'x');
  await writeFile(path.join(dir, 'icon.svg'), '<svg/>');
  await writeFile(path.join(dir, 'data.json'), '{}');
  await mkdir(path.join(dir, 'sub'));
  await writeFile(path.join(dir, 'sub', 'index.html'), 'sub');
  await symlink('/etc/hostname', path.join(dir, 'escape')).catch(() => {});
  return dir;
}

/** A raw request (no URL normalisation on the client side). */
function get(url, rawPath, method = 'GET') {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: rawPath, method }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('MIME types and cross-origin isolation headers', async (t) => {
  const dir = await makeDir(t);
  const server = await serve(dir);
  t.after(() => server.stop());
  assert.match(server.url, /^http:\/\/localhost:\d+\/$/);
  const types = {
    '/a.wasm': 'application/wasm', '/a.js': 'text/javascript; charset=utf-8', '/a.worker.js': 'text/javascript; charset=utf-8',
    '/index.html': 'text/html; charset=utf-8', '/style.css': 'text/css; charset=utf-8', '/icon.svg': 'image/svg+xml',
    '/data.json': 'application/json; charset=utf-8', '/': 'text/html; charset=utf-8',
  };
  for (const [p, type] of Object.entries(types)) {
    const r = await get(server.url, p);
    assert.equal(r.status, 200, p);
    assert.equal(r.headers['content-type'], type, p);
    assert.equal(r.headers['cross-origin-opener-policy'], 'same-origin', p);
    assert.equal(r.headers['cross-origin-embedder-policy'], 'require-corp', p);
    assert.equal(r.headers['cross-origin-resource-policy'], 'cross-origin', p);
  }
  const wasm = await get(server.url, '/a.wasm');
  assert.equal(wasm.headers['content-length'], '8');
  const head = await get(server.url, '/a.wasm', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.headers['content-length'], '8');
  assert.equal(head.body, '');
  assert.equal((await get(server.url, '/sub')).status, 301);
  assert.equal((await get(server.url, '/sub')).headers.location, '/sub/');
  assert.equal((await get(server.url, '/sub/')).body, 'sub');
  assert.equal((await get(server.url, '/a.wasm', 'POST')).status, 405);
});

test('--no-isolation leaves the headers out', async (t) => {
  const dir = await makeDir(t);
  const server = await serve(dir, { isolation: false });
  t.after(() => server.stop());
  const r = await get(server.url, '/index.html');
  assert.equal(r.status, 200);
  for (const h of ['cross-origin-opener-policy', 'cross-origin-embedder-policy', 'cross-origin-resource-policy']) {
    assert.equal(r.headers[h], undefined, h);
  }
  assert.equal((await get(server.url, '/a.wasm')).headers['content-type'], 'application/wasm');
});

test('nothing outside the served directory', async (t) => {
  const dir = await makeDir(t);
  const server = await serve(dir);
  t.after(() => server.stop());
  for (const p of ['/../../etc/hostname', '/%2e%2e/%2e%2e/etc/hostname', '/..%2f..%2fetc%2fhostname',
    '/sub/../../etc/hostname', '/escape', '/missing.wasm', '/a.wasm%00.html']) {
    const r = await get(server.url, p);
    assert.ok(r.status === 404 || r.status === 400, `${p}: ${r.status}`);
  }
  assert.equal((await get(server.url, '/%E0%A4%A')).status, 400, 'malformed escapes');
});
