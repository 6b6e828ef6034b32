// The embed's bridge to its host page: answers postMessage requests from the parent window
// ({type: 'interleave:info' | 'interleave:run' | 'interleave:stop', id, ...}) with
// {type, id, result} or {type, id, error: {message, code}}, and announces
// {type: 'interleave:ready', result} when the engine runs. A run request carries the same object
// as window.interleave.run() in `request` and is checked by the same rules (run-request.js), which
// do not depend on the sender's origin. Messages are untrusted: only the parent is heard, only
// well-formed requests are answered (to event.source), everything else is ignored.
import { api } from './loader.js';
import { validateRunRequest } from './run-request.js';

const MAX_ID_CHARS = 128;

function isPlainObject(v) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function validId(id) {
  return (typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_CHARS) ||
    (typeof id === 'number' && Number.isSafeInteger(id));
}

/** Checks a run request's shape before waiting for the engine: mistakes are answered at once. */
function checkRunRequest(req) {
  try {
    validateRunRequest(req);
    return null;
  } catch (e) {
    return String(e?.message ?? e).replace(/^interleave\.run: /, '');
  }
}

function errorReply(type, id, message, code) {
  return { type, id, error: { message: String(message).slice(0, 1000), code: code ?? 'error' } };
}

async function handle(type, id, data) {
  switch (type) {
    case 'interleave:info': {
      try {
        await api.ready;
      } catch (e) {
        return errorReply(type, id, e?.message ?? e, e?.code ?? 'not-ready');
      }
      return { type, id, result: api.info() };
    }
    case 'interleave:run': {
      const request = data.request ?? data.params ?? null;
      const problem = checkRunRequest(request);
      if (problem) return errorReply(type, id, `bad run request: ${problem}`, 'bad-request');
      try {
        const result = await api.run(request);
        return { type, id, result };
      } catch (e) {
        return errorReply(type, id, e?.message ?? e, e?.code);
      }
    }
    case 'interleave:stop':
      api.stop();
      return { type, id, result: true };
    default:
      return errorReply(type, id, `unknown request type "${type.slice(0, 40)}"`, 'unknown-type');
  }
}

function inIframe() {
  try {
    return window.parent !== window;
  } catch {
    return true;
  }
}

if (inIframe()) {
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent) return; // only the host page, whatever its origin
    const data = event.data;
    if (!isPlainObject(data)) return;
    const { type, id } = data;
    if (typeof type !== 'string' || !type.startsWith('interleave:') || type.length > 64) return;
    if (type === 'interleave:ready') return; // our own announcement echoed back
    if (!validId(id)) {
      console.warn('Interleave embed: request without a valid id ignored');
      return;
    }
    // Answer the sender only; an opaque origin ("null") can only be reached with "*".
    const target = event.origin && event.origin !== 'null' ? event.origin : '*';
    const source = event.source;
    handle(type, id, data).then((reply) => {
      try {
        source.postMessage(reply, target);
      } catch (e) {
        console.warn(`Interleave embed: could not answer the host page: ${e?.message ?? e}`);
      }
    });
  });

  api.ready.then(
    (info) => window.parent.postMessage({ type: 'interleave:ready', result: info }, '*'),
    (e) => window.parent.postMessage(
      { type: 'interleave:ready', error: { message: String(e?.message ?? e).slice(0, 1000), code: e?.code ?? 'error' } }, '*'),
  );
}
