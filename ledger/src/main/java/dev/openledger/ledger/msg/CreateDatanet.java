package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Creates a datanet owned by the sender. Its id is {@code SHA-256("openledger/datanet/v1\0" ||
 * owner || UTF-8(name))}; names are unique on the chain regardless of case. The sender pays the
 * deployment fee, which grows with the size of this message's metadata (see {@code
 * DatanetParams.Fees}).
 *
 * @param name 1–64 characters: letters, digits, space, {@code . _ -}; starts with a letter or digit
 * @param summary one line, 1–280 bytes
 * @param description markdown, at most 8,192 bytes
 * @param tags at most 16 distinct tags of lower-case letters, digits and {@code -} (1–32
 *     characters)
 * @param dataType what the datanet holds
 * @param licence the licence contributions are made under, e.g. an SPDX identifier such as {@code
 *     CC-BY-4.0}
 * @param policy who may contribute and how contributions are approved
 * @param access who may train on the published versions
 */
public record CreateDatanet(
    String name,
    String summary,
    String description,
    List<String> tags,
    DataType dataType,
    String licence,
    ContributionPolicy policy,
    AccessTerms access)
    implements DatanetMsg {
  public static final MessageType<CreateDatanet> TYPE =
      new MessageType<>(0x0401, "datanet/create", CreateDatanet.class, CreateDatanet::decode);
  public static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9 ._-]{0,62}[A-Za-z0-9._-])?");
  public static final int MAX_SUMMARY_BYTES = 280;
  public static final int MAX_DESCRIPTION_BYTES = 8192;
  public static final int MAX_TAGS = 16;
  private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Pattern LICENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+ -]{0,63}");

  public CreateDatanet {
    Fields.matching(
        name,
        "datanet name",
        NAME,
        "1-64 letters, digits, spaces or . _ - (starting and ending with a letter or digit)");
    Fields.text(summary, "summary", 1, MAX_SUMMARY_BYTES, false);
    Fields.text(description, "description", 0, MAX_DESCRIPTION_BYTES, true);
    tags = List.copyOf(tags);
    if (tags.size() > MAX_TAGS || new HashSet<>(tags).size() != tags.size()) {
      throw new IllegalArgumentException("at most " + MAX_TAGS + " distinct tags");
    }
    tags.forEach(t -> Fields.matching(t, "tag", TAG, "1-32 lower-case letters, digits or -"));
    Objects.requireNonNull(dataType, "dataType");
    Fields.matching(licence, "licence", LICENCE, "1-64 letters, digits, spaces or . + -");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(access, "access");
  }

  @Override
  public MessageType<CreateDatanet> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.string(name).string(summary).string(description);
    Fields.writeStrings(w, tags);
    w.u8(dataType.ordinal()).string(licence);
    policy.encode(w);
    access.encode(w);
  }

  /** The bytes of the body: what the deployment fee is charged on. */
  public int metadataBytes() {
    CanonicalWriter w = new CanonicalWriter(256 + description.length());
    encodeBody(w);
    return w.size();
  }

  private static CreateDatanet decode(CanonicalReader r) throws DecodeException {
    String name = r.string("name", 64);
    String summary = r.string("summary", MAX_SUMMARY_BYTES);
    String description = r.string("description", MAX_DESCRIPTION_BYTES);
    List<String> tags = Fields.readStrings(r, "tags", MAX_TAGS, 32);
    DataType type = Fields.enumAt(r, "dataType", DataType.values());
    String licence = r.string("licence", 64);
    return new CreateDatanet(
        name,
        summary,
        description,
        tags,
        type,
        licence,
        ContributionPolicy.decode(r),
        AccessTerms.decode(r));
  }
}
