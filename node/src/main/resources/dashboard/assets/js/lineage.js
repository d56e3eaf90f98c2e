// A model's lineage as a small diagram: base model → the datanet versions it was fine-tuned on → its
// adapter. It is made of ordinary elements (text, links) laid out by CSS: a row on wide screens, a column
// on phones, the arrows turning with it; the arrows are decoration hidden from screen readers, which read
// the steps as a list in order.
import { h } from './dom.js';
import { short } from './format.js';

const arrow = () => h('span', { class: 'lineage-arrow', 'aria-hidden': 'true' }, '→');

/** model: a /api/models view ({ name, version, baseModel, adapter, lineage: [{ ref, datanetName, rows }] }). */
export function lineageDiagram(model) {
  return h('figure', { class: 'lineage' },
    h('figcaption', {}, `Lineage of ${model.name} v${model.version}: base model → datanet versions → adapter`),
    h('ol', { class: 'lineage-flow' },
      h('li', { class: 'lineage-step' },
        h('div', { class: 'lineage-node lineage-base' }, h('span', { class: 'lineage-kind' }, 'base model'), h('code', { title: model.baseModel }, short(model.baseModel, 16)))),
      h('li', { class: 'lineage-step' }, arrow(),
        h('ul', { class: 'lineage-sources', 'aria-label': 'fine-tuned on' }, model.lineage.map((src) => h('li', { class: 'lineage-node lineage-data' },
          h('span', { class: 'lineage-kind' }, 'datanet version'),
          h('a', { href: `#/datanet/${src.ref.datanetId}` }, `${src.datanetName} v${src.ref.version}`),
          h('span', { class: 'lineage-sub' }, `${src.rows === null ? '' : `${src.rows} rows · `}root ${short(src.ref.root, 8)}`))))),
      h('li', { class: 'lineage-step' }, arrow(),
        h('div', { class: 'lineage-node lineage-adapter' }, h('span', { class: 'lineage-kind' }, 'adapter'),
          h('strong', {}, `${model.name} v${model.version}`), h('code', { title: model.adapter }, short(model.adapter, 16))))));
}
