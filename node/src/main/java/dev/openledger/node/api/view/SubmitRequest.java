package dev.openledger.node.api.view;

/**
 * The JSON form of {@code POST /api/tx}: {@code {"tx": "<hex of the signed transaction>"}}. The
 * same bytes may be posted raw as {@code application/octet-stream}.
 *
 * @param tx hex of the canonical signed transaction
 */
public record SubmitRequest(String tx) {}
