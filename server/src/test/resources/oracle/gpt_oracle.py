"""The PyTorch oracle for Bramble's float reference (issue #16).

Builds a small GPT with PyTorch's own modules (nn.Embedding, nn.LayerNorm with weight and bias,
nn.Linear with bias, nn.GELU, causal softmax attention, a head tied to wte), in one of two key
layouts -- nanoGPT (c_attn an nn.Linear [3*dim, dim]) or Hugging Face GPT-2 (Conv1D, weights
stored [in, out], plus config.json) -- saves its state dict as safetensors (a small writer below:
no safetensors package needed), and writes the logits PyTorch computes for a few token sequences.

usage: gpt_oracle.py LAYOUT OUTDIR [--seed S] [--layers N] [--dim D] [--heads H] [--context C]
       [--vocab V] [--gelu erf|tanh] [--corrupt missing|shape|nan|notsplit]
Writes OUTDIR/model.safetensors, OUTDIR/oracle.json ({"sequences": [[...]], "logits": [[[...]]]})
and, for hf-gpt2, OUTDIR/config.json.
"""
import argparse
import json
import math
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


class Conv1D(nn.Module):
    """Hugging Face's Conv1D: y = x @ W + b with W stored [in, out]."""

    def __init__(self, nf, nx):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(nx, nf))
        self.bias = nn.Parameter(torch.zeros(nf))

    def forward(self, x):
        return torch.addmm(self.bias, x.view(-1, x.size(-1)), self.weight).view(*x.shape[:-1], -1)


BIAS = True


def linear(hf, n_in, n_out):
    return Conv1D(n_out, n_in) if hf else nn.Linear(n_in, n_out, bias=BIAS)


class Attention(nn.Module):
    def __init__(self, a, hf):
        super().__init__()
        self.c_attn = linear(hf, a.dim, 3 * a.dim)
        self.c_proj = linear(hf, a.dim, a.dim)
        self.heads = a.heads

    def forward(self, x):
        T, C = x.shape
        q, k, v = self.c_attn(x).split(C, dim=-1)
        hd = C // self.heads
        q = q.view(T, self.heads, hd).transpose(0, 1)
        k = k.view(T, self.heads, hd).transpose(0, 1)
        v = v.view(T, self.heads, hd).transpose(0, 1)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(hd))
        mask = torch.tril(torch.ones(T, T, dtype=torch.bool))
        att = att.masked_fill(~mask, float("-inf"))
        att = F.softmax(att, dim=-1)
        y = (att @ v).transpose(0, 1).contiguous().view(T, C)
        return self.c_proj(y)


class MLP(nn.Module):
    def __init__(self, a, hf):
        super().__init__()
        self.c_fc = linear(hf, a.dim, 4 * a.dim)
        self.gelu = nn.GELU(approximate="none" if a.gelu == "erf" else "tanh")
        self.c_proj = linear(hf, 4 * a.dim, a.dim)

    def forward(self, x):
        return self.c_proj(self.gelu(self.c_fc(x)))


class Block(nn.Module):
    def __init__(self, a, hf):
        super().__init__()
        self.ln_1 = nn.LayerNorm(a.dim, elementwise_affine=True)
        self.attn = Attention(a, hf)
        self.ln_2 = nn.LayerNorm(a.dim)
        self.mlp = MLP(a, hf)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class GPT(nn.Module):
    def __init__(self, a, hf):
        super().__init__()
        self.transformer = nn.ModuleDict(dict(
            wte=nn.Embedding(a.vocab, a.dim),
            wpe=nn.Embedding(a.context, a.dim),
            h=nn.ModuleList([Block(a, hf) for _ in range(a.layers)]),
            ln_f=nn.LayerNorm(a.dim),
        ))
        self.lm_head = nn.Linear(a.dim, a.vocab, bias=False)
        self.lm_head.weight = self.transformer.wte.weight  # tied, as in nanoGPT and GPT-2

    def forward(self, idx):
        T = idx.shape[0]
        x = self.transformer.wte(idx) + self.transformer.wpe(torch.arange(T))
        for block in self.transformer.h:
            x = block(x)
        return self.lm_head(self.transformer.ln_f(x))


def save_safetensors(path, tensors):
    """safetensors: 8-byte little-endian header length, JSON header, raw little-endian F32 data."""
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().to(torch.float32).contiguous().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("layout", choices=["nanogpt", "hf-gpt2"])
    p.add_argument("outdir")
    p.add_argument("--seed", type=int, default=1337)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--dim", type=int, default=32)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--context", type=int, default=32)
    p.add_argument("--vocab", type=int, default=65)
    p.add_argument("--gelu", choices=["erf", "tanh"], default=None)
    p.add_argument("--sequences", type=int, default=2)
    p.add_argument("--corrupt", choices=["missing", "shape", "nan", "notsplit"], default=None)
    p.add_argument("--npz", action="store_true", help="save model.npz (numpy) instead of model.safetensors")
    p.add_argument("--no-bias", action="store_true", help="nanoGPT's bias=False: no linear biases, LayerNorm without bias")
    a = p.parse_args()
    hf = a.layout == "hf-gpt2"
    if a.gelu is None:
        a.gelu = "tanh" if hf else "erf"
    global BIAS
    BIAS = not a.no_bias
    torch.manual_seed(a.seed)
    torch.set_default_dtype(torch.float64)
    model = GPT(a, hf)
    if a.no_bias:
        # nanoGPT's LayerNorm(bias=False) (PyTorch 1.13 has no bias=False): a zero bias that is not saved.
        for m in model.modules():
            if isinstance(m, nn.LayerNorm):
                m.bias = None
    # Weights of a trained model's size (PyTorch's default init is tiny and would make every
    # logit nearly equal): N(0, 0.3) matrices, norm gains near 1, biases N(0, 0.1).
    with torch.no_grad():
        for name, t in model.named_parameters():
            if name.endswith("ln_1.weight") or name.endswith("ln_2.weight") or name.endswith("ln_f.weight"):
                t.copy_(1 + 0.2 * torch.randn_like(t))
            elif name.endswith(".bias"):
                t.copy_(0.1 * torch.randn_like(t))
            else:
                t.copy_(0.3 * torch.randn_like(t))
    # Bramble reads float32 values: compute the oracle from the same float32-rounded weights.
    with torch.no_grad():
        for t in model.parameters():
            t.copy_(t.to(torch.float32).to(torch.float64))
    state = {k: v for k, v in model.state_dict().items()}
    if a.no_bias:
        state = {k: v for k, v in state.items() if not k.endswith(".bias")}
    if hf:
        state = {k[len("transformer."):] if k.startswith("transformer.") else k: v for k, v in state.items()}
        del state["lm_head.weight"]  # GPT2Model: the head is wte
    if a.corrupt == "missing":
        del state[("" if hf else "transformer.") + "h.1.mlp.c_fc.bias"]
    elif a.corrupt == "shape":
        key = ("" if hf else "transformer.") + "h.0.mlp.c_proj.weight"
        state[key] = state[key][:, :-1]
    elif a.corrupt == "nan":
        key = ("" if hf else "transformer.") + "h.0.ln_2.weight"
        state[key] = state[key].clone()
        state[key][3] = float("nan")
    elif a.corrupt == "notsplit":
        key = ("" if hf else "transformer.") + "h.0.attn.c_attn.bias"
        state[key] = state[key][:-1]
    if a.npz:
        import numpy
        numpy.savez(a.outdir + "/model.npz", **{k: v.detach().to(torch.float32).numpy() for k, v in state.items()})
    else:
        save_safetensors(a.outdir + "/model.safetensors", state)
    if hf:
        with open(a.outdir + "/config.json", "w") as f:
            json.dump({"model_type": "gpt2", "n_layer": a.layers, "n_head": a.heads, "n_embd": a.dim, "vocab_size": a.vocab,
                       "n_positions": a.context, "activation_function": "gelu_new" if a.gelu == "tanh" else "gelu"}, f)
    g = torch.Generator().manual_seed(a.seed + 1)
    sequences, logits = [], []
    model.eval()
    with torch.no_grad():
        for _ in range(a.sequences):
            idx = torch.randint(0, a.vocab, (a.context,), generator=g)
            sequences.append(idx.tolist())
            logits.append(model(idx).tolist())
    with open(a.outdir + "/oracle.json", "w") as f:
        json.dump({"torch": torch.__version__, "sequences": sequences, "logits": logits}, f)


if __name__ == "__main__":
    sys.exit(main())
