package dev.openledger.node.datanet;

import dev.openledger.ledger.datanet.UsageToday;
import dev.openledger.ledger.msg.DatanetParams;

/** An account's and a datanet's contributions today, beside the limits the chain enforces. */
public record UsageView(UsageToday usage, DatanetParams.Limits limits) {}
