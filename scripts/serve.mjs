#!/usr/bin/env node
// Static file server for the Interleave site (dist/ by default), without dependencies.
// Sends the right MIME types (application/wasm), and by default the cross-origin isolation
// headers (COOP/COEP/CORP) that the threaded build needs; --no-isolation leaves them out,
// as a plain static host would. Used by `./play` and by the browser tests (tests/browser/).
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.py': 'text/x-python; charset=utf-8',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  // cross-origin (not same-origin): the site is public and may be embedded by
  // documentation pages that are themselves cross-origin isolated.
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

export function mimeType(file) {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Starts a server. Resolves to { server, url, port, close() }.
 * options: root (directory), port (0 = any free port), host, isolation (bool), log (fn or null)
 */
export async function startServer({ root = 'dist', port = 8080, host = '127.0.0.1', isolation = true, log = null } = {}) {
  const rootReal = await realpath(path.resolve(root));
  const rootStat = await stat(rootReal);
  if (!rootStat.isDirectory()) throw new Error(`not a directory: ${root}`);

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
      log?.(`500 ${req.url}: ${err.message}`);
    });
  });

  function baseHeaders(extra = {}) {
    const h = { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', ...extra };
    if (isolation) Object.assign(h, ISOLATION_HEADERS);
    return h;
  }

  function send(res, status, type, body, extra = {}) {
    const buf = Buffer.from(body);
    res.writeHead(status, baseHeaders({ 'Content-Type': type, 'Content-Length': buf.length, ...extra }));
    res.end(res.req.method === 'HEAD' ? undefined : buf);
  }

  async function handle(req, res) {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { Allow: 'GET, HEAD' });
      log?.(`405 ${method} ${req.url}`);
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      send(res, 400, 'text/plain; charset=utf-8', 'bad request\n');
      return;
    }
    if (pathname.includes('\0')) {
      send(res, 400, 'text/plain; charset=utf-8', 'bad request\n');
      return;
    }
    let file = path.resolve(rootReal, '.' + path.posix.normalize(pathname));
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        const u = new URL(req.url ?? '/', 'http://x');
        send(res, 301, 'text/plain; charset=utf-8', 'moved\n', { Location: u.pathname + '/' + u.search });
        return;
      }
      file = path.join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    // Stay inside the root, symlinks included.
    const real = info ? await realpath(file).catch(() => null) : null;
    if (!info || !info.isFile() || !real || (real !== rootReal && !real.startsWith(rootReal + path.sep))) {
      send(res, 404, 'text/plain; charset=utf-8', `not found: ${pathname}\n`);
      log?.(`404 ${req.url}`);
      return;
    }
    res.writeHead(200, baseHeaders({
      'Content-Type': mimeType(real),
      'Content-Length': info.size,
      'Last-Modified': info.mtime.toUTCString(),
    }));
    log?.(`200 ${req.url}`);
    if (method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(real);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  const shownHost = host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' ? 'localhost' : host;
  const url = `http://${shownHost}:${actualPort}/`;
  return {
    server,
    url,
    port: actualPort,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections?.();
    }),
  };
}

const USAGE = `usage: node scripts/serve.mjs [DIR] [--port N] [--host ADDR] [--no-isolation] [--log]
  DIR             directory to serve (default: dist)
  --port N        port (default 8080; 0 picks a free one)
  --host ADDR     address to listen on (default 127.0.0.1)
  --no-isolation  leave out COOP/COEP/CORP, like a static host that cannot send headers
  --log           print one line per request
`;

function parseArgs(argv) {
  const opts = { root: 'dist', port: 8080, host: '127.0.0.1', isolation: true, log: false };
  let rootSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '-h' || a === '--help') return null;
    else if (a === '--no-isolation') opts.isolation = false;
    else if (a === '--isolation') opts.isolation = true;
    else if (a === '--log') opts.log = true;
    else if (a === '--port' || a.startsWith('--port=') || a === '-p') {
      const p = Number(value());
      if (!Number.isInteger(p) || p < 0 || p > 65535) throw new Error(`bad port: ${a}`);
      opts.port = p;
    } else if (a === '--host' || a.startsWith('--host=')) opts.host = value();
    else if (a.startsWith('-')) throw new Error(`unknown option: ${a}`);
    else if (!rootSeen) { opts.root = a; rootSeen = true; }
    else throw new Error(`unexpected argument: ${a}`);
  }
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`serve: ${e.message}\n${USAGE}`);
    process.exit(2);
  }
  if (!opts) {
    process.stdout.write(USAGE);
    return;
  }
  let srv;
  try {
    srv = await startServer({
      root: opts.root,
      port: opts.port,
      host: opts.host,
      isolation: opts.isolation,
      log: opts.log ? (line) => process.stdout.write(line + '\n') : null,
    });
  } catch (e) {
    process.stderr.write(`serve: ${e.code === 'EADDRINUSE' ? `port ${opts.port} is in use (try --port 0)` : e.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`Serving ${path.resolve(opts.root)} at ${srv.url} ` +
    `(cross-origin isolation headers: ${opts.isolation ? 'on' : 'off'})\n`);
  const stop = () => srv.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main();
}
