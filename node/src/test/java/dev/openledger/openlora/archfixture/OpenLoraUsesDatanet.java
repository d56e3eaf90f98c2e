package dev.openledger.openlora.archfixture;

import dev.openledger.datanet.DatanetService;

/** Violates the module directions on purpose: openlora may use ml and core only. */
public final class OpenLoraUsesDatanet {
  private OpenLoraUsesDatanet() {}

  public static void close(DatanetService service) {
    service.close();
  }
}
