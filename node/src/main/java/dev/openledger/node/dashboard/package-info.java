/**
 * The web dashboard: static HTML, JavaScript modules and CSS from the classpath ({@code
 * dashboard/}), served by the node at {@code /} and {@code /assets/...}. The pages read the same
 * public HTTP API as the CLI and sign transactions in the browser; the node never sees a private
 * key.
 *
 * <p>Invariants: only files under {@code dashboard/assets/} with a known type are served, and a
 * path that could leave that folder is refused; every page is sent with a Content-Security-Policy
 * allowing this origin only, so the dashboard cannot load anything from the internet.
 */
package dev.openledger.node.dashboard;
