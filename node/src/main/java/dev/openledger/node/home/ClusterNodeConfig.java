package dev.openledger.node.home;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.openledger.ledger.membership.Validator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validator's place in its cluster ({@code config/cluster.json}): its id, every peer's Raft address and
 * API URL, and whether it joins a running cluster (it then waits until a governance proposal adds it).
 *
 * <pre>
 * {"id": "n1", "joining": false,
 *  "peers": [{"id": "n1", "raft": "127.0.0.1:9861", "api": "http://127.0.0.1:8645"}, ...]}
 * </pre>
 *
 * @param id this validator's peer id
 * @param joining true for a validator started before governance added it to the set
 * @param peers the cluster's validators, this one included
 */
@JsonPropertyOrder({"id", "joining", "peers"})
public record ClusterNodeConfig(String id, boolean joining, List<Peer> peers) {
  public ClusterNodeConfig {
    Objects.requireNonNull(id, "id");
    peers = List.copyOf(peers);
    if (peers.stream().noneMatch(p -> p.id().equals(id))) {
      throw new IllegalArgumentException("the peers of " + id + " must include itself");
    }
  }

  /**
   * One validator's addresses.
   *
   * @param id peer id
   * @param raft Raft address, host:port
   * @param api HTTP API base URL (may be empty when unknown)
   */
  @JsonPropertyOrder({"id", "raft", "api"})
  public record Peer(String id, String raft, String api) {
    public Peer {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(raft, "raft");
      api = api == null ? "" : api;
      if (!Validator.ID.matcher(id).matches() || !raft.matches("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}")) {
        throw new IllegalArgumentException("peer '" + id + "' at '" + raft + "': ids match " + Validator.ID.pattern() + ", Raft addresses are host:port");
      }
    }
  }

  /** Raft addresses by id, in file order. */
  public Map<String, String> raftAddresses() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Peer p : peers) {
      out.put(p.id(), p.raft());
    }
    return out;
  }

  /** API URLs of the peers that have one, by id. */
  public Map<String, String> apiUrls() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Peer p : peers) {
      if (!p.api().isEmpty()) {
        out.put(p.id(), p.api());
      }
    }
    return out;
  }

  /**
   * Parses {@code --cluster} ({@code id=host:port[,id=host:port...]}), keeping API URLs known from {@code base}.
   *
   * @throws IllegalArgumentException on a malformed list
   */
  public ClusterNodeConfig withPeers(String spec) {
    Map<String, String> api = apiUrls();
    List<Peer> list = new java.util.ArrayList<>();
    for (String part : spec.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("--cluster takes id=host:port,id=host:port,...; got '" + part + "'");
      }
      list.add(new Peer(kv[0], kv[1], api.getOrDefault(kv[0], "")));
    }
    return new ClusterNodeConfig(id, joining, list);
  }
}
