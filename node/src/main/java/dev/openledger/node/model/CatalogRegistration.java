package dev.openledger.node.model;

import dev.openledger.core.codec.DecodeException;
import dev.openledger.ledger.msg.RegisterModel;
import dev.openledger.modelfactory.registry.ModelRecord;

/**
 * The {@link RegisterModel} of a model in a node's ModelFactory catalog: its registration's
 * canonical bytes are the message body; the version is set to the one the chain expects next when
 * it differs from the catalog's (the catalog numbers versions per node, the chain per name).
 */
public final class CatalogRegistration {
  private CatalogRegistration() {}

  public static RegisterModel of(ModelRecord record, int chainVersion) {
    RegisterModel r;
    try {
      r = RegisterModel.fromRegistrationBytes(record.registration().encode());
    } catch (DecodeException e) {
      throw new IllegalStateException(
          "ModelFactory's registration of "
              + record.name()
              + " is not a valid RegisterModel: "
              + e.getMessage(),
          e);
    }
    if (r.version() == chainVersion) {
      return r;
    }
    return new RegisterModel(
        r.name(),
        chainVersion,
        r.baseModel(),
        r.adapter(),
        r.datanets(),
        r.config(),
        r.metrics(),
        r.developer(),
        r.artifacts());
  }
}
