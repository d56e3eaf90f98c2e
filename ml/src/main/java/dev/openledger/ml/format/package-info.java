/**
 * Files the engine reads and writes: safetensors, Hugging Face model directories ({@code
 * config.json}, {@code model.safetensors}, {@code tokenizer.json}), PEFT LoRA adapter directories,
 * GPT-2's {@code encoder.json} + {@code vocab.bpe}, and llama2.c checkpoints and tokenizers.
 *
 * <p>Invariants: every parser treats its input as hostile. Sizes and offsets are checked against
 * the file's length before anything is allocated, and any malformed input ends in a {@link
 * dev.openledger.ml.format.FormatException} that names the file part at fault, never in an
 * unchecked exception from deep inside. Writers are deterministic (same content → same bytes) and
 * write to a temporary file first, moving it into place when complete.
 */
package dev.openledger.ml.format;
