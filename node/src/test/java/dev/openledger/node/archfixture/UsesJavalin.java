package dev.openledger.node.archfixture;

import io.javalin.http.Context;

/** Violates "Javalin only in the node's HTTP packages" on purpose. */
public final class UsesJavalin {
  private UsesJavalin() {}

  public static String path(Context ctx) {
    return ctx.path();
  }
}
