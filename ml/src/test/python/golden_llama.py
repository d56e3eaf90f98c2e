#!/usr/bin/env python3
"""Reference values for the golden test of the Java decoder (GoldenCase / GoldenTest).

An independent float64 NumPy implementation of the Hugging Face Llama forward pass (rotate-half RoPE,
RMSNorm, grouped-query causal attention via repeat_kv, SwiGLU MLP, untied head) with a LoRA adapter
(y += (alpha/r) * (x @ A.T) @ B.T). Gradients are central finite differences in float64 (h = 1e-6, error
about 1e-9), so nothing here shares code or method with the Java backward pass.

Usage: golden_llama.py INPUT.json OUTPUT.json   (INPUT.json is written by GoldenCase.main)
"""
import json
import sys

import numpy as np


def forward(cfg, w, ad, tokens, targets, b, t):
    c = cfg["hidden_size"]
    nh = cfg["num_attention_heads"]
    nkv = cfg["num_key_value_heads"]
    hs = c // nh
    eps = cfg["rms_norm_eps"]
    scaling = cfg["lora_alpha"] / cfg["lora_r"]

    def lin(x, layer, module):
        y = x @ w[f"model.layers.{layer}.{module}.weight"].T
        key = f"base_model.model.model.layers.{layer}.{module}.lora_A.weight"
        if key in ad:
            bkey = key.replace("lora_A", "lora_B")
            y = y + scaling * (x @ ad[key].T) @ ad[bkey].T
        return y

    def rms(x, weight):
        return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * weight

    inv_freq = 1.0 / (cfg["rope_theta"] ** (np.arange(0, hs, 2, dtype=np.float64) / hs))
    ang = np.outer(np.arange(t, dtype=np.float64), inv_freq)
    cos = np.concatenate([np.cos(ang), np.cos(ang)], axis=-1)
    sin = np.concatenate([np.sin(ang), np.sin(ang)], axis=-1)

    def rope(x):  # x [B, heads, T, HS]
        x1, x2 = x[..., : hs // 2], x[..., hs // 2:]
        return x * cos + np.concatenate([-x2, x1], axis=-1) * sin

    x = w["model.embed_tokens.weight"][np.array(tokens)].reshape(b, t, c)
    mask = np.triu(np.full((t, t), -np.inf), k=1)
    for layer in range(cfg["num_hidden_layers"]):
        xn = rms(x, w[f"model.layers.{layer}.input_layernorm.weight"])
        q = lin(xn, layer, "self_attn.q_proj").reshape(b, t, nh, hs).transpose(0, 2, 1, 3)
        k = lin(xn, layer, "self_attn.k_proj").reshape(b, t, nkv, hs).transpose(0, 2, 1, 3)
        v = lin(xn, layer, "self_attn.v_proj").reshape(b, t, nkv, hs).transpose(0, 2, 1, 3)
        q, k = rope(q), rope(k)
        k = np.repeat(k, nh // nkv, axis=1)  # HF repeat_kv
        v = np.repeat(v, nh // nkv, axis=1)
        s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(hs) + mask
        s = s - s.max(axis=-1, keepdims=True)
        p = np.exp(s)
        p = p / p.sum(axis=-1, keepdims=True)
        y = (p @ v).transpose(0, 2, 1, 3).reshape(b, t, c)
        x = x + lin(y, layer, "self_attn.o_proj")
        xn2 = rms(x, w[f"model.layers.{layer}.post_attention_layernorm.weight"])
        g = lin(xn2, layer, "mlp.gate_proj")
        u = lin(xn2, layer, "mlp.up_proj")
        x = x + lin(g / (1 + np.exp(-g)) * u, layer, "mlp.down_proj")
    xf = rms(x, w["model.norm.weight"])
    logits = (xf @ w["lm_head.weight"].T).reshape(b * t, -1)
    m = logits.max(axis=-1, keepdims=True)
    lse = (m + np.log(np.exp(logits - m).sum(axis=-1, keepdims=True)))[:, 0]
    valid = [i for i, y in enumerate(targets) if y >= 0]
    loss = np.mean([lse[i] - logits[i, targets[i]] for i in valid])
    return logits, loss


def fd_grads(tensors, loss_fn, h=1e-6):
    grads = {}
    for name, arr in tensors.items():
        g = np.zeros(arr.size)
        flat = arr.reshape(-1)
        for i in range(flat.size):
            orig = flat[i]
            flat[i] = orig + h
            up = loss_fn()
            flat[i] = orig - h
            down = loss_fn()
            flat[i] = orig
            g[i] = (up - down) / (2 * h)
        grads[name] = g.tolist()
    return grads


def main():
    inp = json.load(open(sys.argv[1]))
    cfg = inp["config"]
    w = {k: np.array(v["data"], dtype=np.float64).reshape(v["shape"]) for k, v in inp["weights"].items()}
    ad = {k: np.array(v["data"], dtype=np.float64).reshape(v["shape"]) for k, v in inp["adapter"].items()}
    b, t = inp["batch_size"], inp["seq_len"]
    tokens, targets = inp["tokens"], inp["targets"]

    def loss_fn():
        return forward(cfg, w, ad, tokens, targets, b, t)[1]

    logits, loss = forward(cfg, w, ad, tokens, targets, b, t)
    out = {
        "note": "float64 NumPy reference (golden_llama.py); weights/adapter are the inputs, bit-exact float32",
        "config": cfg, "batch_size": b, "seq_len": t, "tokens": tokens, "targets": targets,
        "weights": inp["weights"], "adapter": inp["adapter"],
        "logits": logits.reshape(-1).tolist(),
        "loss": float(loss),
        "weight_grads": fd_grads(w, loss_fn),
        "adapter_grads": fd_grads(ad, loss_fn),
    }
    json.dump(out, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
