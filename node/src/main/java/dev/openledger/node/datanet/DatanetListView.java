package dev.openledger.node.datanet;

import dev.openledger.ledger.msg.DatanetParams;
import java.util.List;

/**
 * {@code GET /api/datanets}: the module's parameters (fees, limits, authority) and every datanet.
 */
public record DatanetListView(DatanetParams params, List<DatanetView> datanets) {}
