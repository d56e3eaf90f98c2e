/**
 * The HTTP API: one Javalin server on one port, assembled from {@link
 * dev.openledger.node.api.RouteModule}s (the chain's {@code /api/...} routes and ModelFactory's
 * {@code /api/jobs/...} and {@code /api/models/...} here; later modules add {@code
 * /api/datanets/...}, {@code /v1/...} and the dashboard at {@code /}), plus {@code /metrics} in
 * Prometheus text gathered from every module.
 *
 * <p>Invariants: every error response is {@code {"error":{"code","message"}}}; bad input of any
 * kind gets a 4xx status and changes nothing; a 5xx means a bug or a stopped engine, and the bug is
 * logged; routes and exception mappers are all declared in one place, before the server starts.
 */
package dev.openledger.node.api;
