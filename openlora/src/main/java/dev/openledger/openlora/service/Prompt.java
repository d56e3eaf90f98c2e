package dev.openledger.openlora.service;

import dev.openledger.ml.tokenizer.ChatMessage;
import java.util.List;

/** What a call asks the model to continue. */
public sealed interface Prompt {

  /** Plain text ({@code /v1/completions}). */
  record Text(String text) implements Prompt {
    public Text {
      if (text == null) {
        throw new IllegalArgumentException("text is required");
      }
    }
  }

  /** Token ids given directly ({@code /v1/completions} with an array of integers). */
  record Tokens(int[] ids) implements Prompt {
    public Tokens {
      ids = ids.clone();
    }

    @Override
    public int[] ids() {
      return ids.clone();
    }
  }

  /**
   * A conversation rendered with the base model's ChatML template ({@code /v1/chat/completions}).
   */
  record Chat(List<ChatMessage> messages) implements Prompt {
    public Chat {
      if (messages == null || messages.isEmpty()) {
        throw new IllegalArgumentException("a chat needs at least one message");
      }
      messages = List.copyOf(messages);
    }
  }
}
