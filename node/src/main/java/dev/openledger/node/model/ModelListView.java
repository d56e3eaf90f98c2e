package dev.openledger.node.model;

import dev.openledger.ledger.msg.ModelParams;
import java.util.List;

/** {@code GET /api/models}: the registry's parameters and the listed model versions. */
public record ModelListView(ModelParams params, List<ModelView> models) {}
