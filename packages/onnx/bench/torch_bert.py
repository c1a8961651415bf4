#!/usr/bin/env python3
"""PyTorch CPU twin of bench/run.ts: one forward + backward step of a BERT masked-LM (HF BertForMaskedLM shape:
post-LN encoder, erf GELU, decoder tied to the word embeddings, no prediction-head transform) on random data.

Usage: /usr/bin/python3 bench/torch_bert.py '{"vocab":30522,"hidden":128,"layers":2,"heads":4,"inter":512,
        "batch":16,"seq":128,"threads":2,"steps":3}'
Prints one JSON line: {"full": [wall seconds per step...], "frozen": [...], "fullCpu": [CPU seconds per step...],
"frozenCpu": [...], "torch": version}.
"""
import json
import math
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

cfg = json.loads(sys.argv[1])
torch.set_num_threads(cfg['threads'])
torch.manual_seed(0)
H, A, V, I = cfg['hidden'], cfg['heads'], cfg['vocab'], cfg['inter']


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(H, H) for _ in range(4))
        self.ln1, self.ln2 = nn.LayerNorm(H, eps=1e-12), nn.LayerNorm(H, eps=1e-12)
        self.up, self.down = nn.Linear(H, I), nn.Linear(I, H)

    def forward(self, x, bias):
        b, s, _ = x.shape
        split = lambda t: t.view(b, s, A, H // A).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        p = (q @ k.transpose(-1, -2) / math.sqrt(H // A) + bias).softmax(-1)
        x = self.ln1(x + self.o((p @ v).transpose(1, 2).reshape(b, s, H)))
        return self.ln2(x + self.down(F.gelu(self.up(x))))


class Bert(nn.Module):
    def __init__(self):
        super().__init__()
        self.word = nn.Embedding(V, H)
        self.pos = nn.Embedding(512, H)
        self.types = nn.Embedding(2, H)
        self.ln = nn.LayerNorm(H, eps=1e-12)
        self.layers = nn.ModuleList([Layer() for _ in range(cfg['layers'])])
        self.decoder_bias = nn.Parameter(torch.zeros(V))

    def forward(self, ids, mask, types):
        x = self.ln(self.word(ids) + self.pos(torch.arange(ids.shape[1])[None]) + self.types(types))
        bias = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        for layer in self.layers:
            x = layer(x, bias)
        return x @ self.word.weight.t() + self.decoder_bias


model = Bert()
B, S = cfg['batch'], cfg['seq']
ids = torch.randint(0, V, (B, S))
mask = torch.ones(B, S, dtype=torch.long)
types = torch.zeros(B, S, dtype=torch.long)
labels = torch.where(torch.rand(B, S) < 0.15, ids, torch.full_like(ids, -100))


def run(steps):
    times, cpu = [], []
    for i in range(steps + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        model.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(ids, mask, types).view(-1, V), labels.view(-1), ignore_index=-100)
        loss.backward()
        if i > 0:  # first step warms up allocators
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    return times, cpu


full, full_cpu = run(cfg['steps'])
for name, p in model.named_parameters():  # frozen bottom: train only the top layer and the decoder bias
    p.requires_grad_(name.startswith('layers.%d.' % (cfg['layers'] - 1)) or name == 'decoder_bias')
frozen, frozen_cpu = run(cfg['steps'])
print(json.dumps({'full': full, 'frozen': frozen, 'fullCpu': full_cpu, 'frozenCpu': frozen_cpu, 'torch': torch.__version__}))
