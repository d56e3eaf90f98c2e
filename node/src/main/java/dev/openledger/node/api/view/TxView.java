package dev.openledger.node.api.view;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import java.util.List;

/**
 * {@code GET /api/tx/{hash}}. Pending: hash and status only. Rejected: plus code and message.
 * Committed: everything; {@code code} is {@code ok} when the message took effect, otherwise the
 * module's failure code (the fee was still charged).
 *
 * @param hash the transaction hash
 * @param status {@code pending}, {@code committed} or {@code rejected}
 * @param height its block (committed)
 * @param index its position in the block (committed)
 * @param code the receipt or rejection code
 * @param message the failure's description; empty on success
 * @param feeCharged the fee taken (committed)
 * @param events what happened (committed)
 * @param tx the transaction (committed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TxView(
    Hash hash,
    String status,
    Long height,
    Integer index,
    String code,
    String message,
    Amount feeCharged,
    List<EventView> events,
    TxBodyView tx) {
  public static final String PENDING = "pending";
  public static final String COMMITTED = "committed";
  public static final String REJECTED = "rejected";

  @JsonIgnore
  public boolean isCommitted() {
    return COMMITTED.equals(status);
  }

  @JsonIgnore
  public boolean isRejected() {
    return REJECTED.equals(status);
  }
}
