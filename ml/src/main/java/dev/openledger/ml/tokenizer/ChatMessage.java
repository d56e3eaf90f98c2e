package dev.openledger.ml.tokenizer;

import java.util.Locale;

/**
 * One turn of a conversation, as in the OpenAI chat API ({@code {"role": "user", "content":
 * "..."}}).
 */
public record ChatMessage(Role role, String content) {
  /** Who speaks; {@link #wireName()} is the OpenAI / ChatML name. */
  public enum Role {
    SYSTEM,
    USER,
    ASSISTANT;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code system}, {@code user} or {@code assistant}. */
    public static Role parse(String name) {
      for (Role r : values()) {
        if (r.wireName().equals(name)) {
          return r;
        }
      }
      throw new IllegalArgumentException(
          "unknown chat role '" + name + "' (expected system, user or assistant)");
    }
  }

  public ChatMessage {
    if (role == null || content == null) {
      throw new IllegalArgumentException("a chat message needs a role and content");
    }
  }

  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }
}
