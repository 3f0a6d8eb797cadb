"""Generate a small random-weight llama-architecture GGUF model with a byte-fallback vocabulary.

Nothing is downloaded: the weights are seeded Gaussian noise and the vocabulary is SentencePiece-style
(``tokenizer.ggml.model = llama``): ``<unk>``, ``<s>``, ``</s>``, the 256 byte tokens ``<0x00>`` ..
``<0xFF>`` and the printable ASCII characters as normal pieces, so any text tokenizes (about one token
per character). The answers are gibberish; what matters for the benchmark is that prefill cost grows
with the prompt like a real model's and that llama.cpp's prompt cache works on it.

    .venv/bin/python bench/prefix_cache/make_model.py --out /tmp/rand-llama.gguf   # 512-dim, 8 layers
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

CHAT_TEMPLATE = (
    "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\n' }}"
    "{% if message['content'] is string %}{{ message['content'] }}{% else %}"
    "{% for part in message['content'] %}{{ part['text'] }}{% endfor %}{% endif %}"
    "{{ '<|im_end|>\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


def vocabulary() -> tuple[list[bytes], list[float], list[int]]:
    import gguf

    tokens: list[bytes] = [b"<unk>", b"<s>", b"</s>"]
    scores: list[float] = [0.0, 0.0, 0.0]
    types = [gguf.TokenType.UNKNOWN, gguf.TokenType.CONTROL, gguf.TokenType.CONTROL]
    for b in range(256):
        tokens.append(f"<0x{b:02X}>".encode())
        scores.append(0.0)
        types.append(gguf.TokenType.BYTE)
    pieces = ["\u2581"] + [chr(c) for c in range(33, 127)]  # the space marker and printable ASCII
    for i, p in enumerate(pieces):
        tokens.append(p.encode())
        scores.append(-float(i + 1))
        types.append(gguf.TokenType.NORMAL)
    return tokens, scores, [int(t) for t in types]


def make(out: Path, *, dim: int = 512, layers: int = 8, heads: int = 8, kv_heads: int = 8, ff: int = 1408,
         ctx: int = 8192, seed: int = 0) -> Path:
    import gguf

    rng = np.random.default_rng(seed)
    tokens, scores, types = vocabulary()
    vocab = len(tokens)
    head_dim = dim // heads
    w = gguf.GGUFWriter(str(out), "llama")
    w.add_name("di-bench-random-llama")
    w.add_context_length(ctx)
    w.add_embedding_length(dim)
    w.add_block_count(layers)
    w.add_feed_forward_length(ff)
    w.add_head_count(heads)
    w.add_head_count_kv(kv_heads)
    w.add_rope_dimension_count(head_dim)
    w.add_rope_freq_base(10000.0)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_vocab_size(vocab)
    w.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
    w.add_tokenizer_model("llama")
    w.add_token_list(tokens)
    w.add_token_scores(scores)
    w.add_token_types(types)
    w.add_unk_token_id(0)
    w.add_bos_token_id(1)
    w.add_eos_token_id(2)
    w.add_add_bos_token(True)
    w.add_add_eos_token(False)
    w.add_chat_template(CHAT_TEMPLATE)

    def mat(rows: int, cols: int) -> np.ndarray:  # (out, in) in numpy = ne [in, out] in GGUF
        return (rng.standard_normal((rows, cols), dtype=np.float32) * 0.02).astype(np.float16)

    def norm() -> np.ndarray:
        return np.ones(dim, dtype=np.float32)

    kv_dim = head_dim * kv_heads
    w.add_tensor("token_embd.weight", mat(vocab, dim))
    for i in range(layers):
        w.add_tensor(f"blk.{i}.attn_norm.weight", norm())
        w.add_tensor(f"blk.{i}.attn_q.weight", mat(dim, dim))
        w.add_tensor(f"blk.{i}.attn_k.weight", mat(kv_dim, dim))
        w.add_tensor(f"blk.{i}.attn_v.weight", mat(kv_dim, dim))
        w.add_tensor(f"blk.{i}.attn_output.weight", mat(dim, dim))
        w.add_tensor(f"blk.{i}.ffn_norm.weight", norm())
        w.add_tensor(f"blk.{i}.ffn_gate.weight", mat(ff, dim))
        w.add_tensor(f"blk.{i}.ffn_up.weight", mat(ff, dim))
        w.add_tensor(f"blk.{i}.ffn_down.weight", mat(dim, ff))
    w.add_tensor("output_norm.weight", norm())
    w.add_tensor("output.weight", mat(vocab, dim))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="make_model.py", description=__doc__.split("\n")[0])
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--dim", type=int, default=512)
    p.add_argument("--layers", type=int, default=8)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--ff", type=int, default=1408)
    p.add_argument("--ctx", type=int, default=8192)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    try:
        import gguf  # noqa: F401
    except ImportError:
        print("the gguf package is missing: run bench/prefix_cache/setup_real.sh", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    make(args.out, dim=args.dim, layers=args.layers, heads=args.heads, ff=args.ff, ctx=args.ctx, seed=args.seed)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
