package dev.openledger.node.datanet;

import java.util.List;

/**
 * A page of a datanet's contributions in submission order.
 *
 * @param total contributions recorded in the datanet
 * @param offset the first one's position
 */
public record ContributionListView(long total, long offset, List<ContributionView> contributions) {}
