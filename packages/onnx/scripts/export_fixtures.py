#!/usr/bin/env python3
"""Exports a tiny BERT (masked LM) and a tiny GPT-2 (causal LM) from PyTorch to ONNX, with PyTorch autograd's
gradients for one fixed batch, so @nlpft/onnx's autodiff can be checked against them.

Regenerate (Debian python3-torch 1.13, python3-onnx, python3-numpy; takes a few seconds on CPU):
    /usr/bin/python3 packages/onnx/scripts/export_fixtures.py

The models follow Hugging Face's BertForMaskedLM and GPT2LMHeadModel (post-LN BERT with erf GELU, pre-LN GPT-2
with tanh GELU, decoders tied to the word embeddings), written out here so no `transformers` install is needed.
BERT is exported at opset 14 (LayerNorm decomposed into ReduceMean/Sub/Pow/Sqrt/Div), GPT-2 at opset 17
(LayerNormalization), both without constant folding so every parameter stays a named initializer.

Outputs in packages/onnx/fixtures/grad/, for NAME in bert-tiny, gpt2-tiny:
  NAME.onnx            float32 model: inputs input_ids, attention_mask (int64 [batch, seq]); output logits
  NAME.batch.json      the batch: input_ids, attention_mask, labels (-100 = ignored), plus the loss
  NAME.grads.json      manifest: for "full" and "frozen" runs, each parameter's name, dims, offset (floats) in
  NAME.grads.bin       little-endian float32 gradients, computed in float64 from the float32 weights
The loss is mean cross-entropy over labels != -100 (BERT: MLM labels; GPT-2: labels shifted one to the left).
"frozen" trains only the top layer and the final LayerNorm / head bias (embeddings and layer 0 frozen).
"""
import json
import math
import os

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'fixtures', 'grad')
os.makedirs(OUT, exist_ok=True)

VOCAB, HIDDEN, HEADS, LAYERS, INTER, POSITIONS = 128, 32, 4, 2, 64, 16
BATCH, SEQ = 2, 8


class BertSelfAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.query = nn.Linear(HIDDEN, HIDDEN)
        self.key = nn.Linear(HIDDEN, HIDDEN)
        self.value = nn.Linear(HIDDEN, HIDDEN)

    def heads(self, x):
        b, s, _ = x.shape
        return x.view(b, s, HEADS, HIDDEN // HEADS).permute(0, 2, 1, 3)

    def forward(self, x, bias):
        q, k, v = self.heads(self.query(x)), self.heads(self.key(x)), self.heads(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(HIDDEN // HEADS) + bias
        ctx = torch.matmul(scores.softmax(-1), v).permute(0, 2, 1, 3)
        return ctx.reshape(x.shape[0], x.shape[1], HIDDEN)


class BertLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention = BertSelfAttention()
        self.attention_output = nn.Linear(HIDDEN, HIDDEN)
        self.attention_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.intermediate = nn.Linear(HIDDEN, INTER)
        self.output = nn.Linear(INTER, HIDDEN)
        self.output_norm = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, x, bias):
        x = self.attention_norm(x + self.attention_output(self.attention(x, bias)))
        return self.output_norm(x + self.output(F.gelu(self.intermediate(x))))


class TinyBertForMaskedLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.word_embeddings = nn.Embedding(VOCAB, HIDDEN)
        self.position_embeddings = nn.Embedding(POSITIONS, HIDDEN)
        self.token_type_embeddings = nn.Embedding(2, HIDDEN)
        self.embeddings_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layer = nn.ModuleList([BertLayer() for _ in range(LAYERS)])
        self.head_dense = nn.Linear(HIDDEN, HIDDEN)
        self.head_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.head_bias = nn.Parameter(torch.zeros(VOCAB))

    def forward(self, input_ids, attention_mask):
        positions = torch.arange(input_ids.shape[1]).unsqueeze(0)
        x = self.word_embeddings(input_ids) + self.position_embeddings(positions) + self.token_type_embeddings(torch.zeros_like(input_ids))
        x = self.embeddings_norm(x)
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layer:
            x = layer(x, bias)
        h = self.head_norm(F.gelu(self.head_dense(x)))
        return torch.matmul(h, self.word_embeddings.weight.t()) + self.head_bias  # decoder tied to the embeddings


class Gpt2Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1 = nn.LayerNorm(HIDDEN)
        self.c_attn_weight = nn.Parameter(torch.randn(HIDDEN, 3 * HIDDEN) * 0.02)  # Conv1D: x @ W + b
        self.c_attn_bias = nn.Parameter(torch.randn(3 * HIDDEN) * 0.02)
        self.c_proj_weight = nn.Parameter(torch.randn(HIDDEN, HIDDEN) * 0.02)
        self.c_proj_bias = nn.Parameter(torch.randn(HIDDEN) * 0.02)
        self.ln_2 = nn.LayerNorm(HIDDEN)
        self.c_fc_weight = nn.Parameter(torch.randn(HIDDEN, INTER) * 0.02)
        self.c_fc_bias = nn.Parameter(torch.randn(INTER) * 0.02)
        self.mlp_proj_weight = nn.Parameter(torch.randn(INTER, HIDDEN) * 0.02)
        self.mlp_proj_bias = nn.Parameter(torch.randn(HIDDEN) * 0.02)
        self.register_buffer('causal', torch.tril(torch.ones(POSITIONS, POSITIONS, dtype=torch.bool)).view(1, 1, POSITIONS, POSITIONS))

    def heads(self, x):
        b, s, _ = x.shape
        return x.view(b, s, HEADS, HIDDEN // HEADS).permute(0, 2, 1, 3)

    def forward(self, x, pad_bias):
        b, s, _ = x.shape
        qkv = torch.matmul(self.ln_1(x), self.c_attn_weight) + self.c_attn_bias
        q, k, v = qkv.split(HIDDEN, dim=2)
        q, k, v = self.heads(q), self.heads(k), self.heads(v)
        w = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(HIDDEN // HEADS)
        mask = self.causal[:, :, :s, :s]
        w = torch.where(mask, w, torch.tensor(-10000.0, dtype=w.dtype)) + pad_bias
        a = torch.matmul(w.softmax(-1), v).permute(0, 2, 1, 3).reshape(b, s, HIDDEN)
        x = x + torch.matmul(a, self.c_proj_weight) + self.c_proj_bias
        h = torch.matmul(self.ln_2(x), self.c_fc_weight) + self.c_fc_bias
        h = 0.5 * h * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (h + 0.044715 * torch.pow(h, 3.0))))  # gelu_new
        return x + torch.matmul(h, self.mlp_proj_weight) + self.mlp_proj_bias


class TinyGpt2LMHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte = nn.Embedding(VOCAB, HIDDEN)
        self.wpe = nn.Embedding(POSITIONS, HIDDEN)
        self.h = nn.ModuleList([Gpt2Block() for _ in range(LAYERS)])
        self.ln_f = nn.LayerNorm(HIDDEN)

    def forward(self, input_ids, attention_mask):
        positions = torch.arange(input_ids.shape[1]).unsqueeze(0)
        x = self.wte(input_ids) + self.wpe(positions)
        pad_bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for block in self.h:
            x = block(x, pad_bias)
        return torch.matmul(self.ln_f(x), self.wte.weight.t())  # lm_head tied to wte


def randomize(model, seed):
    """Non-trivial values everywhere (LayerNorm gains and biases too), so every gradient is exercised."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith('norm.weight') or '.ln_' in name or name.startswith('ln_') or name.endswith('_norm.weight'):
                p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g))
            else:
                p.copy_(0.05 * torch.randn(p.shape, generator=g))


def loss_of(logits, labels, causal):
    if causal:
        logits, labels = logits[:, :-1, :], labels[:, 1:]
    return F.cross_entropy(logits.reshape(-1, VOCAB), labels.reshape(-1), ignore_index=-100)


def export(name, model, opset, causal, frozen_prefixes, labels_of):
    torch.manual_seed(0)
    model.eval()
    gen = torch.Generator().manual_seed(1)
    input_ids = torch.randint(3, VOCAB, (BATCH, SEQ), generator=gen)
    attention_mask = torch.ones(BATCH, SEQ, dtype=torch.long)
    attention_mask[1, -2:] = 0  # second row padded
    labels = labels_of(input_ids, attention_mask, gen)
    path = os.path.join(OUT, f'{name}.onnx')
    torch.onnx.export(
        model, (input_ids, attention_mask), path, opset_version=opset, do_constant_folding=False,
        input_names=['input_ids', 'attention_mask'], output_names=['logits'],
        dynamic_axes={'input_ids': {0: 'batch', 1: 'sequence'}, 'attention_mask': {0: 'batch', 1: 'sequence'},
                      'logits': {0: 'batch', 1: 'sequence'}},
        training=torch.onnx.TrainingMode.EVAL,
    )
    import onnx
    init_names = {t.name for t in onnx.load(path).graph.initializer}
    double = model.double()
    records = {}
    blobs = []
    offset = 0
    loss_value = None
    for run in ['full', 'frozen']:
        double.zero_grad()
        for pname, p in double.named_parameters():
            p.requires_grad_(run == 'full' or not any(pname.startswith(f) for f in frozen_prefixes))
        loss = loss_of(double(input_ids, attention_mask), labels, causal)
        loss.backward()
        loss_value = float(loss)
        entries = []
        for pname, p in double.named_parameters():
            if not p.requires_grad:
                continue
            assert pname in init_names, f'{pname} is not an initializer of the exported graph'
            grad = p.grad.detach().numpy().astype('<f4').reshape(-1)
            entries.append({'name': pname, 'dims': list(p.shape), 'offset': offset})
            blobs.append(grad)
            offset += grad.size
        records[run] = entries
    with open(os.path.join(OUT, f'{name}.grads.bin'), 'wb') as f:
        f.write(np.concatenate(blobs).tobytes())
    with open(os.path.join(OUT, f'{name}.grads.json'), 'w') as f:
        json.dump({'generator': 'scripts/export_fixtures.py (torch %s)' % torch.__version__, 'runs': records}, f, indent=1)
    with open(os.path.join(OUT, f'{name}.batch.json'), 'w') as f:
        json.dump({'dims': [BATCH, SEQ], 'input_ids': input_ids.reshape(-1).tolist(),
                   'attention_mask': attention_mask.reshape(-1).tolist(), 'labels': labels.reshape(-1).tolist(),
                   'loss': loss_value, 'causal': causal, 'frozen_prefixes': frozen_prefixes}, f)
    print(name, 'loss', loss_value, 'params', sum(p.numel() for p in model.parameters()))


def mlm_labels(input_ids, attention_mask, gen):
    labels = torch.full_like(input_ids, -100)
    pick = torch.rand(input_ids.shape, generator=gen) < 0.5
    pick &= attention_mask.bool()
    pick[0, 1] = True
    labels[pick] = input_ids[pick]
    return labels


def lm_labels(input_ids, attention_mask, gen):
    return input_ids.masked_fill(attention_mask == 0, -100)


bert = TinyBertForMaskedLM()
randomize(bert, 11)
export('bert-tiny', bert, 14, False, ['word_embeddings', 'position_embeddings', 'token_type_embeddings', 'embeddings_norm', 'layer.0.'], mlm_labels)
gpt2 = TinyGpt2LMHead()
randomize(gpt2, 12)
export('gpt2-tiny', gpt2, 17, True, ['wte', 'wpe', 'h.0.'], lm_labels)
