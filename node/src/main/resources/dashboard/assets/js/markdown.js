// A small, safe Markdown reader for datanet descriptions. It builds DOM nodes and sets all text as text,
// so HTML in the source is shown as written and never runs: there is no innerHTML anywhere. It reads
// headings, paragraphs, lists, block quotes, fenced code, `code`, **strong**, *emphasis* and links; a link
// is made only for http:, https: and mailto: addresses (others stay text). Headings are moved down
// (# → h3) to sit under the page's own h1 and h2.
import { h } from './dom.js';

const SAFE_URL = /^(https?:|mailto:)/i;

/** The markdown source as a <div class="markdown">. */
export function renderMarkdown(source, headingOffset = 2) {
  const root = h('div', { class: 'markdown' });
  const lines = String(source).replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (/^\s*$/.test(line)) {
      i++;
    } else if (/^```/.test(line)) {
      const code = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]); i++) code.push(lines[i]);
      i++;
      root.append(h('pre', {}, h('code', {}, code.join('\n'))));
    } else if (/^#{1,6}\s/.test(line)) {
      const level = Math.min(6, line.match(/^#+/)[0].length + headingOffset);
      root.append(h(`h${level}`, {}, inline(line.replace(/^#+\s+/, '').replace(/\s+#*\s*$/, ''))));
      i++;
    } else if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items = [];
      for (; i < lines.length && /^\s*([-*+]|\d+[.)])\s+/.test(lines[i]); i++) items.push(lines[i].replace(/^\s*([-*+]|\d+[.)])\s+/, ''));
      root.append(h(ordered ? 'ol' : 'ul', {}, items.map((t) => h('li', {}, inline(t)))));
    } else if (/^>\s?/.test(line)) {
      const quoted = [];
      for (; i < lines.length && /^>\s?/.test(lines[i]); i++) quoted.push(lines[i].replace(/^>\s?/, ''));
      root.append(h('blockquote', {}, inline(quoted.join(' '))));
    } else {
      const para = [];
      for (; i < lines.length && !/^\s*$/.test(lines[i]) && !/^(```|#{1,6}\s|>|\s*([-*+]|\d+[.)])\s+)/.test(lines[i]); i++) para.push(lines[i].trim());
      root.append(h('p', {}, inline(para.join(' '))));
    }
  }
  return root;
}

const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s][^*]*?)\*|_([^_\s][^_]*?)_|\[([^\]]+)\]\(([^)\s]+)\)/;

/** Inline markup of one line as nodes (text nodes, code, strong, em, a). */
function inline(text) {
  const out = [];
  let rest = text;
  for (let m = INLINE.exec(rest); m; m = INLINE.exec(rest)) {
    if (m.index > 0) out.push(rest.slice(0, m.index));
    const [, code, strong, em1, em2, label, url] = m;
    if (code !== undefined) out.push(h('code', {}, code));
    else if (strong !== undefined) out.push(h('strong', {}, inline(strong)));
    else if (em1 !== undefined || em2 !== undefined) out.push(h('em', {}, inline(em1 ?? em2)));
    else if (SAFE_URL.test(url)) out.push(h('a', { href: url, rel: 'noopener noreferrer nofollow' }, inline(label)));
    else out.push(`${label} (${url})`);
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest) out.push(rest);
  return out;
}
