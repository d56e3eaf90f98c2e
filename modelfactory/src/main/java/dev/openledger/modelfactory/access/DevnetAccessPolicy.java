package dev.openledger.modelfactory.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.modelfactory.io.AtomicFiles;
import dev.openledger.modelfactory.spec.DatanetVersionRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The access policy of a local devnet until the chain holds datanet policies: every datanet is open
 * unless it is listed as restricted, and a restricted datanet admits only the accounts listed for
 * it (its owner included, if the owner is to train on it). With {@code openByDefault = false},
 * unlisted datanets are refused too.
 *
 * <p>File form ({@code access.json} in the node's data directory):
 *
 * <pre>
 * {"openByDefault": true, "restricted": {"&lt;datanet id hex&gt;": ["ol1…", "ol1…"]}}
 * </pre>
 *
 * @param openByDefault whether a datanet not listed in {@code restricted} is open
 * @param restricted restricted datanets and the accounts each admits
 */
public record DevnetAccessPolicy(boolean openByDefault, Map<Hash, Set<Address>> restricted)
    implements AccessPolicy {

  public DevnetAccessPolicy {
    TreeMap<Hash, Set<Address>> copy = new TreeMap<>();
    restricted.forEach((k, v) -> copy.put(k, Set.copyOf(new TreeSet<>(v))));
    restricted = java.util.Collections.unmodifiableMap(copy);
  }

  /** Every datanet open: the default of a fresh devnet. */
  public static DevnetAccessPolicy allOpen() {
    return new DevnetAccessPolicy(true, Map.of());
  }

  /** This policy with {@code datanet} restricted to {@code allowed}. */
  public DevnetAccessPolicy restrict(Hash datanet, Set<Address> allowed) {
    TreeMap<Hash, Set<Address>> copy = new TreeMap<>(restricted);
    copy.put(datanet, allowed);
    return new DevnetAccessPolicy(openByDefault, copy);
  }

  @Override
  public AccessDecision check(Address trainer, DatanetVersionRef datanet) {
    Set<Address> allowed = restricted.get(datanet.datanetId());
    if (allowed == null) {
      return openByDefault
          ? AccessDecision.granted("open")
          : AccessDecision.refused(
              "access_denied",
              "datanet "
                  + datanet.datanetId().toHex()
                  + " is not open on this devnet and "
                  + trainer
                  + " holds no grant for it");
    }
    return allowed.contains(trainer)
        ? AccessDecision.granted("grant")
        : AccessDecision.refused(
            "access_denied",
            "datanet "
                + datanet.datanetId().toHex()
                + " is restricted; "
                + trainer
                + " holds no access grant for it (ask its owner for one)");
  }

  /** Reads the policy file; a missing file is the all-open policy. */
  public static DevnetAccessPolicy read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return allOpen();
    }
    FileForm form;
    try {
      form = Json.mapper().readValue(Files.readAllBytes(file), FileForm.class);
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": not a devnet access policy: " + e.getOriginalMessage(), e);
    }
    TreeMap<Hash, Set<Address>> restricted = new TreeMap<>();
    for (Map.Entry<String, List<Address>> e : form.restricted().entrySet()) {
      try {
        restricted.put(Hash.fromHex(e.getKey()), Set.copyOf(e.getValue()));
      } catch (IllegalArgumentException bad) {
        throw new IOException(
            file + ": restricted datanet id '" + e.getKey() + "' is not 64 hex digits", bad);
      }
    }
    return new DevnetAccessPolicy(form.openByDefault(), restricted);
  }

  /** Writes the policy file atomically. */
  public void write(Path file) throws IOException {
    TreeMap<String, List<Address>> form = new TreeMap<>();
    restricted.forEach(
        (id, accounts) -> form.put(id.toHex(), List.copyOf(new TreeSet<>(accounts))));
    AtomicFiles.write(
        file,
        (Json.writePretty(new FileForm(openByDefault, form)) + "\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  private record FileForm(boolean openByDefault, Map<String, List<Address>> restricted) {}
}
