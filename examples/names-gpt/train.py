"""A tiny nanoGPT-shaped model trained in PyTorch -- outside Bramble -- on ../microgpt/names.txt.

It is the model someone would bring: PyTorch's own modules (nn.Embedding, nn.LayerNorm with
weight and bias, nn.Linear with bias, nn.GELU() -- the erf form --, a head tied to wte), nanoGPT's
key names (transformer.h.0.attn.c_attn.weight, ...). 1 layer, width 16, 4 heads, context 16,
vocabulary 27 (a-z, then BOS at id 26 as in microGPT).

    /usr/bin/python3 train.py            # Debian's python3-torch (PyTorch 1.13), about half a minute on 2 cores

writes names-gpt.safetensors (float32, nanoGPT keys) and expected-logits.json (what PyTorch computes
for a few prompts, in float64 from the saved float32 weights), then:

    bramble import names-gpt.safetensors --heads 4 --tokens abcdefghijklmnopqrstuvwxyz --bos -o names-gpt.bramble

Deterministic: seed 1337 for the weights, the batches and the prompts' order.
"""
import json
import math
import os
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 1337
LAYERS, DIM, HEADS, CONTEXT = 1, 16, 4, 16
CHARS = "abcdefghijklmnopqrstuvwxyz"
BOS = len(CHARS)
VOCAB = len(CHARS) + 1
STEPS, BATCH, LR = 1500, 64, 1e-2
HERE = os.path.dirname(os.path.abspath(__file__))


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.c_attn = nn.Linear(DIM, 3 * DIM)
        self.c_proj = nn.Linear(DIM, DIM)

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(C, dim=2)
        hd = C // HEADS
        q, k, v = (t.view(B, T, HEADS, hd).transpose(1, 2) for t in (q, k, v))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(hd)
        att = att.masked_fill(~torch.tril(torch.ones(T, T, dtype=torch.bool)), float("-inf"))
        y = (F.softmax(att, dim=-1) @ v).transpose(1, 2).contiguous().view(B, T, C)
        return self.c_proj(y)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1 = nn.LayerNorm(DIM)
        self.attn = Attention()
        self.ln_2 = nn.LayerNorm(DIM)
        self.mlp = nn.ModuleDict(dict(c_fc=nn.Linear(DIM, 4 * DIM), gelu=nn.GELU(), c_proj=nn.Linear(4 * DIM, DIM)))

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        m = self.mlp
        return x + m.c_proj(m.gelu(m.c_fc(self.ln_2(x))))


class GPT(nn.Module):
    def __init__(self):
        super().__init__()
        self.transformer = nn.ModuleDict(dict(
            wte=nn.Embedding(VOCAB, DIM), wpe=nn.Embedding(CONTEXT, DIM),
            h=nn.ModuleList([Block() for _ in range(LAYERS)]), ln_f=nn.LayerNorm(DIM)))
        self.lm_head = nn.Linear(DIM, VOCAB, bias=False)
        self.lm_head.weight = self.transformer.wte.weight

    def forward(self, idx):
        x = self.transformer.wte(idx) + self.transformer.wpe(torch.arange(idx.shape[-1]))
        for block in self.transformer.h:
            x = block(x)
        return self.lm_head(self.transformer.ln_f(x))


def batches(names, gen):
    """Each name as [BOS, c1..cn] -> [c1..cn, BOS], cut to the context; padding is ignored (-1)."""
    while True:
        pick = torch.randint(0, len(names), (BATCH,), generator=gen)
        x = torch.full((BATCH, CONTEXT), BOS, dtype=torch.long)
        y = torch.full((BATCH, CONTEXT), -1, dtype=torch.long)
        for row, i in enumerate(pick.tolist()):
            ids = [BOS] + [CHARS.index(c) for c in names[i]] + [BOS]
            ids = ids[:CONTEXT + 1]
            n = len(ids) - 1
            x[row, :n] = torch.tensor(ids[:-1])
            y[row, :n] = torch.tensor(ids[1:])
        yield x, y


def save_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().to(torch.float32).contiguous().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main():
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    names = [l.strip() for l in open(os.path.join(HERE, "..", "microgpt", "names.txt")) if l.strip()]
    model = GPT()
    opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.0)
    gen = torch.Generator().manual_seed(SEED)
    data = batches(names, gen)
    for step in range(STEPS):
        x, y = next(data)
        lr = LR * 0.5 * (1 + math.cos(math.pi * step / STEPS))
        for g in opt.param_groups:
            g["lr"] = lr
        loss = F.cross_entropy(model(x).view(-1, VOCAB), y.view(-1), ignore_index=-1)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 250 == 0 or step == STEPS - 1:
            print(f"step {step:5d} loss {loss.item():.4f}")
    state = {k: v for k, v in model.state_dict().items()}   # lm_head.weight is wte.weight (tied), kept as nanoGPT saves it
    save_safetensors(os.path.join(HERE, "names-gpt.safetensors"), state)
    # The oracle: float64 from the float32 weights just saved.
    model = model.double()
    prompts = ["", "emma", "olivia", "zoe"]
    out = {"torch": torch.__version__, "seed": SEED, "prompts": prompts, "logits": []}
    with torch.no_grad():
        for p in prompts:
            idx = torch.tensor([[BOS] + [CHARS.index(c) for c in p]])
            out["logits"].append(model(idx)[0].tolist())
    with open(os.path.join(HERE, "expected-logits.json"), "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
