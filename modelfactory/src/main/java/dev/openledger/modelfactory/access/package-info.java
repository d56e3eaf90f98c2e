/**
 * Who may train on which datanet. {@link dev.openledger.modelfactory.access.AccessPolicy} is the
 * seam the chain implements (a datanet's policy may be open, require an owner's grant, or require
 * an access fee paid on chain); {@link dev.openledger.modelfactory.access.DevnetAccessPolicy} is
 * the local stand-in until then.
 *
 * <p>Invariant: a fine-tune request is refused before any work starts unless the policy grants the
 * developer access to every datanet version it names.
 */
package dev.openledger.modelfactory.access;
