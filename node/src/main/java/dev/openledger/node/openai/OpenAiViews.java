package dev.openledger.node.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.openlora.chain.ModelListing;
import dev.openledger.openlora.service.CallResult;
import java.util.List;

/**
 * OpenAI response bodies (field names as OpenAI spells them) plus the {@code openledger} extension.
 */
final class OpenAiViews {
  private OpenAiViews() {}

  record Usage(
      @JsonProperty("prompt_tokens") int promptTokens,
      @JsonProperty("completion_tokens") int completionTokens,
      @JsonProperty("total_tokens") int totalTokens) {
    static Usage of(CallResult r) {
      return new Usage(r.promptTokens(), r.completionTokens(), r.totalTokens());
    }
  }

  /** A usage receipt's fields. */
  record ReceiptFields(
      Hash channel,
      long nonce,
      @JsonProperty("request_id") String requestId,
      String model,
      @JsonProperty("adapter_hash") Hash adapterHash,
      Address caller,
      Address provider,
      @JsonProperty("prompt_tokens") int promptTokens,
      @JsonProperty("completion_tokens") int completionTokens,
      @JsonProperty("price_per_token") Amount pricePerToken,
      Amount charge,
      @JsonProperty("cumulative_charged") Amount cumulativeCharged) {}

  /**
   * The {@code openledger} extension: the signed receipt, field by field and as its canonical hex
   * encoding.
   */
  record Receipt(
      ReceiptFields receipt,
      @JsonProperty("provider_key") String providerKey,
      String signature,
      String encoded) {
    static Receipt of(SignedReceipt s) {
      UsageReceipt r = s.receipt();
      return new Receipt(
          new ReceiptFields(
              r.channel(),
              r.nonce(),
              r.requestId(),
              r.model(),
              r.adapterHash(),
              r.caller(),
              r.provider(),
              r.promptTokens(),
              r.completionTokens(),
              r.pricePerToken(),
              r.charge(),
              r.cumulativeCharged()),
          s.providerKey().toHex(),
          s.signature().toHex(),
          s.toHex());
    }
  }

  record Extension(Receipt receipt) {}

  record CompletionChoice(
      String text,
      int index,
      Object logprobs,
      @JsonProperty("finish_reason") String finishReason) {}

  record Completion(
      String id,
      String object,
      long created,
      String model,
      List<CompletionChoice> choices,
      Usage usage,
      Extension openledger) {}

  record Message(String role, String content) {}

  record ChatChoice(
      int index,
      Message message,
      Object logprobs,
      @JsonProperty("finish_reason") String finishReason) {}

  record Chat(
      String id,
      String object,
      long created,
      String model,
      List<ChatChoice> choices,
      Usage usage,
      Extension openledger) {}

  /** A streamed chat delta: role on the first chunk, content after, empty on the last. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Delta(String role, String content) {}

  record ChatChunkChoice(
      int index,
      Delta delta,
      Object logprobs,
      @JsonProperty("finish_reason") String finishReason) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ChatChunk(
      String id,
      String object,
      long created,
      String model,
      List<ChatChunkChoice> choices,
      Usage usage,
      Extension openledger) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CompletionChunk(
      String id,
      String object,
      long created,
      String model,
      List<CompletionChoice> choices,
      Usage usage,
      Extension openledger) {}

  /** OpenLoRA facts about a model, beside OpenAI's fields. */
  record ModelFacts(
      @JsonProperty("adapter_hash") Hash adapterHash,
      @JsonProperty("price_per_token") Amount pricePerToken,
      Address developer) {}

  record Model(
      String id,
      String object,
      long created,
      @JsonProperty("owned_by") String ownedBy,
      String parent,
      String root,
      ModelFacts openledger) {
    static Model of(ModelListing m) {
      return new Model(
          m.name(),
          "model",
          0,
          m.developer().toString(),
          m.baseModel(),
          m.baseModel(),
          new ModelFacts(m.adapterHash(), m.pricePerToken(), m.developer()));
    }
  }

  record ModelList(String object, List<Model> data) {}
}
