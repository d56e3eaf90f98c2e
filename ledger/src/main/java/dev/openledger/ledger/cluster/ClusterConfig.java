package dev.openledger.ledger.cluster;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.ledger.membership.Validator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who this node is and where its peers and data are.
 *
 * @param selfId this validator's peer id
 * @param key this validator's signing key (must be the one the validator set names for {@code selfId})
 * @param peers every known peer's Raft address ({@code host:port}) by id, this node included
 * @param joining true for a node added after the cluster started: its Raft server waits, outside the
 *     group, until the leader adds it (after governance added it to the validator set)
 * @param ledgerDir the RocksDB ledger store
 * @param raftDir the Raft log, metadata and snapshots
 */
public record ClusterConfig(String selfId, KeyPair key, Map<String, String> peers, boolean joining, Path ledgerDir, Path raftDir) {
  public ClusterConfig {
    Objects.requireNonNull(selfId, "selfId");
    Objects.requireNonNull(key, "key");
    peers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(peers));
    if (!peers.containsKey(selfId)) {
      throw new IllegalArgumentException("the peers must include this node '" + selfId + "' with its own Raft address");
    }
    peers.forEach((id, address) -> new Validator(id, key.publicKey(), address));
    Objects.requireNonNull(ledgerDir, "ledgerDir");
    Objects.requireNonNull(raftDir, "raftDir");
  }

  /** This node's Raft address. */
  public String selfAddress() {
    return peers.get(selfId);
  }

  /** The port of a {@code host:port} address. */
  static int port(String address) {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }

  /** The host of a {@code host:port} address. */
  static String host(String address) {
    return address.substring(0, address.lastIndexOf(':'));
  }
}
