// Interleave's service worker: restores cross-origin isolation on static hosts that cannot send
// headers (GitHub Pages and the like). It re-serves every same-origin response with
// Cross-Origin-Opener-Policy, Cross-Origin-Embedder-Policy and Cross-Origin-Resource-Policy, so the
// threaded build (SharedArrayBuffer, Wasm threads) can run. It caches nothing. loader.js registers
// it and reloads the page once; a navigation with ?coi=0 in its URL is passed through untouched.

const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

function isolationOff(request) {
  if (request.mode !== 'navigate') return false;
  try {
    return new URL(request.url).searchParams.get('coi') === '0';
  } catch {
    return false;
  }
}

async function withIsolationHeaders(request) {
  const response = await fetch(request);
  // Opaque, opaque-redirect and error responses cannot be rebuilt: pass them on as they are. So are
  // followed redirects (rebuilding would lose their final URL); same-origin subresources do not
  // need CORP under require-corp anyway: only documents and workers need the headers.
  if (response.status === 0 || response.type === 'opaque' || response.type === 'opaqueredirect' ||
      response.redirected) {
    return response;
  }
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(HEADERS)) headers.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  // A Chromium quirk: such requests throw when fetched from a service worker.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  let url;
  try {
    url = new URL(request.url);
  } catch {
    return;
  }
  // Only our own files. Cross-origin files must bring their own CORP header (require-corp).
  if (url.origin !== self.location.origin) return;
  if (isolationOff(request)) return;
  event.respondWith(withIsolationHeaders(request));
});
