// The dashboard's pages. A page is a module exporting render(root, { args, signal }) that fills root and
// stops its timers and streams when signal aborts (the user went to another page).
//
// To add a page: write pages/NAME.js and add one entry here. `requires` names an API path the page
// needs; the page is listed only when the node serves that path (any answer but 404), so a node built
// without that part of the system shows no empty page. `nav: false` pages are reached by links only.
export const PAGES = [
  { id: 'network', title: 'Network', nav: true, load: () => import('./pages/network.js') },
  { id: 'datanets', title: 'Datanets', nav: true, requires: '/api/datanets', load: () => import('./pages/datanets.js') },
  { id: 'models', title: 'Models', nav: true, requires: '/api/models', load: () => import('./pages/models.js') },
  { id: 'governance', title: 'Governance', nav: true, requires: '/api/gov/proposals', load: () => import('./pages/governance.js') },
  { id: 'account', title: 'Account', nav: true, load: () => import('./pages/account.js') },
  { id: 'playground', title: 'Playground', nav: true, requires: '/v1/models', load: () => import('./pages/playground.js') },
  { id: 'datanet', title: 'Datanet', nav: false, requires: '/api/datanets', load: () => import('./pages/datanet.js') },
  { id: 'model', title: 'Model', nav: false, requires: '/api/models', load: () => import('./pages/model.js') },
  { id: 'job', title: 'Training job', nav: false, requires: '/api/jobs', load: () => import('./pages/job.js') },
  { id: 'proposal', title: 'Proposal', nav: false, requires: '/api/gov/proposals', load: () => import('./pages/proposal.js') },
  { id: 'block', title: 'Block', nav: false, load: () => import('./pages/block.js') },
  { id: 'tx', title: 'Transaction', nav: false, load: () => import('./pages/tx.js') },
];
