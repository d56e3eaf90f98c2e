package dev.openledger.node.model;

import dev.openledger.core.crypto.Address;
import dev.openledger.ledger.datanet.AccessCheck;
import dev.openledger.ledger.datanet.DatanetModule;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.modelfactory.access.AccessDecision;
import dev.openledger.modelfactory.access.AccessPolicy;
import dev.openledger.modelfactory.spec.DatanetVersionRef;

/**
 * ModelFactory's access check answered by the chain: the datanet's on-chain policy (open, granted,
 * or access fee paid) and the version's published root, read at the latest committed height.
 */
public final class ChainAccessPolicy implements AccessPolicy {
  private final LedgerEngine engine;
  private final DatanetModule datanets;

  public ChainAccessPolicy(LedgerEngine engine, DatanetModule datanets) {
    this.engine = engine;
    this.datanets = datanets;
  }

  @Override
  public AccessDecision check(Address trainer, DatanetVersionRef ref) {
    AccessCheck c =
        datanets.checkAccess(
            engine.reader().snapshot(), trainer, ref.datanetId(), ref.version(), ref.root());
    if (c instanceof AccessCheck.Granted g) {
      return AccessDecision.granted(g.basis());
    }
    AccessCheck.Refused r = (AccessCheck.Refused) c;
    return AccessDecision.refused(r.code(), r.message());
  }
}
