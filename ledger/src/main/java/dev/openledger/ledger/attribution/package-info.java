/**
 * The attribution module (message code 7): pays the contributors' part of each settled, paid
 * inference out of the payment module's attribution pool by the serving provider's attribution,
 * records the attribution's result hash and input hashes for anyone to verify off chain, keeps
 * contributors' penalty scores, and sweeps a batch's unattributed part to the treasury after a
 * timeout.
 *
 * <p>Invariants: a receipt (channel, nonce) is attributed at most once; an attribution pays exactly
 * the contributors' part of its receipt's charge at the batch's split ({@code ⌊charge ×
 * contributorsBps / 10000⌋}), split among contributors by floor of their units and a penalty cut,
 * everything left (unallocated units, rounding dust, withheld rewards) to the treasury; a swept
 * batch is never attributed again; a flagged row counts once towards its owner's penalty score.
 */
package dev.openledger.ledger.attribution;
