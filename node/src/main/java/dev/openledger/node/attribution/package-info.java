/**
 * The node's Proof of Attribution: the serving provider's node attributes every charged call with
 * the attribution service (its records kept under {@code data/attribution}), and once the call's
 * receipt is in a settled batch submits {@code attribution/attribute} signed by the provider's key
 * — after each settlement and at start, for every batch kept in {@code data/serving/settled}, the
 * records the chain does not have yet (so a stop between settlement and submission loses nothing);
 * the routes and views behind {@code openledger attribution show|verify} and the dashboard's
 * playground panel.
 *
 * <p>Invariants: a record is computed once per request and never changed; a claim submitted on
 * chain carries exactly the record's result hash, input hashes and integer shares (the largest
 * {@code MAX_CONTRIBUTORS} when there are more); work runs on one thread in arrival order, so a
 * call's record exists before its batch is submitted; an attribution already on chain is not sent
 * again.
 */
package dev.openledger.node.attribution;
