package dev.openledger.node.datanet;

import dev.openledger.core.crypto.Address;
import dev.openledger.ledger.datanet.ContributorStats;

/** One contributor's statistics in a datanet, from the chain. */
public record ContributorView(Address contributor, ContributorStats stats) {}
