/**
 * The OpenAI-compatible HTTP API of OpenLoRA: {@code GET /v1/models}, {@code POST /v1/completions}
 * and {@code POST /v1/chat/completions} with OpenAI's request and response shapes,
 * server-sent-event streaming and error object. {@link dev.openledger.node.openai.OpenAiRoutes}
 * registers them on any Javalin router so the node serves them on its single port; every successful
 * response carries the provider-signed usage receipt in an {@code openledger} field (and, when not
 * streaming, the {@code OpenLedger-Receipt} header).
 *
 * <p>Invariants: every refusal is an OpenAI error object with the status its kind fixes; nothing is
 * generated before the caller is authenticated and the request is validated and paid for.
 */
package dev.openledger.node.openai;
