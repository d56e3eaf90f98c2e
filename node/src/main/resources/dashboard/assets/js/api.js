// The node's public HTTP API, the same one the CLI uses. Errors arrive as {"error": {"code", "message"}}
// (the chain's routes and OpenAI-style routes both have these two fields).

/** Where the tab keeps the API key for the node's /v1/... routes (sessionStorage: gone with the tab). */
export const API_KEY_ITEM = 'openledger.playground.apiKey';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function errorOf(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: fall back to the status line
  }
  const e = body?.error;
  return new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? `${res.status} ${res.statusText}`);
}

/** GET path as JSON; throws ApiError for an error answer. */
export async function getJson(path, { signal, headers } = {}) {
  const res = await fetch(path, { signal, headers: { Accept: 'application/json', ...headers } });
  if (!res.ok) throw await errorOf(res);
  return res.json();
}

/** Like getJson, but null for 404. */
export async function getJsonOrNull(path, opts) {
  try {
    return await getJson(path, opts);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** POST a JSON body; the raw Response when ok (for streaming), else throws ApiError. */
export async function postJson(path, body, { signal, headers } = {}) {
  const res = await fetch(path, {
    method: 'POST',
    signal,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await errorOf(res);
  return res;
}

/** True when the node serves path at all (any answer but 404: a route that wants a key answers 401). */
export async function serves(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  return res.status !== 404;
}

/** Submits signed transaction bytes; resolves to the hash once admitted to the mempool. */
export async function submitTx(bytes) {
  const res = await fetch('/api/tx', { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: bytes });
  if (!res.ok) throw await errorOf(res);
  return (await res.json()).hash;
}

/** Polls /api/tx/{hash} until committed or rejected. */
export async function awaitFinal(hash, { timeoutMs = 30_000, signal } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tx = await getJsonOrNull(`/api/tx/${hash}`, { signal });
    if (tx && tx.status !== 'pending') return tx;
    if (Date.now() > deadline) throw new ApiError(0, 'timeout', `transaction ${hash} was not final after ${timeoutMs / 1000} s`);
    await sleep(250, signal);
  }
}

export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    }, { once: true });
  });
}

/**
 * Runs fn now and then every ms until signal aborts; a failing run shows through onError and the loop
 * goes on (the node may be restarting). Returns a function that runs fn once more at once (after the page
 * itself changed something, rather than waiting for the next turn).
 */
export function every(ms, fn, signal, onError) {
  let stopped = false;
  signal.addEventListener('abort', () => (stopped = true), { once: true });
  const run = async () => {
    try {
      await fn();
    } catch (e) {
      if (stopped || e?.name === 'AbortError') return;
      onError?.(e);
    }
  };
  (async () => {
    while (!stopped) {
      await run();
      try {
        await sleep(ms, signal);
      } catch {
        return;
      }
    }
  })();
  return () => (stopped ? Promise.resolve() : run());
}

/** POST a multipart form (FormData); the JSON answer, or throws ApiError. */
export async function postForm(path, form, { signal } = {}) {
  const res = await fetch(path, { method: 'POST', signal, headers: { Accept: 'application/json' }, body: form });
  if (!res.ok) throw await errorOf(res);
  return res.json();
}

/**
 * Like every(), for a value that is drawn: fetches with load() every ms and calls draw(value) only when the
 * value differs from the last one drawn, so that forms and focus inside what is drawn survive the polling.
 * Returns a function that loads (and draws, if changed) at once.
 */
export function watch(ms, load, draw, signal, onError) {
  let last = null;
  return every(ms, async () => {
    const value = await load();
    const key = JSON.stringify(value);
    if (key === last) return;
    last = key;
    await draw(value);
  }, signal, onError);
}
