package dev.openledger.attribution.grad;

/**
 * One named slice of a flat gradient vector, e.g. one LoRA tensor.
 *
 * @param name the tensor's name, e.g. {@code
 *     base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight}
 * @param offset first element of the slice in the flat vector
 * @param length number of elements
 */
public record Segment(String name, int offset, int length) {
  public Segment {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a segment needs a name");
    }
    if (offset < 0 || length <= 0) {
      throw new IllegalArgumentException(
          "segment "
              + name
              + ": offset must be >= 0 and length > 0, got "
              + offset
              + ", "
              + length);
    }
  }

  /** One past the last element. */
  public int end() {
    return offset + length;
  }
}
