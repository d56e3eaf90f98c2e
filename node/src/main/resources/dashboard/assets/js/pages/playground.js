// Playground: chat with a model this node serves, through the OpenAI-compatible API, the answer
// streaming in as server-sent events; beside each answer, its signed usage receipt and what it cost, and then
// the receipt's settlement on chain (pages/payments.js).
// APIs: GET /v1/models, POST /v1/chat/completions ("stream": true), both with "Authorization: Bearer KEY".
import { API_KEY_ITEM, ApiError, getJson, postJson } from '../api.js';
import { facts, field, fill, h, notice, pageTitle, section } from '../dom.js';
import { groupDigits, mono, open, shortAddress } from '../format.js';
import { checkReceipt } from '../sign/receipt.js';
import { sseEvents } from '../sse.js';
import { followSettlement } from './payments.js';

export async function render(root, { signal }) {
  const keyInput = h('input', { type: 'password', id: 'api-key', autocomplete: 'off', value: sessionStorage.getItem(API_KEY_ITEM) ?? '', required: true });
  const keyForm = h('form', { class: 'inline-form', id: 'api-key-form' },
    field('API key', keyInput, 'A key bound to your account; each answer is paid from your escrow with the provider. Kept in this tab only.'),
    h('button', { type: 'submit' }, 'Connect'));
  const chat = h('div', { id: 'chat' });
  fill(root,
    pageTitle('Playground', 'Ask a fine-tuned model a question. The answer streams in as it is generated; each one comes with a receipt signed by the provider that says how many tokens it used and what it cost.'),
    keyForm, chat);
  const connect = async () => {
    const key = keyInput.value.trim();
    if (!key) return;
    try {
      const models = await getJson('/v1/models', { signal, headers: { Authorization: `Bearer ${key}` } });
      sessionStorage.setItem(API_KEY_ITEM, key);
      fill(chat, chatView(key, models.data, signal));
    } catch (e) {
      if (e?.name === 'AbortError') return;
      fill(chat, notice('error', e instanceof ApiError && e.status === 401 ? `The node did not accept this key: ${e.message}` : `Could not list the models: ${e.message}`));
    }
  };
  keyForm.addEventListener('submit', (e) => {
    e.preventDefault();
    connect();
  });
  if (keyInput.value) await connect();
}

function chatView(key, models, signal) {
  if (models.length === 0) return notice('info', 'This node serves no model yet.');
  const select = h('select', { id: 'model' }, models.map((m) => h('option', { value: m.id }, `${m.id} (on ${m.parent}, ${open(m.openledger.price_per_token)} per token)`)));
  const modelFacts = h('div');
  const showModel = () => {
    const m = models.find((x) => x.id === select.value);
    fill(modelFacts, facts([
      ['Base model', m.parent],
      ['Adapter', mono(m.openledger.adapter_hash)],
      ['Developer', h('a', { href: `#/account/${m.openledger.developer}` }, shortAddress(m.openledger.developer))],
      ['Price', `${open(m.openledger.price_per_token)} per token`],
    ]));
  };
  select.addEventListener('change', showModel);
  showModel();
  const log = h('div', { class: 'chat-log', id: 'chat-log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
  const prompt = h('textarea', { id: 'prompt', rows: 3, required: true, placeholder: 'Ask something…' });
  const maxTokens = h('input', { type: 'number', id: 'max-tokens', min: 1, max: 512, value: 48 });
  const send = h('button', { type: 'submit', id: 'send-prompt' }, 'Send');
  const stop = h('button', { type: 'button', class: 'secondary', id: 'stop', disabled: true }, 'Stop');
  const history = [];
  let running = null;
  stop.addEventListener('click', () => running?.abort());
  const form = h('form', { class: 'stack', id: 'chat-form' },
    field('Message', prompt), field('Longest answer (tokens)', maxTokens), h('div', { class: 'buttons' }, send, stop));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = prompt.value.trim();
    if (!text || running) return;
    prompt.value = '';
    history.push({ role: 'user', content: text });
    log.append(h('div', { class: 'msg msg-user' }, h('span', { class: 'who' }, 'You'), h('p', {}, text)));
    const answer = h('p', { class: 'answer', 'data-chunks': '0' });
    const side = h('aside', { class: 'receipt', 'aria-label': 'Receipt for this answer' }, h('p', { class: 'muted' }, 'Receipt: waiting for the answer to finish…'));
    log.append(h('div', { class: 'msg msg-model' }, h('div', {}, h('span', { class: 'who' }, select.value), answer), side));
    running = new AbortController();
    signal.addEventListener('abort', () => running?.abort(), { once: true });
    send.disabled = true;
    stop.disabled = false;
    try {
      const result = await stream(key, { model: select.value, messages: history, max_tokens: Number(maxTokens.value) }, answer, running.signal);
      history.push({ role: 'assistant', content: answer.textContent });
      await showReceipt(side, result);
      if (result.receipt) {
        const settlement = h('div', { class: 'settlement', 'aria-live': 'polite' });
        side.append(settlement);
        followSettlement(settlement, result.receipt, signal).catch((e) => {
          if (e?.name !== 'AbortError') fill(settlement, notice('error', `Could not follow the settlement: ${e.message}`));
        });
      }
    } catch (err) {
      if (err?.name === 'AbortError') fill(side, notice('info', 'Stopped. You are charged for the tokens made before you stopped.'));
      else fill(side, notice('error', `No answer: ${err.message}`));
      history.pop();
    } finally {
      running = null;
      send.disabled = false;
      stop.disabled = true;
    }
  });
  return h('div', { class: 'playground' },
    section('Model', field('Model', select), modelFacts),
    section('Conversation', log, form));
}

/** Posts a streaming chat completion and appends text to answer as it arrives; resolves to { receipt, usage, finish }. */
async function stream(key, body, answer, signal) {
  const res = await postJson('/v1/chat/completions', { ...body, stream: true, stream_options: { include_usage: true } },
    { signal, headers: { Authorization: `Bearer ${key}`, Accept: 'text/event-stream' } });
  const result = { receipt: null, usage: null, finish: null };
  let chunks = 0;
  for await (const { data } of sseEvents(res.body)) {
    if (data === '[DONE]') return result;
    const msg = JSON.parse(data);
    if (msg.error) throw new ApiError(200, msg.error.code ?? msg.error.type, msg.error.message);
    const choice = msg.choices?.[0];
    if (choice?.delta?.content) {
      answer.append(choice.delta.content);
      answer.dataset.chunks = String(++chunks);
    }
    if (choice?.finish_reason) result.finish = choice.finish_reason;
    if (msg.openledger?.receipt) result.receipt = msg.openledger.receipt;
    if (msg.usage) result.usage = msg.usage;
  }
  throw new Error('the stream ended before [DONE]');
}

async function showReceipt(side, { receipt, usage, finish }) {
  if (!receipt) {
    fill(side, notice('error', 'The answer came without a receipt.'));
    return;
  }
  const r = receipt.receipt;
  const check = await checkReceipt(receipt);
  fill(side,
    h('h3', {}, 'Receipt'),
    h('p', { id: 'receipt-cost', class: 'cost' }, `Cost: ${open(r.charge)}`),
    facts([
      ['Tokens', `${r.prompt_tokens} in + ${r.completion_tokens} out`],
      ['Price', `${open(r.price_per_token)} per token`],
      ['Charged so far on this channel', open(r.cumulative_charged)],
      ['Provider', h('a', { href: `#/account/${r.provider}` }, shortAddress(r.provider))],
      ['Request', mono(r.request_id, r.request_id)],
      ['Ended because', finish ?? 'unknown'],
      usage ? ['Usage reported', `${groupDigits(usage.total_tokens)} tokens`] : null,
    ]),
    check.ok
      ? h('p', { class: 'ok', id: 'receipt-check' }, "✓ The provider's signature on this receipt was verified in your browser.")
      : h('p', { class: 'bad', id: 'receipt-check' }, `✗ The receipt did not verify: ${check.why}.`));
}
