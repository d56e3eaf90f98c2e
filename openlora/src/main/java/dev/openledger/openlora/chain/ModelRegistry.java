package dev.openledger.openlora.chain;

import java.util.List;
import java.util.Optional;

/** The approved models (on chain: the ModelFactory's registry after governance approval). */
public interface ModelRegistry {

  /** The listing of {@code name}, if it is an approved model. */
  Optional<ModelListing> lookup(String name);

  /** Every approved model, ordered by name. */
  List<ModelListing> all();
}
