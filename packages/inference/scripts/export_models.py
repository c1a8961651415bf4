#!/usr/bin/python3
"""Exports the tiny test models of @nlpft/inference and PyTorch's reference outputs.

Regenerate (Debian's python3-torch 1.13 and python3-onnx 1.12; no `transformers` needed):

    cd packages/inference && /usr/bin/python3 scripts/export_models.py

Writes into fixtures/:
  vocab.json                 the word-level vocabulary the fixture texts use (tests tokenize with it)
  bert-tiny/                 BERT encoder, outputs last_hidden_state          (feature extraction)
  bert-tiny-cls/             BERT + pooler + classifier, outputs logits        (3 labels)
  bert-tiny-qa/              BERT + span head, outputs start_logits/end_logits
  gpt2-tiny/                 GPT-2 LM, no cache: input_ids, attention_mask, position_ids -> logits
  gpt2-tiny-with-past/       same weights, with past_key_values.{i}.key|value -> logits, present.{i}.key|value
  gpt2-tiny-cls/             GPT-2 body + per-position classification head, logits [batch, seq, 2]
                             (GPT-1 style: the caller reads the logits at the extract token)
  gpt2-tiny-mc/              GPT-2 double heads: input_ids [batch, choices, seq], mc_token_ids -> mc_logits
  reference.json             inputs and PyTorch outputs (float32 values) for fixed inputs, padded batches included

The architectures are written here in plain PyTorch and follow Hugging Face's BertModel / GPT2Model computation
(post-LayerNorm BERT with erf GELU and eps 1e-12; pre-LayerNorm GPT-2 with tanh GELU, Conv1D weights, finfo.min
masking, tied LM head). Sizes: vocabulary 1000 (the embedding table; the word vocabulary fills the first ids),
hidden 32, 2 layers, 4 heads, 64 positions, so each file stays a few hundred KB and a real 30522-token tokenizer
trips the 'vocabulary larger than the embedding table' check. Weights are random with fixed seeds and a larger
spread than HF's init (std 0.2) so logits are peaked and greedy generation has clear margins.

The benchmark's model is not made here: bench/run.ts builds it with @nlpft/onnx's builder at run time.
"""
import json
import math
import os
import re

import numpy as np
import torch
from torch import nn

torch.set_grad_enabled(False)
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, '..', 'fixtures')
VOCAB_SIZE = 1000
HIDDEN = 32
LAYERS = 2
HEADS = 4
MAX_POS = 64
INTERMEDIATE = 64
NEG = torch.finfo(torch.float32).min

SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']
WORDS = (
    'the a an and or of to in on at is was are were be it this that with for as by from cat dog mat sat ran '
    'fast slow big small red blue green house tree river city paris france london england capital country '
    'who what where when why how which name is called lives lived born year man woman child children book '
    'read wrote writes good bad great terrible movie film loved hated plot actor actors boring fun '
    'question answer text story once upon time there king queen castle forest old young happy sad '
    '. , ? ! \' - 1 2 3 4 5 6 7 8 9 0 one two three four five'
).split()
VOCAB = SPECIALS + [w for i, w in enumerate(WORDS) if w not in WORDS[:i]]
assert len(VOCAB) < VOCAB_SIZE
IDS = {w: i for i, w in enumerate(VOCAB)}
PAD, UNK, CLS, SEP = 0, 1, 2, 3
TOKEN_RE = re.compile(r"\w+|[^\w\s]")


def words(text):
    """The fixtures' tokenizer: lowercase, split into words and punctuation, look up (unknown -> [UNK])."""
    return [IDS.get(m.group(0), UNK) for m in TOKEN_RE.finditer(text.lower())]


def init_(module, seed):
    g = torch.Generator().manual_seed(seed)
    for name, p in sorted(module.named_parameters()):
        if name.endswith('ln.weight') or 'LayerNorm.weight' in name or re.search(r'ln_\w+\.weight$', name):
            p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g))
        else:
            p.copy_(0.2 * torch.randn(p.shape, generator=g))


# ---------------------------------------------------------------- BERT (HF BertModel computation)
class BertLayer(nn.Module):
    def __init__(self, h, heads, inter):
        super().__init__()
        self.heads = heads
        self.query, self.key, self.value = nn.Linear(h, h), nn.Linear(h, h), nn.Linear(h, h)
        self.attn_out = nn.Linear(h, h)
        self.attn_LayerNorm = nn.LayerNorm(h, eps=1e-12)
        self.intermediate = nn.Linear(h, inter)
        self.output = nn.Linear(inter, h)
        self.out_LayerNorm = nn.LayerNorm(h, eps=1e-12)

    def split(self, x):
        b, s, h = x.shape
        return x.view(b, s, self.heads, h // self.heads).permute(0, 2, 1, 3)

    def forward(self, x, ext_mask):
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(q.shape[-1]) + ext_mask
        ctx = torch.matmul(torch.softmax(scores, dim=-1), v).permute(0, 2, 1, 3)
        ctx = ctx.reshape(x.shape)
        x = self.attn_LayerNorm(self.attn_out(ctx) + x)
        inter = nn.functional.gelu(self.intermediate(x))  # erf GELU, HF's "gelu"
        return self.out_LayerNorm(self.output(inter) + x)


class Bert(nn.Module):
    def __init__(self, vocab=VOCAB_SIZE, h=HIDDEN, layers=LAYERS, heads=HEADS, inter=INTERMEDIATE, max_pos=MAX_POS):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab, h)
        self.position_embeddings = nn.Embedding(max_pos, h)
        self.token_type_embeddings = nn.Embedding(2, h)
        self.emb_LayerNorm = nn.LayerNorm(h, eps=1e-12)
        self.layers = nn.ModuleList([BertLayer(h, heads, inter) for _ in range(layers)])
        self.pooler = nn.Linear(h, h)

    def forward(self, input_ids, attention_mask, token_type_ids):
        seq = input_ids.shape[1]
        pos = torch.arange(seq, dtype=torch.long).unsqueeze(0)
        x = self.word_embeddings(input_ids) + self.position_embeddings(pos) + self.token_type_embeddings(token_type_ids)
        x = self.emb_LayerNorm(x)
        ext = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * NEG
        for layer in self.layers:
            x = layer(x, ext)
        return x

    def pooled(self, hidden):
        return torch.tanh(self.pooler(hidden[:, 0]))


class BertBase(nn.Module):
    def __init__(self, bert):
        super().__init__()
        self.bert = bert

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.bert(input_ids, attention_mask, token_type_ids)


class BertCls(nn.Module):
    def __init__(self, bert, labels):
        super().__init__()
        self.bert = bert
        self.classifier = nn.Linear(bert.pooler.out_features, labels)

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.classifier(self.bert.pooled(self.bert(input_ids, attention_mask, token_type_ids)))


class BertQa(nn.Module):
    def __init__(self, bert):
        super().__init__()
        self.bert = bert
        self.qa_outputs = nn.Linear(bert.pooler.out_features, 2)

    def forward(self, input_ids, attention_mask, token_type_ids):
        logits = self.qa_outputs(self.bert(input_ids, attention_mask, token_type_ids))
        return logits[..., 0], logits[..., 1]


# ---------------------------------------------------------------- GPT-2 (HF GPT2Model computation)
def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class Conv1D(nn.Module):
    """HF's Conv1D: weight [in, out], y = x @ W + b."""

    def __init__(self, nin, nout):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(nin, nout))
        self.bias = nn.Parameter(torch.zeros(nout))

    def forward(self, x):
        return torch.matmul(x, self.weight) + self.bias


class GptBlock(nn.Module):
    def __init__(self, h, heads):
        super().__init__()
        self.heads = heads
        self.ln_1 = nn.LayerNorm(h, eps=1e-5)
        self.c_attn = Conv1D(h, 3 * h)
        self.attn_proj = Conv1D(h, h)
        self.ln_2 = nn.LayerNorm(h, eps=1e-5)
        self.c_fc = Conv1D(h, 4 * h)
        self.mlp_proj = Conv1D(4 * h, h)

    def split(self, x):
        b, s, h = x.shape
        return x.view(b, s, self.heads, h // self.heads).permute(0, 2, 1, 3)

    def forward(self, x, mask_add, past):
        h = x.shape[-1]
        q, k, v = self.c_attn(self.ln_1(x)).split(h, dim=2)
        q, k, v = self.split(q), self.split(k), self.split(v)
        if past is not None:
            k = torch.cat([past[0], k], dim=2)
            v = torch.cat([past[1], v], dim=2)
        present = (k, v)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(q.shape[-1])
        q_len, k_len = q.shape[2], k.shape[2]
        q_pos = torch.arange(q_len, dtype=torch.long) + (k_len - q_len)
        k_pos = torch.arange(k_len, dtype=torch.long)
        causal = k_pos[None, :] <= q_pos[:, None]
        scores = torch.where(causal[None, None], scores, torch.tensor(NEG, dtype=scores.dtype))
        scores = scores + mask_add
        ctx = torch.matmul(torch.softmax(scores, dim=-1), v).permute(0, 2, 1, 3).reshape(x.shape)
        x = x + self.attn_proj(ctx)
        x = x + self.mlp_proj(gelu_new(self.c_fc(self.ln_2(x))))
        return x, present


class Gpt2(nn.Module):
    def __init__(self, vocab=VOCAB_SIZE, h=HIDDEN, layers=LAYERS, heads=HEADS, max_pos=MAX_POS):
        super().__init__()
        self.wte = nn.Embedding(vocab, h)
        self.wpe = nn.Embedding(max_pos, h)
        self.blocks = nn.ModuleList([GptBlock(h, heads) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(h, eps=1e-5)

    def hidden(self, input_ids, attention_mask, position_ids, past=None):
        x = self.wte(input_ids) + self.wpe(position_ids)
        mask_add = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * NEG
        presents = []
        for i, block in enumerate(self.blocks):
            x, present = block(x, mask_add, None if past is None else past[i])
            presents.append(present)
        return self.ln_f(x), presents

    def lm_logits(self, hidden):
        return torch.matmul(hidden, self.wte.weight.t())  # tied LM head, no bias


class Gpt2Lm(nn.Module):
    def __init__(self, gpt):
        super().__init__()
        self.gpt = gpt

    def forward(self, input_ids, attention_mask, position_ids):
        return self.gpt.lm_logits(self.gpt.hidden(input_ids, attention_mask, position_ids)[0])


class Gpt2LmWithPast(nn.Module):
    def __init__(self, gpt):
        super().__init__()
        self.gpt = gpt

    def forward(self, input_ids, attention_mask, position_ids, *flat_past):
        past = [(flat_past[2 * i], flat_past[2 * i + 1]) for i in range(len(flat_past) // 2)]
        hidden, presents = self.gpt.hidden(input_ids, attention_mask, position_ids, past)
        out = [self.gpt.lm_logits(hidden)]
        for k, v in presents:
            out += [k, v]
        return tuple(out)


class Gpt2Cls(nn.Module):
    def __init__(self, gpt, labels):
        super().__init__()
        self.gpt = gpt
        self.score = nn.Linear(gpt.wte.embedding_dim, labels, bias=False)

    def forward(self, input_ids, attention_mask, position_ids):
        return self.score(self.gpt.hidden(input_ids, attention_mask, position_ids)[0])


class Gpt2DoubleHeads(nn.Module):
    """HF GPT2DoubleHeadsModel: LM head plus a multiple-choice head read at mc_token_ids."""

    def __init__(self, gpt):
        super().__init__()
        self.gpt = gpt
        self.mc_head = nn.Linear(gpt.wte.embedding_dim, 1)

    def forward(self, input_ids, attention_mask, mc_token_ids):
        b, c, s = input_ids.shape
        flat_ids = input_ids.reshape(b * c, s)
        flat_mask = attention_mask.reshape(b * c, s)
        pos = torch.arange(s, dtype=torch.long).unsqueeze(0).expand(b * c, s)
        hidden = self.gpt.hidden(flat_ids, flat_mask, pos)[0]
        idx = mc_token_ids.reshape(b * c, 1, 1).expand(b * c, 1, hidden.shape[-1])
        picked = hidden.gather(1, idx).squeeze(1)
        mc_logits = self.mc_head(picked).reshape(b, c)
        return self.gpt.lm_logits(hidden).reshape(b, c, s, -1), mc_logits


# ---------------------------------------------------------------- helpers
def export(model, args, path, input_names, output_names, dynamic_axes):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + '.tmp'
    torch.onnx.export(model, args, tmp, input_names=input_names, output_names=output_names,
                      dynamic_axes=dynamic_axes, opset_version=14, do_constant_folding=True)
    import onnx
    onnx.checker.check_model(onnx.load(tmp))
    os.replace(tmp, path)


def write_json(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(value, f, indent=1 if path.endswith('config.json') else None)
        f.write('\n')
    os.replace(tmp, path)


def tensor_json(t):
    a = t.detach().to(torch.float32).numpy()
    return {'dims': list(a.shape), 'data': [float('%.8g' % v) for v in a.reshape(-1).tolist()]}


def pad_batch(seqs, side='right', pad=PAD):
    n = max(len(s) for s in seqs)
    ids, mask = [], []
    for s in seqs:
        p = [pad] * (n - len(s))
        ids.append(s + p if side == 'right' else p + s)
        m = [1] * len(s)
        mask.append(m + [0] * len(p) if side == 'right' else [0] * len(p) + m)
    return torch.tensor(ids, dtype=torch.long), torch.tensor(mask, dtype=torch.long)


def positions_from_mask(mask):
    """HF generate's position ids: cumulative count of real tokens, 1 on padding (never read)."""
    pos = mask.cumsum(-1) - 1
    return pos.masked_fill(mask == 0, 1)


def bert_encode(text, pair=None):
    ids = [CLS] + words(text) + [SEP]
    types = [0] * len(ids)
    if pair is not None:
        b = words(pair) + [SEP]
        ids += b
        types += [1] * len(b)
    return ids, types


def bert_config(arch, extra):
    cfg = {'model_type': 'bert', 'architectures': [arch], 'vocab_size': VOCAB_SIZE, 'hidden_size': HIDDEN,
           'num_hidden_layers': LAYERS, 'num_attention_heads': HEADS, 'intermediate_size': INTERMEDIATE,
           'max_position_embeddings': MAX_POS, 'type_vocab_size': 2, 'pad_token_id': PAD,
           'layer_norm_eps': 1e-12, 'hidden_act': 'gelu'}
    cfg.update(extra)
    return cfg


def gpt_config(arch, extra):
    cfg = {'model_type': 'gpt2', 'architectures': [arch], 'vocab_size': VOCAB_SIZE, 'n_embd': HIDDEN,
           'n_layer': LAYERS, 'n_head': HEADS, 'n_positions': MAX_POS, 'bos_token_id': SEP,
           'eos_token_id': SEP, 'pad_token_id': PAD, 'layer_norm_epsilon': 1e-5, 'activation_function': 'gelu_new'}
    cfg.update(extra)
    return cfg


def greedy(lm, prompt, steps):
    """Greedy decoding without cache, recording the margin between the best and second-best logit."""
    ids = list(prompt)
    margins = []
    for _ in range(steps):
        x = torch.tensor([ids])
        logits = lm(x, torch.ones_like(x), torch.arange(len(ids)).unsqueeze(0))[0, -1]
        top = torch.topk(logits, 2)
        margins.append(float(top.values[0] - top.values[1]))
        ids.append(int(top.indices[0]))
    return ids[len(prompt):], min(margins)


def sliding_window_nll(lm, ids, max_length, stride):
    """Hugging Face's perplexity recipe (docs 'Perplexity of fixed-length models'): windows of max_length moved by
    stride; each window scores only the tokens not scored before (earlier tokens are context, label -100)."""
    nll_sum, n_tokens, prev_end = 0.0, 0, 0
    seq_len = len(ids)
    for begin in range(0, seq_len, stride):
        end = min(begin + max_length, seq_len)
        trg_len = end - prev_end
        window = torch.tensor([ids[begin:end]])
        logits = lm(window, torch.ones_like(window), torch.arange(end - begin).unsqueeze(0))[0]
        logp = torch.log_softmax(logits.double(), dim=-1)
        targets = window[0, 1:]
        token_lp = logp[:-1].gather(1, targets[:, None])[:, 0]
        # token_lp[i] scores window[i + 1]; the first window scores all but its first token, later ones their
        # last trg_len tokens
        scored = token_lp if begin == 0 else token_lp[len(token_lp) - trg_len:]
        nll_sum += float(-scored.sum())
        n_tokens += scored.numel()
        prev_end = end
        if end == seq_len:
            break
    return nll_sum, n_tokens


# ---------------------------------------------------------------- main
def main_fixtures():
    os.makedirs(FIXTURES, exist_ok=True)
    write_json(os.path.join(FIXTURES, 'vocab.json'), VOCAB)
    ref = {'generator': 'scripts/export_models.py (PyTorch %s)' % torch.__version__,
           'tokenizer': 'lowercase; regex \\w+|[^\\w\\s]; vocab.json lookup; unknown -> [UNK] (1)',
           'cases': {}}

    # BERT family: one encoder, three heads
    bert = Bert()
    init_(bert, 1)
    cls = BertCls(bert, 3)
    init_(cls.classifier, 2)
    qa = BertQa(bert)
    init_(qa.qa_outputs, 3)
    names = ['input_ids', 'attention_mask', 'token_type_ids']
    dyn = {n: {0: 'batch_size', 1: 'sequence_length'} for n in names}
    ex_ids, ex_mask = pad_batch([[CLS, 5, 6, SEP]])
    ex = (ex_ids, ex_mask, torch.zeros_like(ex_ids))
    export(BertBase(bert), ex, os.path.join(FIXTURES, 'bert-tiny', 'model.onnx'), names, ['last_hidden_state'],
           dict(dyn, last_hidden_state={0: 'batch_size', 1: 'sequence_length'}))
    export(cls, ex, os.path.join(FIXTURES, 'bert-tiny-cls', 'model.onnx'), names, ['logits'],
           dict(dyn, logits={0: 'batch_size'}))
    export(qa, ex, os.path.join(FIXTURES, 'bert-tiny-qa', 'model.onnx'), names, ['start_logits', 'end_logits'],
           dict(dyn, start_logits={0: 'batch_size', 1: 'sequence_length'},
                end_logits={0: 'batch_size', 1: 'sequence_length'}))
    write_json(os.path.join(FIXTURES, 'bert-tiny', 'config.json'), bert_config('BertModel', {}))
    write_json(os.path.join(FIXTURES, 'bert-tiny-cls', 'config.json'), bert_config(
        'BertForSequenceClassification',
        {'id2label': {'0': 'negative', '1': 'neutral', '2': 'positive'},
         'label2id': {'negative': 0, 'neutral': 1, 'positive': 2}}))
    write_json(os.path.join(FIXTURES, 'bert-tiny-qa', 'config.json'), bert_config('BertForQuestionAnswering', {}))

    singles = ['the movie was great fun', 'a terrible boring plot', 'who wrote this book ?', 'paris']
    pairs = [['the cat sat on the mat', 'where is the cat ?'], ['loved it', 'the actors were good and the plot was fun']]
    for name, enc in [('bert_singles', [bert_encode(t) for t in singles]),
                      ('bert_pairs', [bert_encode(a, b) for a, b in pairs])]:
        ids, mask = pad_batch([e[0] for e in enc])
        types, _ = pad_batch([e[1] for e in enc], pad=0)
        hidden = bert(ids, mask, types)
        start, end = qa(ids, mask, types)
        ref['cases'][name] = {
            'texts': singles if name == 'bert_singles' else pairs,
            'input_ids': ids.tolist(), 'attention_mask': mask.tolist(), 'token_type_ids': types.tolist(),
            'last_hidden_state': tensor_json(hidden), 'logits': tensor_json(cls(ids, mask, types)),
            'start_logits': tensor_json(start), 'end_logits': tensor_json(end)}

    # GPT-2 family: one body, LM with and without cache, GPT-1 style classification and multiple-choice heads
    gpt = Gpt2()
    init_(gpt, 11)
    lm = Gpt2Lm(gpt)
    gnames = ['input_ids', 'attention_mask', 'position_ids']
    gdyn = {n: {0: 'batch_size', 1: 'sequence_length'} for n in gnames}
    gex = (torch.tensor([[5, 6, 7]]), torch.ones(1, 3, dtype=torch.long), torch.arange(3).unsqueeze(0))
    export(lm, gex, os.path.join(FIXTURES, 'gpt2-tiny', 'model.onnx'), gnames, ['logits'],
           dict(gdyn, logits={0: 'batch_size', 1: 'sequence_length'}))
    write_json(os.path.join(FIXTURES, 'gpt2-tiny', 'config.json'), gpt_config('GPT2LMHeadModel', {}))

    head_dim = HIDDEN // HEADS
    past_names, present_names, past_ex = [], [], []
    for i in range(LAYERS):
        for kv in ('key', 'value'):
            past_names.append('past_key_values.%d.%s' % (i, kv))
            present_names.append('present.%d.%s' % (i, kv))
            past_ex.append(0.1 * torch.randn(1, HEADS, 2, head_dim, generator=torch.Generator().manual_seed(i)))
    pdyn = {'input_ids': {0: 'batch_size', 1: 'sequence_length'},
            'attention_mask': {0: 'batch_size', 1: 'total_sequence_length'},
            'position_ids': {0: 'batch_size', 1: 'sequence_length'},
            'logits': {0: 'batch_size', 1: 'sequence_length'}}
    for n in past_names:
        pdyn[n] = {0: 'batch_size', 2: 'past_sequence_length'}
    for n in present_names:
        pdyn[n] = {0: 'batch_size', 2: 'total_sequence_length'}
    pex = (torch.tensor([[5, 6, 7]]), torch.ones(1, 5, dtype=torch.long), torch.tensor([[2, 3, 4]]), *past_ex)
    export(Gpt2LmWithPast(gpt), pex, os.path.join(FIXTURES, 'gpt2-tiny-with-past', 'model.onnx'),
           gnames + past_names, ['logits'] + present_names, pdyn)
    write_json(os.path.join(FIXTURES, 'gpt2-tiny-with-past', 'config.json'),
               gpt_config('GPT2LMHeadModel', {'use_cache': True}))

    gcls = Gpt2Cls(gpt, 2)
    init_(gcls.score, 12)
    export(gcls, gex, os.path.join(FIXTURES, 'gpt2-tiny-cls', 'model.onnx'), gnames, ['logits'],
           dict(gdyn, logits={0: 'batch_size', 1: 'sequence_length'}))
    write_json(os.path.join(FIXTURES, 'gpt2-tiny-cls', 'config.json'), gpt_config(
        'GPT2ForTokenClassification', {'id2label': {'0': 'NEG', '1': 'POS'}, 'label2id': {'NEG': 0, 'POS': 1}}))

    mc = Gpt2DoubleHeads(gpt)
    init_(mc.mc_head, 13)
    mex = (torch.tensor([[[5, 6, 7], [8, 9, 10]]]), torch.ones(1, 2, 3, dtype=torch.long), torch.tensor([[2, 2]]))
    export(mc, mex, os.path.join(FIXTURES, 'gpt2-tiny-mc', 'model.onnx'),
           ['input_ids', 'attention_mask', 'mc_token_ids'], ['logits', 'mc_logits'],
           {'input_ids': {0: 'batch_size', 1: 'num_choices', 2: 'sequence_length'},
            'attention_mask': {0: 'batch_size', 1: 'num_choices', 2: 'sequence_length'},
            'mc_token_ids': {0: 'batch_size', 1: 'num_choices'},
            'logits': {0: 'batch_size', 1: 'num_choices', 2: 'sequence_length'},
            'mc_logits': {0: 'batch_size', 1: 'num_choices'}})
    write_json(os.path.join(FIXTURES, 'gpt2-tiny-mc', 'config.json'), gpt_config('GPT2DoubleHeadsModel', {}))

    lm_texts = ['once upon a time there was a king', 'the cat sat', 'who lived in the old castle ?']
    seqs = [words(t) for t in lm_texts]
    for side in ('right', 'left'):
        ids, mask = pad_batch(seqs, side)
        pos = positions_from_mask(mask) if side == 'left' else torch.arange(ids.shape[1]).expand_as(ids)
        logits = lm(ids, mask, pos)
        logp = torch.log_softmax(logits, dim=-1)
        token_lp = logp[:, :-1].gather(2, ids[:, 1:, None])[..., 0]
        ref['cases']['gpt2_' + side] = {
            'texts': lm_texts, 'input_ids': ids.tolist(), 'attention_mask': mask.tolist(),
            'position_ids': pos.tolist(), 'logits': tensor_json(logits),
            'token_log_probs': tensor_json(token_lp), 'cls_logits': tensor_json(gcls(ids, mask, pos))}
    # per-text scores from unpadded runs, in float64 log-softmax (what a perplexity report sums)
    per_text = []
    for s in seqs:
        x = torch.tensor([s])
        lp = torch.log_softmax(lm(x, torch.ones_like(x), torch.arange(len(s)).unsqueeze(0)).double(), -1)[0]
        tok = [float(lp[i, s[i + 1]]) for i in range(len(s) - 1)]
        per_text.append({'ids': s, 'token_log_probs': tok, 'perplexity': math.exp(-sum(tok) / len(tok))})
    all_lp = [v for t in per_text for v in t['token_log_probs']]
    ref['cases']['gpt2_scores'] = {'texts': lm_texts, 'per_text': per_text,
                                   'corpus_perplexity': math.exp(-sum(all_lp) / len(all_lp))}

    long_text = ' '.join(['once upon a time there was a king who lived in an old castle by the river .'] * 6)
    long_ids = words(long_text)
    assert len(long_ids) > MAX_POS
    nll, n = sliding_window_nll(lm, long_ids, 32, 16)
    ref['cases']['gpt2_sliding'] = {'text': long_text, 'ids': long_ids, 'max_length': 32, 'stride': 16,
                                    'nll_sum': nll, 'tokens': n, 'perplexity': math.exp(nll / n)}

    prompts = ['once upon a time', 'the cat', 'who lived in the']
    gens = []
    for p in prompts:
        out, margin = greedy(lm, words(p), 12)
        print('greedy', p, out, 'min margin %.4f' % margin)
        assert margin > 1e-3, 'greedy margin too small for a stable test; change the seed'
        gens.append({'prompt': p, 'prompt_ids': words(p), 'greedy_ids': out, 'min_margin': margin})
    ref['cases']['gpt2_greedy'] = {'max_new_tokens': 12, 'generations': gens}

    mc_q = [['the cat sat on the mat', 'the dog ran fast', 'the king lived in a castle']]
    mc_seqs = [[words(t) + [SEP] for t in row] for row in mc_q]
    n = max(len(s) for row in mc_seqs for s in row)
    mids = torch.tensor([[s + [PAD] * (n - len(s)) for s in row] for row in mc_seqs])
    mmask = (torch.arange(n)[None, None, :] < torch.tensor([[len(s) for s in row] for row in mc_seqs])[..., None]).long()
    mtok = torch.tensor([[len(s) - 1 for s in row] for row in mc_seqs])
    ref['cases']['gpt2_mc'] = {'choices': mc_q[0], 'input_ids': mids.tolist(), 'attention_mask': mmask.tolist(),
                               'mc_token_ids': mtok.tolist(), 'mc_logits': tensor_json(mc(mids, mmask, mtok)[1])}

    write_json(os.path.join(FIXTURES, 'reference.json'), ref)
    for root, _, files in os.walk(FIXTURES):
        for f in files:
            if f.endswith('.onnx'):
                print('%-40s %7.1f KB' % (os.path.relpath(os.path.join(root, f), FIXTURES),
                                          os.path.getsize(os.path.join(root, f)) / 1024))


if __name__ == '__main__':
    main_fixtures()
