// The dashboard shell: the page list in the header, the chain line, and routing by URL fragment
// (#/network, #/block/12, #/account/ol1…), so every view has a link that can be shared or bookmarked.
import { every, getJson, serves } from './api.js';
import { fill, h, notice } from './dom.js';
import { PAGES } from './pages.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const chainLine = document.getElementById('chain');
let pages = [];
let current = null;
let firstRoute = true;

function parseHash() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { id: parts[0] ?? 'network', args: parts.slice(1) };
}

function buildNav() {
  fill(nav, pages.filter((p) => p.nav).map((p) => h('li', {}, h('a', { href: `#/${p.id}`, 'data-page': p.id }, p.title))));
}

async function route() {
  current?.abort();
  const ctl = new AbortController();
  current = ctl;
  const { id, args } = parseHash();
  const page = pages.find((p) => p.id === id);
  for (const a of nav.querySelectorAll('a')) {
    if (a.dataset.page === id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (!page) {
    document.title = 'Not found · OpenLedger';
    fill(main, h('h1', {}, 'No such page'), notice('error', `This node's dashboard has no page "${id}". `, h('a', { href: '#/network' }, 'Go to the network page.')));
    return;
  }
  document.title = `${page.title} · OpenLedger`;
  fill(main, h('p', { class: 'muted', role: 'status' }, 'Loading…'));
  try {
    const mod = await page.load();
    if (ctl.signal.aborted) return;
    const root = h('div', { class: 'page', 'data-page': page.id });
    fill(main, root);
    await mod.render(root, { args, signal: ctl.signal });
    if (!firstRoute) main.querySelector('h1')?.focus();
    firstRoute = false;
  } catch (e) {
    if (ctl.signal.aborted || e?.name === 'AbortError') return;
    fill(main, h('h1', {}, page.title), notice('error', `This page could not be shown: ${e.message}`));
  }
}

function watchChain() {
  every(3000, async () => {
    const s = await getJson('/api/status');
    fill(chainLine, h('span', { class: 'chain-id' }, s.chainId), ' · block ', h('strong', { id: 'chain-height' }, String(s.height)),
      s.running ? '' : ' · stopped');
  }, new AbortController().signal, (e) => fill(chainLine, h('span', { class: 'bad' }, `node unreachable (${e.message})`)));
}

async function start() {
  document.getElementById('skip').addEventListener('click', (e) => {
    e.preventDefault();
    main.focus();
  });
  // A page whose API this node does not serve is not listed.
  const paths = [...new Set(PAGES.map((p) => p.requires).filter(Boolean))];
  const answers = new Map(await Promise.all(paths.map(async (path) => [path, await serves(path).catch(() => false)])));
  pages = PAGES.filter((p) => !p.requires || answers.get(p.requires));
  buildNav();
  window.addEventListener('hashchange', route);
  watchChain();
  await route();
  document.body.dataset.ready = 'true';
}

start();
