// Building DOM without innerHTML: text from the API is always set as text, never parsed as markup.

/**
 * h('a', { href: '#/x', class: 'link', onclick: fn, 'aria-label': 'x' }, 'text', childNode, [more])
 * Attribute values false/null/undefined are left out; on* functions become event listeners.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces el's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A table: columns [{ label, cell(row) → node|text, class? }], rows; scrolls sideways on narrow screens. */
export function table(caption, columns, rows, { empty = 'Nothing yet.' } = {}) {
  const t = h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
    h(
      'tbody',
      {},
      rows.length === 0
        ? h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, empty))
        : rows.map((r) => h('tr', {}, columns.map((c) => h('td', { class: c.class }, c.cell(r))))),
    ),
  );
  return h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': caption }, t);
}

/** A label/value list (<dl>) from [[label, value], ...]. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/** A message box; kind: 'error' (announced at once), 'ok' or 'info'. */
export function notice(kind, ...children) {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, children);
}

/** A form field: label above an input/select/textarea, with an optional hint tied by aria-describedby. */
let fieldSeq = 0;
export function field(label, control, hint) {
  const id = control.id || `f${++fieldSeq}`;
  control.id = id;
  const hintEl = hint ? h('small', { id: `${id}-hint`, class: 'hint' }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl);
}

/** A <section> with a heading. */
export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), children);
}

/** The page's heading; focusable so that moving between pages puts a screen reader at the new title. */
export function pageTitle(text, intro) {
  return [h('h1', { tabindex: -1 }, text), intro ? h('p', { class: 'intro' }, intro) : null];
}
