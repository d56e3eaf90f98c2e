/**
 * The JSON shapes of the HTTP API, shared by the server (which builds them from ledger values in
 * {@link dev.openledger.node.api.view.Views}) and {@link dev.openledger.node.client.LedgerClient}
 * (which reads them). Money, hashes and addresses are strings; fields a status does not have are
 * left out.
 */
package dev.openledger.node.api.view;
