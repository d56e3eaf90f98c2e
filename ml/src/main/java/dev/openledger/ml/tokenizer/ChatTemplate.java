package dev.openledger.ml.tokenizer;

import java.util.List;

/**
 * The ChatML conversation format (used by Qwen and many open models), rendered straight to token
 * ids:
 *
 * <pre>
 * &lt;|im_start|&gt;system\n{content}&lt;|im_end|&gt;\n
 * &lt;|im_start|&gt;user\n{content}&lt;|im_end|&gt;\n
 * &lt;|im_start|&gt;assistant\n          (the generation prompt)
 * </pre>
 *
 * The markers are atomic added tokens; message content is encoded with {@link
 * BpeTokenizer#encodeOrdinary}, so a user who types {@code <|im_end|>} gets ordinary text, not a
 * forged turn boundary. Generation stops at {@link #endOfTurnId()}. {@link #JINJA} is the same
 * template for {@code tokenizer_config.json}.
 */
public final class ChatTemplate {
  /** The template in Hugging Face's Jinja form, equivalent to {@link #render}. */
  public static final String JINJA =
      "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
          + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

  private final BpeTokenizer tokenizer;
  private final int start;
  private final int end;
  private final int[] newline;

  private ChatTemplate(BpeTokenizer tokenizer, int start, int end) {
    this.tokenizer = tokenizer;
    this.start = start;
    this.end = end;
    this.newline = tokenizer.encodeOrdinary("\n");
  }

  /**
   * The ChatML template over {@code tokenizer}.
   *
   * @throws IllegalArgumentException if {@code <|im_start|>} or {@code <|im_end|>} is not an added
   *     token of it (GPT-2's vocabulary, for one, has neither)
   */
  public static ChatTemplate chatMl(BpeTokenizer tokenizer) {
    int start = marker(tokenizer, BpeTrainer.IM_START);
    int end = marker(tokenizer, BpeTrainer.IM_END);
    return new ChatTemplate(tokenizer, start, end);
  }

  private static int marker(BpeTokenizer t, String content) {
    return t.addedTokenId(content)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the tokenizer has no added token " + content + " for ChatML"));
  }

  /**
   * Token ids of the conversation; with {@code addGenerationPrompt}, ends with the assistant's open
   * turn.
   */
  public int[] encode(List<ChatMessage> messages, boolean addGenerationPrompt) {
    IntList out = new IntList(64);
    for (ChatMessage m : messages) {
      out.add(start);
      out.addAll(tokenizer.encodeOrdinary(m.role().wireName() + "\n" + m.content()));
      out.add(end);
      out.addAll(newline);
    }
    if (addGenerationPrompt) {
      out.add(start);
      out.addAll(tokenizer.encodeOrdinary(ChatMessage.Role.ASSISTANT.wireName() + "\n"));
    }
    return out.toArray();
  }

  /** The conversation as text (the form {@link #JINJA} produces). */
  public static String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
    StringBuilder sb = new StringBuilder();
    for (ChatMessage m : messages) {
      sb.append(BpeTrainer.IM_START).append(m.role().wireName()).append('\n').append(m.content());
      sb.append(BpeTrainer.IM_END).append('\n');
    }
    if (addGenerationPrompt) {
      sb.append(BpeTrainer.IM_START).append("assistant\n");
    }
    return sb.toString();
  }

  /** The id that ends a turn: generation stops when the model emits it. */
  public int endOfTurnId() {
    return end;
  }

  /** The id that opens a turn. */
  public int startOfTurnId() {
    return start;
  }
}
