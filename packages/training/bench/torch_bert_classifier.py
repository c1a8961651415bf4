#!/usr/bin/env python3
"""PyTorch CPU twin of bench/bert-step-worker.ts: the same BERT sequence classifier (Hugging Face BertModel
layout: post-LN blocks, erf GELU, first-token pooling without the tanh pooler, linear classifier, no dropout), loaded
with the weights and batch the worker wrote, trained `steps` steps of forward + backward + torch.optim.AdamW.
With `"checkpoint": true` each layer runs under torch.utils.checkpoint (as HF's gradient_checkpointing does).

Usage: /usr/bin/python3 bench/torch_bert_classifier.py WEIGHTS_DIR '{"hidden":768,"layers":12,...}'
Prints one JSON line: sgemm GFLOP/s, set-up and per-step wall / CPU seconds, memory after set-up and each step (MB).
Exits 2 without training when sgemm runs below 20 GFLOP/s (a reference BLAS: a comparison would be meaningless).
"""
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
import torch.utils.checkpoint
from torch import nn

weights_dir, cfg = sys.argv[1], json.loads(sys.argv[2])
torch.set_num_threads(cfg['threads'])
H, A, I = cfg['hidden'], cfg['heads'], cfg['inter']


def memory():
    status = open('/proc/self/status').read()
    kb = lambda key: int(status.split(key + ':')[1].split()[0])
    return {'rss': kb('VmRSS') / 1024, 'hwm': kb('VmHWM') / 1024}


def sgemm_gflops(n=1024, reps=10):
    a, b = torch.randn(n, n), torch.randn(n, n)
    a @ b
    t0 = time.perf_counter()
    for _ in range(reps):
        a @ b
    return 2 * n ** 3 * reps / (time.perf_counter() - t0) / 1e9


class Dense(nn.Module):
    """nn.Linear whose weight loads from the builder's [in, out] layout."""

    def __init__(self, i, o):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(i, o))
        self.bias = nn.Parameter(torch.empty(o))

    def forward(self, x):
        return torch.addmm(self.bias, x.reshape(-1, x.shape[-1]), self.weight).view(*x.shape[:-1], -1)


class LayerNorm(nn.LayerNorm):
    def __init__(self):
        super().__init__(H, eps=1e-12)


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention = nn.Module()
        self.attention.self = nn.Module()
        self.attention.self.query, self.attention.self.key, self.attention.self.value = Dense(H, H), Dense(H, H), Dense(H, H)
        self.attention.output = nn.Module()
        self.attention.output.dense, self.attention.output.LayerNorm = Dense(H, H), LayerNorm()
        self.intermediate = nn.Module()
        self.intermediate.dense = Dense(H, I)
        self.output = nn.Module()
        self.output.dense, self.output.LayerNorm = Dense(I, H), LayerNorm()

    def forward(self, x, bias):
        b, s, _ = x.shape
        sa = self.attention.self
        split = lambda t: t.view(b, s, A, H // A).transpose(1, 2)
        q, k, v = split(sa.query(x)), split(sa.key(x)), split(sa.value(x))
        p = (q @ k.transpose(-1, -2) / math.sqrt(H // A) + bias).softmax(-1)
        ctx = (p @ v).transpose(1, 2).reshape(b, s, H)
        x = self.attention.output.LayerNorm(x + self.attention.output.dense(ctx))
        return self.output.LayerNorm(x + self.output.dense(F.gelu(self.intermediate.dense(x))))


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.embeddings = nn.Module()
        self.embeddings.word_embeddings = nn.Embedding(cfg['vocab'], H)
        self.embeddings.position_embeddings = nn.Embedding(512, H)
        self.embeddings.token_type_embeddings = nn.Embedding(2, H)
        self.embeddings.LayerNorm = LayerNorm()
        self.encoder = nn.Module()
        self.encoder.layer = nn.ModuleList([Layer() for _ in range(cfg['layers'])])
        self.classifier = Dense(H, cfg['labels'])

    def forward(self, ids, mask, types):
        e = self.embeddings
        x = e.LayerNorm(e.word_embeddings(ids) + e.position_embeddings(torch.arange(ids.shape[1])[None]) + e.token_type_embeddings(types))
        bias = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        for layer in self.encoder.layer:
            # HF's gradient_checkpointing: each layer's activations recomputed in backward.
            x = torch.utils.checkpoint.checkpoint(layer, x, bias) if cfg.get('checkpoint') else layer(x, bias)
        return self.classifier(x[:, 0])


gflops = sgemm_gflops()
if gflops < 20:
    print(json.dumps({'side': 'torch', 'error': f'sgemm {gflops:.1f} GFLOP/s < 20: reference BLAS?', 'gflops': gflops}))
    sys.exit(2)

t0, c0 = time.perf_counter(), time.process_time()
model = Classifier()
manifest = json.load(open(os.path.join(weights_dir, 'manifest.json')))
flat = np.fromfile(os.path.join(weights_dir, 'weights.f32'), dtype=np.float32)
state = {}
for entry in manifest:
    n = int(np.prod(entry['dims']))
    state[entry['name']] = torch.from_numpy(flat[entry['offset']:entry['offset'] + n].reshape(entry['dims']))
model.load_state_dict(state, strict=True)  # copies into the parameters
del state, flat
batch = json.load(open(os.path.join(weights_dir, 'batch.json')))
B, S = cfg['batch'], cfg['seq']
ids = torch.tensor(batch['input_ids']).view(B, S)
labels = torch.tensor(batch['labels'])
mask, types = torch.ones(B, S, dtype=torch.long), torch.zeros(B, S, dtype=torch.long)
opt = torch.optim.AdamW(model.parameters(), lr=2e-5, weight_decay=0.01)
setup = time.perf_counter() - t0
after_setup = memory()

steps, losses, grads_wall, update_wall = [], [], [], []
for _ in range(cfg['steps']):
    w, c = time.perf_counter(), time.process_time()
    opt.zero_grad(set_to_none=True)
    loss = F.cross_entropy(model(ids, mask, types), labels)
    loss.backward()
    g = time.perf_counter()
    opt.step()
    u = time.perf_counter()
    losses.append(loss.item())
    grads_wall.append(g - w)
    update_wall.append(u - g)
    steps.append({'wall': u - w, 'cpu': time.process_time() - c, 'memory': memory()})
print(json.dumps({
    'side': 'torch', 'torch': torch.__version__, 'threads': torch.get_num_threads(), 'gflops': gflops,
    'parameterCount': sum(p.numel() for p in model.parameters()), 'setupSeconds': setup, 'afterSetup': after_setup,
    'steps': steps, 'phases': {'grads': grads_wall, 'update': update_wall, 'losses': losses}, 'peak': memory()['hwm'],
}))
