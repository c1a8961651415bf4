#!/usr/bin/python3
"""PyTorch twin of the models that @nlpft/onnx's builder makes: the reference for its tests.

Reads a model written by the builder (packages/onnx/fixtures/builder/*.onnx), rebuilds the same architecture in
PyTorch with plain tensor ops, loads OUR initializer values by name, runs fixed inputs (a padded batch) and writes
the outputs (and, for `--grad`, autograd's gradients of a loss) to a JSON file beside the model.

The architecture is read from the model's metadata entry `nlpft.builder` (JSON written by the builder):
  BERT  (architecture "bert"): HF BertModel math (post-LN, erf GELU, additive mask (1 - mask) * finfo(f32).min)
  GPT-2 (architecture "gpt2"): HF GPT2LMHeadModel math (pre-LN, gelu_new, causal + padding mask, tied lm_head)
Surgery additions are recognised by initializer names: prefix tuning (`<layer>.prefix_key` / `prefix_value`,
[heads, P, headDim]) and a classification head (`classifier.weight` [hidden, classes], `classifier.bias`).
Dropout is off (eval), as in onnxruntime inference.

Computes in float64 so the reference is not itself limited by float32 rounding.

Regenerate (from the repository root, after `npx tsx packages/onnx/scripts/make-builder-fixtures.ts`):
  /usr/bin/python3 packages/onnx/scripts/builder_twin.py packages/onnx/fixtures/builder/bert-tiny.onnx
  /usr/bin/python3 packages/onnx/scripts/builder_twin.py packages/onnx/fixtures/builder/gpt2-tiny.onnx
  ... (make-builder-fixtures.ts prints the full list)
Tested with Debian python3-torch 1.13 and python3-onnx 1.12.
"""
import argparse
import json
import math
import sys

import onnx
import torch
from onnx import numpy_helper

F32_MIN = float(torch.finfo(torch.float32).min)
DTYPE = torch.float64


def load(path):
    model = onnx.load(path)
    meta = {p.key: p.value for p in model.metadata_props}
    if 'nlpft.builder' not in meta:
        sys.exit(f'{path}: no nlpft.builder metadata; was it written by the @nlpft/onnx builder?')
    config = json.loads(meta['nlpft.builder'])
    weights = {}
    for init in model.graph.initializer:
        array = numpy_helper.to_array(init)
        tensor = torch.tensor(array.copy())
        if tensor.is_floating_point():
            tensor = tensor.to(DTYPE)
        weights[init.name] = tensor
    return model, config, weights


def layer_norm(x, w, prefix, eps):
    return torch.nn.functional.layer_norm(x, x.shape[-1:], w[prefix + '.weight'], w[prefix + '.bias'], eps)


def linear(x, w, prefix):
    # Builder weights are stored [in, out] so the graph can use MatMul(x, W) without a Transpose.
    return x @ w[prefix + '.weight'] + w[prefix + '.bias']


def gelu_erf(x):
    return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))


def gelu_tanh(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


def attention(q, k, v, bias, heads, w, prefix):
    """q, k, v: [B, S, H]; bias: additive mask broadcastable to [B, heads, S, S(+P)]."""
    b, s, h = q.shape
    hd = h // heads
    q = q.reshape(b, s, heads, hd).permute(0, 2, 1, 3)
    k = k.reshape(b, s, heads, hd).permute(0, 2, 1, 3)
    v = v.reshape(b, s, heads, hd).permute(0, 2, 1, 3)
    if prefix + '.prefix_key' in w:
        pk = w[prefix + '.prefix_key']  # [heads, P, hd]
        pv = w[prefix + '.prefix_value']
        k = torch.cat([pk.unsqueeze(0).expand(b, -1, -1, -1), k], dim=2)
        v = torch.cat([pv.unsqueeze(0).expand(b, -1, -1, -1), v], dim=2)
        p = pk.shape[1]
        zeros = torch.zeros(*bias.shape[:-1], p, dtype=bias.dtype)
        bias = torch.cat([zeros, bias], dim=-1)
    scores = (q @ k.transpose(-1, -2)) / math.sqrt(hd)
    probs = torch.softmax(scores + bias, dim=-1)
    ctx = (probs @ v).permute(0, 2, 1, 3).reshape(b, s, h)
    return ctx


def bert(config, w, input_ids, attention_mask, token_type_ids):
    eps = config['layerNormEps']
    heads = config['heads']
    s = input_ids.shape[1]
    x = (
        w['embeddings.word_embeddings.weight'][input_ids]
        + w['embeddings.position_embeddings.weight'][torch.arange(s)].unsqueeze(0)
        + w['embeddings.token_type_embeddings.weight'][token_type_ids]
    )
    x = layer_norm(x, w, 'embeddings.LayerNorm', eps)
    bias = ((1.0 - attention_mask.to(DTYPE)) * F32_MIN)[:, None, None, :]
    for i in range(config['layers']):
        p = f'encoder.layer.{i}'
        q = linear(x, w, f'{p}.attention.self.query')
        k = linear(x, w, f'{p}.attention.self.key')
        v = linear(x, w, f'{p}.attention.self.value')
        ctx = attention(q, k, v, bias, heads, w, f'{p}.attention.self')
        a = linear(ctx, w, f'{p}.attention.output.dense')
        x = layer_norm(a + x, w, f'{p}.attention.output.LayerNorm', eps)
        f = linear(gelu_erf(linear(x, w, f'{p}.intermediate.dense')), w, f'{p}.output.dense')
        x = layer_norm(f + x, w, f'{p}.output.LayerNorm', eps)
    return x


def gpt2(config, w, input_ids, attention_mask):
    eps = config['layerNormEps']
    heads = config['heads']
    h = config['hidden']
    s = input_ids.shape[1]
    x = w['transformer.wte.weight'][input_ids] + w['transformer.wpe.weight'][torch.arange(s)].unsqueeze(0)
    causal = torch.arange(s)[None, :] <= torch.arange(s)[:, None]  # [S(query), S(key)]
    allowed = causal[None, None, :, :] & (attention_mask != 0)[:, None, None, :]
    bias = torch.where(allowed, torch.tensor(0.0, dtype=DTYPE), torch.tensor(F32_MIN, dtype=DTYPE))
    for i in range(config['layers']):
        p = f'transformer.h.{i}'
        a = layer_norm(x, w, f'{p}.ln_1', eps)
        qkv = linear(a, w, f'{p}.attn.c_attn')
        q, k, v = qkv.split(h, dim=-1)
        ctx = attention(q, k, v, bias, heads, w, f'{p}.attn')
        x = x + linear(ctx, w, f'{p}.attn.c_proj')
        m = layer_norm(x, w, f'{p}.ln_2', eps)
        x = x + linear(gelu_tanh(linear(m, w, f'{p}.mlp.c_fc')), w, f'{p}.mlp.c_proj')
    x = layer_norm(x, w, 'transformer.ln_f', eps)
    return x @ w['transformer.wte.weight'].T


def pooled_head(config, w, hidden, attention_mask):
    pooling = config.get('head', {}).get('pooling', 'cls')
    if pooling == 'cls':
        pooled = hidden[:, 0, :]
    else:
        m = attention_mask.to(DTYPE)[:, :, None]
        pooled = (hidden * m).sum(dim=1) / m.sum(dim=1)
    return pooled @ w['classifier.weight'] + w['classifier.bias']


def forward(config, w, feeds):
    ids = feeds['input_ids']
    mask = feeds['attention_mask']
    if config['architecture'] == 'bert':
        hidden = bert(config, w, ids, mask, feeds['token_type_ids'])
        if 'classifier.weight' in w:
            return {'logits': pooled_head(config, w, hidden, mask), 'last_hidden_state': hidden}
        return {'last_hidden_state': hidden}
    if config['architecture'] == 'gpt2':
        return {'logits': gpt2(config, w, ids, mask)}
    sys.exit(f'unknown architecture {config["architecture"]}')


def loss_of(config, outputs, feeds, labels):
    logits = outputs['logits']
    if logits.dim() == 3:
        # Causal LM: position t predicts token t + 1; padding labels are -100 (ignored), mean over the rest.
        shift_logits = logits[:, :-1, :].reshape(-1, logits.shape[-1])
        shift_labels = labels[:, 1:].reshape(-1)
        return torch.nn.functional.cross_entropy(shift_logits, shift_labels, ignore_index=-100)
    return torch.nn.functional.cross_entropy(logits, labels, ignore_index=-100)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('model', help='an .onnx written by the @nlpft/onnx builder')
    parser.add_argument('--inputs', help='JSON with input_ids, attention_mask[, token_type_ids][, labels]; '
                        'default <model without .onnx>.inputs.json')
    parser.add_argument('--out', help='default <model without .onnx>.reference.json')
    parser.add_argument('--grad', action='store_true', help='also write d(loss)/d(initializer) for every float '
                        'initializer (loss: cross-entropy on labels, shifted for causal LM, ignore index -100)')
    args = parser.parse_args()
    stem = args.model[:-5] if args.model.endswith('.onnx') else args.model
    _, config, w = load(args.model)
    with open(args.inputs or stem + '.inputs.json') as f:
        raw = json.load(f)
    feeds = {k: torch.tensor(v, dtype=torch.int64) for k, v in raw.items() if k != 'labels'}
    params = {k: v for k, v in w.items() if v.is_floating_point()}
    for v in params.values():
        v.requires_grad_(args.grad)
    outputs = forward(config, w, feeds)
    result = {
        'generator': 'packages/onnx/scripts/builder_twin.py',
        'torch': torch.__version__,
        'dtype': 'float64',
        'config': config,
        'inputs': raw,
        'outputs': {k: {'dims': list(v.shape), 'data': [round(x, 9) for x in v.detach().reshape(-1).tolist()]}
                    for k, v in outputs.items()},
    }
    if args.grad:
        labels = torch.tensor(raw['labels'], dtype=torch.int64)
        loss = loss_of(config, outputs, feeds, labels)
        loss.backward()
        result['loss'] = loss.item()
        result['gradients'] = {
            k: {'dims': list(v.shape), 'data': [float('%.9g' % x) for x in v.grad.reshape(-1).tolist()]}
            for k, v in params.items() if v.grad is not None
        }
    out = args.out or stem + ('.gradients.json' if args.grad else '.reference.json')
    with open(out, 'w') as f:
        json.dump(result, f, separators=(',', ':'))
        f.write('\n')
    print(f'wrote {out}')


if __name__ == '__main__':
    main()
