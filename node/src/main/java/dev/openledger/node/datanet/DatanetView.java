package dev.openledger.node.datanet;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.datanet.DatanetTally;
import dev.openledger.ledger.msg.AccessTerms;
import dev.openledger.ledger.msg.ContributionPolicy;
import dev.openledger.ledger.msg.DataType;
import java.util.List;

/**
 * A datanet as the chain records it: metadata, policies, counters, curators and allow-list.
 *
 * @param createdAt the creating block's time, ISO-8601
 * @param counts contributions by status, bytes, rows, latest version, bytes received today
 */
public record DatanetView(
    Hash id,
    Address owner,
    String name,
    String summary,
    String description,
    List<String> tags,
    DataType dataType,
    String licence,
    ContributionPolicy policy,
    AccessTerms access,
    long createdHeight,
    String createdAt,
    DatanetTally counts,
    List<Address> curators,
    List<Address> allowList) {}
