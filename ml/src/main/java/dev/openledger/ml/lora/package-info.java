/**
 * LoRA adapters: {@code y = Wx + (alpha/r) * B(Ax)} on any of the seven projections of each block.
 *
 * <p>Invariants: a fresh adapter has {@code B = 0}, so it changes nothing until trained; PEFT
 * tensor names ({@code base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight}) are used on
 * disk.
 */
package dev.openledger.ml.lora;
