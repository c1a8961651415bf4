#!/usr/bin/python3
"""Tiny ONNX exports shaped like Hugging Face optimum exports, with PyTorch reference values for training.

Regenerate (Debian's python3-torch 1.13, python3-onnx 1.12 and python3-numpy; no `transformers`; ~10 s on CPU):
    /usr/bin/python3 packages/training/scripts/export_hf_fixtures.py

The models are written out here with the attribute hierarchy and call structure of Hugging Face transformers'
classes (BertForSequenceClassification, DistilBertForSequenceClassification, RobertaForSequenceClassification,
ElectraForSequenceClassification, GPT2LMHeadModel, BertModel, GPT2Model; eager attention, no cache), so the
state-dict keys, the ONNX initializer names and the node scopes (torch 1.13 names nodes by module call path,
e.g. `/bert/encoder/layer.0/attention/self/query/MatMul`) are those of a real export. They are exported as
optimum does: torch.onnx.export of the eval-mode model, do_constant_folding=True (so nn.Linear weights become
transposed `onnx::MatMul_*` initializers), dynamic batch / sequence axes. The weights are random (seeded),
not a real checkpoint.

Sizes: hidden 32, 2 layers, 4 heads, intermediate 64 (GPT-2: n_inner null, so 4 * 32 = 128), 40 positions,
2 token types (RoBERTa: 1, and LayerNorm eps 1e-5, as roberta-base; the BERT family otherwise 1e-12, GPT-2 1e-5).
Buffers are non-persistent as in transformers >= 4.31 (position_ids, token_type_ids, GPT-2's causal `bias`), so
the exporter inlines them as Constant nodes rather than initializers. Classification logits have only the batch
axis dynamic ({0: 'batch_size'}, as optimum's OnnxConfig declares them); every other input and output has both.
Weights: matrices and embeddings N(0, 0.2), biases N(0, 0.1), LayerNorm weights 1 + 0.1 N, biases 0.1 N, so no
two tensors are value-identical (torch's exporter would deduplicate them); GPT-2's lm_head is the same
Parameter as transformer.wte.weight.

Writes packages/training/fixtures/hf/NAME/ for NAME in {bert,distilbert,roberta,electra,gpt2}-opset{14,17}
and {bert,gpt2}-body (opset 14, output last_hidden_state; the same weights as the bert / gpt2 models' bodies):
  config.json, tokenizer.json, tokenizer_config.json   Hugging Face files for the model_type
  onnx/model.onnx                                       the export
  reference.json + reference.bin                        the batch (inline), every initializer's state-dict key
      (found by value; `transposed` when equal to the key's transpose; key null for folded constants), and
      little-endian float32 blobs referenced as {offset (in floats), dims}: eval logits, float64 gradients of the
      loss, AdamW parameters after 3 steps; plus the loss, the AdamW losses and 500 dropout-mode losses inline.
  The opset-14 and opset-17 folders of one architecture hold the same weights and the same reference.
See packages/training/fixtures/hf/README.md.
"""
import copy
import json
import math
import os
import re
import shutil

import numpy as np
import onnx
from onnx import numpy_helper
import torch
from torch import nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'fixtures', 'hf')

HIDDEN, LAYERS, HEADS, INTER, MAX_POS, TYPE_VOCAB = 32, 2, 4, 64, 40, 2
SEQ = 7
LABELS = ['NEGATIVE', 'NEUTRAL', 'POSITIVE']
DROPOUT_SEEDS = 500


# ----------------------------------------------------------------------------------------------- activations
class GELUActivation(nn.Module):
    """transformers.activations.GELUActivation (erf GELU), a module so its ops sit under its own scope."""

    def forward(self, x):
        return F.gelu(x)


class NewGELUActivation(nn.Module):
    """transformers.activations.NewGELUActivation ('gelu_new', the tanh approximation)."""

    def forward(self, x):
        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


# ------------------------------------------------------------------------------------------------------ BERT
class Cfg:
    def __init__(self, **kw):
        self.__dict__.update(kw)


class BertEmbeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocab_size, c.hidden_size, padding_idx=c.pad_token_id)
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type_embeddings = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)
        self.register_buffer('position_ids', torch.arange(c.max_position_embeddings).expand((1, -1)),
                             persistent=False)
        self.register_buffer('token_type_ids', torch.zeros(self.position_ids.size(), dtype=torch.long),
                             persistent=False)

    def forward(self, input_ids, token_type_ids=None):
        input_shape = input_ids.size()
        seq_length = input_shape[1]
        position_ids = self.position_ids[:, 0:seq_length]
        if token_type_ids is None:
            buffered = self.token_type_ids[:, :seq_length]
            token_type_ids = buffered.expand(input_shape[0], seq_length)
        inputs_embeds = self.word_embeddings(input_ids)
        token_type_embeddings = self.token_type_embeddings(token_type_ids)
        embeddings = inputs_embeds + token_type_embeddings
        position_embeddings = self.position_embeddings(position_ids)
        embeddings += position_embeddings
        embeddings = self.LayerNorm(embeddings)
        embeddings = self.dropout(embeddings)
        return embeddings


class BertSelfAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.num_attention_heads = c.num_attention_heads
        self.attention_head_size = c.hidden_size // c.num_attention_heads
        self.all_head_size = self.num_attention_heads * self.attention_head_size
        self.query = nn.Linear(c.hidden_size, self.all_head_size)
        self.key = nn.Linear(c.hidden_size, self.all_head_size)
        self.value = nn.Linear(c.hidden_size, self.all_head_size)
        self.dropout = nn.Dropout(c.attention_probs_dropout_prob)

    def transpose_for_scores(self, x):
        new_x_shape = x.size()[:-1] + (self.num_attention_heads, self.attention_head_size)
        x = x.view(new_x_shape)
        return x.permute(0, 2, 1, 3)

    def forward(self, hidden_states, attention_mask):
        mixed_query_layer = self.query(hidden_states)
        key_layer = self.transpose_for_scores(self.key(hidden_states))
        value_layer = self.transpose_for_scores(self.value(hidden_states))
        query_layer = self.transpose_for_scores(mixed_query_layer)
        attention_scores = torch.matmul(query_layer, key_layer.transpose(-1, -2))
        attention_scores = attention_scores / math.sqrt(self.attention_head_size)
        attention_scores = attention_scores + attention_mask
        attention_probs = nn.functional.softmax(attention_scores, dim=-1)
        attention_probs = self.dropout(attention_probs)
        context_layer = torch.matmul(attention_probs, value_layer)
        context_layer = context_layer.permute(0, 2, 1, 3).contiguous()
        new_context_layer_shape = context_layer.size()[:-2] + (self.all_head_size,)
        context_layer = context_layer.view(new_context_layer_shape)
        return (context_layer,)


class BertSelfOutput(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, hidden_states, input_tensor):
        hidden_states = self.dense(hidden_states)
        hidden_states = self.dropout(hidden_states)
        return self.LayerNorm(hidden_states + input_tensor)


class BertAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self = BertSelfAttention(c)
        self.output = BertSelfOutput(c)

    def forward(self, hidden_states, attention_mask):
        self_outputs = self.self(hidden_states, attention_mask)
        attention_output = self.output(self_outputs[0], hidden_states)
        return (attention_output,) + self_outputs[1:]


class BertIntermediate(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.intermediate_size)
        self.intermediate_act_fn = GELUActivation()

    def forward(self, hidden_states):
        return self.intermediate_act_fn(self.dense(hidden_states))


class BertOutput(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.intermediate_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, hidden_states, input_tensor):
        hidden_states = self.dense(hidden_states)
        hidden_states = self.dropout(hidden_states)
        return self.LayerNorm(hidden_states + input_tensor)


class BertLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.attention = BertAttention(c)
        self.intermediate = BertIntermediate(c)
        self.output = BertOutput(c)

    def forward(self, hidden_states, attention_mask):
        attention_output = self.attention(hidden_states, attention_mask)[0]
        # apply_chunking_to_forward with chunk_size 0 calls feed_forward_chunk directly
        intermediate_output = self.intermediate(attention_output)
        layer_output = self.output(intermediate_output, attention_output)
        return (layer_output,)


class BertEncoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.layer = nn.ModuleList([BertLayer(c) for _ in range(c.num_hidden_layers)])

    def forward(self, hidden_states, attention_mask):
        for layer_module in self.layer:
            hidden_states = layer_module(hidden_states, attention_mask)[0]
        return (hidden_states,)


class BertPooler(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)
        self.activation = nn.Tanh()

    def forward(self, hidden_states):
        first_token_tensor = hidden_states[:, 0]
        return self.activation(self.dense(first_token_tensor))


def extended_attention_mask(attention_mask, dtype):
    """ModuleUtilsMixin.get_extended_attention_mask for a 2-D mask (encoder)."""
    ext = attention_mask[:, None, None, :]
    ext = ext.to(dtype=dtype)
    return (1.0 - ext) * torch.finfo(dtype).min


class BertModel(nn.Module):
    """BertModel; RobertaModel and ElectraModel share its structure (different embeddings, maybe no pooler)."""

    def __init__(self, c, embeddings=None, add_pooling_layer=True):
        super().__init__()
        self.embeddings = embeddings if embeddings is not None else BertEmbeddings(c)
        self.encoder = BertEncoder(c)
        self.pooler = BertPooler(c) if add_pooling_layer else None
        self.last_hidden_state_only = False  # what optimum's feature-extraction export keeps

    def forward(self, input_ids, attention_mask, token_type_ids=None):
        dtype = self.embeddings.word_embeddings.weight.dtype
        ext = extended_attention_mask(attention_mask, dtype)
        embedding_output = self.embeddings(input_ids=input_ids, token_type_ids=token_type_ids)
        sequence_output = self.encoder(embedding_output, ext)[0]
        pooled_output = self.pooler(sequence_output) if self.pooler is not None else None
        if self.last_hidden_state_only:
            return sequence_output
        return (sequence_output, pooled_output)


class BertForSequenceClassification(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.bert = BertModel(c)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)  # classifier_dropout is None
        self.classifier = nn.Linear(c.hidden_size, c.num_labels)

    def forward(self, input_ids, attention_mask, token_type_ids):
        pooled_output = self.bert(input_ids, attention_mask, token_type_ids)[1]
        pooled_output = self.dropout(pooled_output)
        return self.classifier(pooled_output)


# ------------------------------------------------------------------------------------------------- RoBERTa
def create_position_ids_from_input_ids(input_ids, padding_idx, past_key_values_length=0):
    mask = input_ids.ne(padding_idx).int()
    incremental_indices = (torch.cumsum(mask, dim=1).type_as(mask) + past_key_values_length) * mask
    return incremental_indices.long() + padding_idx


class RobertaEmbeddings(BertEmbeddings):
    def __init__(self, c):
        super().__init__(c)
        self.padding_idx = c.pad_token_id
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, c.hidden_size,
                                                padding_idx=self.padding_idx)

    def forward(self, input_ids, token_type_ids=None):
        position_ids = create_position_ids_from_input_ids(input_ids, self.padding_idx)
        input_shape = input_ids.size()
        seq_length = input_shape[1]
        if token_type_ids is None:
            buffered_token_type_ids = self.token_type_ids[:, :seq_length]
            buffered_token_type_ids_expanded = buffered_token_type_ids.expand(input_shape[0], seq_length)
            token_type_ids = buffered_token_type_ids_expanded
        inputs_embeds = self.word_embeddings(input_ids)
        token_type_embeddings = self.token_type_embeddings(token_type_ids)
        embeddings = inputs_embeds + token_type_embeddings
        position_embeddings = self.position_embeddings(position_ids)
        embeddings += position_embeddings
        embeddings = self.LayerNorm(embeddings)
        embeddings = self.dropout(embeddings)
        return embeddings


class RobertaClassificationHead(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)
        self.out_proj = nn.Linear(c.hidden_size, c.num_labels)

    def forward(self, features):
        x = features[:, 0, :]
        x = self.dropout(x)
        x = self.dense(x)
        x = torch.tanh(x)
        x = self.dropout(x)
        return self.out_proj(x)


class RobertaForSequenceClassification(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.roberta = BertModel(c, embeddings=RobertaEmbeddings(c), add_pooling_layer=False)
        self.classifier = RobertaClassificationHead(c)

    def forward(self, input_ids, attention_mask):
        sequence_output = self.roberta(input_ids, attention_mask)[0]
        return self.classifier(sequence_output)


# -------------------------------------------------------------------------------------------------- ELECTRA
class ElectraClassificationHead(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)
        self.activation = GELUActivation()
        self.dropout = nn.Dropout(c.hidden_dropout_prob)
        self.out_proj = nn.Linear(c.hidden_size, c.num_labels)

    def forward(self, features):
        x = features[:, 0, :]
        x = self.dropout(x)
        x = self.dense(x)
        x = self.activation(x)
        x = self.dropout(x)
        return self.out_proj(x)


class ElectraForSequenceClassification(nn.Module):
    def __init__(self, c):
        super().__init__()
        # embedding_size == hidden_size: ElectraModel has no embeddings_project
        self.electra = BertModel(c, add_pooling_layer=False)
        self.classifier = ElectraClassificationHead(c)

    def forward(self, input_ids, attention_mask, token_type_ids):
        sequence_output = self.electra(input_ids, attention_mask, token_type_ids)[0]
        return self.classifier(sequence_output)


# ----------------------------------------------------------------------------------------------- DistilBERT
class DistilEmbeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocab_size, c.dim, padding_idx=c.pad_token_id)
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, c.dim)
        self.LayerNorm = nn.LayerNorm(c.dim, eps=1e-12)
        self.dropout = nn.Dropout(c.dropout)
        self.register_buffer('position_ids', torch.arange(c.max_position_embeddings).expand((1, -1)),
                             persistent=False)

    def forward(self, input_ids):
        input_embeds = self.word_embeddings(input_ids)
        seq_length = input_embeds.size(1)
        position_ids = self.position_ids[:, :seq_length]
        position_embeddings = self.position_embeddings(position_ids)
        embeddings = input_embeds + position_embeddings
        embeddings = self.LayerNorm(embeddings)
        return self.dropout(embeddings)


class MultiHeadSelfAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.n_heads = c.n_heads
        self.dim = c.dim
        self.dropout = nn.Dropout(p=c.attention_dropout)
        self.q_lin = nn.Linear(c.dim, c.dim)
        self.k_lin = nn.Linear(c.dim, c.dim)
        self.v_lin = nn.Linear(c.dim, c.dim)
        self.out_lin = nn.Linear(c.dim, c.dim)

    def forward(self, query, key, value, mask):
        bs, q_length, dim = query.size()
        k_length = key.size(1)
        dim_per_head = self.dim // self.n_heads
        mask_reshp = (bs, 1, 1, k_length)

        def shape(x):
            return x.view(bs, -1, self.n_heads, dim_per_head).transpose(1, 2)

        def unshape(x):
            return x.transpose(1, 2).contiguous().view(bs, -1, self.n_heads * dim_per_head)

        q = shape(self.q_lin(query))
        k = shape(self.k_lin(key))
        v = shape(self.v_lin(value))
        q = q / math.sqrt(dim_per_head)
        scores = torch.matmul(q, k.transpose(2, 3))
        mask = (mask == 0).view(mask_reshp).expand_as(scores)
        scores = scores.masked_fill(mask, torch.tensor(torch.finfo(scores.dtype).min))
        weights = nn.functional.softmax(scores, dim=-1)
        weights = self.dropout(weights)
        context = torch.matmul(weights, v)
        context = unshape(context)
        context = self.out_lin(context)
        return (context,)


class FFN(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dropout = nn.Dropout(p=c.dropout)
        self.lin1 = nn.Linear(c.dim, c.hidden_dim)
        self.lin2 = nn.Linear(c.hidden_dim, c.dim)
        self.activation = GELUActivation()

    def forward(self, input):
        # apply_chunking_to_forward with chunk_size 0 calls ff_chunk directly
        x = self.lin1(input)
        x = self.activation(x)
        x = self.lin2(x)
        return self.dropout(x)


class TransformerBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.attention = MultiHeadSelfAttention(c)
        self.sa_layer_norm = nn.LayerNorm(normalized_shape=c.dim, eps=1e-12)
        self.ffn = FFN(c)
        self.output_layer_norm = nn.LayerNorm(normalized_shape=c.dim, eps=1e-12)

    def forward(self, x, attn_mask):
        sa_output = self.attention(query=x, key=x, value=x, mask=attn_mask)
        sa_output = sa_output[0]
        sa_output = self.sa_layer_norm(sa_output + x)
        ffn_output = self.ffn(sa_output)
        ffn_output = self.output_layer_norm(ffn_output + sa_output)
        return (ffn_output,)


class Transformer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.layer = nn.ModuleList([TransformerBlock(c) for _ in range(c.n_layers)])

    def forward(self, x, attn_mask):
        hidden_state = x
        for layer_module in self.layer:
            hidden_state = layer_module(x=hidden_state, attn_mask=attn_mask)[-1]
        return (hidden_state,)


class DistilBertModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embeddings = DistilEmbeddings(c)
        self.transformer = Transformer(c)

    def forward(self, input_ids, attention_mask):
        inputs_embeds = self.embeddings(input_ids)
        return self.transformer(x=inputs_embeds, attn_mask=attention_mask)


class DistilBertForSequenceClassification(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.distilbert = DistilBertModel(c)
        self.pre_classifier = nn.Linear(c.dim, c.dim)
        self.classifier = nn.Linear(c.dim, c.num_labels)
        self.dropout = nn.Dropout(c.seq_classif_dropout)

    def forward(self, input_ids, attention_mask):
        hidden_state = self.distilbert(input_ids=input_ids, attention_mask=attention_mask)[0]
        pooled_output = hidden_state[:, 0]
        pooled_output = self.pre_classifier(pooled_output)
        pooled_output = nn.ReLU()(pooled_output)
        pooled_output = self.dropout(pooled_output)
        return self.classifier(pooled_output)


# ---------------------------------------------------------------------------------------------------- GPT-2
class Conv1D(nn.Module):
    """transformers.pytorch_utils.Conv1D: a linear layer with its weight stored [in, out]."""

    def __init__(self, nf, nx):
        super().__init__()
        self.nf = nf
        self.weight = nn.Parameter(torch.empty(nx, nf))
        self.bias = nn.Parameter(torch.zeros(nf))

    def forward(self, x):
        size_out = x.size()[:-1] + (self.nf,)
        x = torch.addmm(self.bias, x.view(-1, x.size(-1)), self.weight)
        return x.view(size_out)


class GPT2Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        max_positions = c.n_positions
        self.register_buffer('bias', torch.tril(torch.ones((max_positions, max_positions), dtype=torch.bool))
                             .view(1, 1, max_positions, max_positions), persistent=False)
        self.register_buffer('masked_bias', torch.tensor(-1e4), persistent=False)
        self.embed_dim = c.n_embd
        self.num_heads = c.n_head
        self.head_dim = self.embed_dim // self.num_heads
        self.split_size = self.embed_dim
        self.c_attn = Conv1D(3 * self.embed_dim, self.embed_dim)
        self.c_proj = Conv1D(self.embed_dim, self.embed_dim)
        self.attn_dropout = nn.Dropout(c.attn_pdrop)
        self.resid_dropout = nn.Dropout(c.resid_pdrop)

    def _attn(self, query, key, value, attention_mask=None):
        attn_weights = torch.matmul(query, key.transpose(-1, -2))
        attn_weights = attn_weights / torch.full([], value.size(-1) ** 0.5, dtype=attn_weights.dtype,
                                                 device=attn_weights.device)
        query_length, key_length = query.size(-2), key.size(-2)
        causal_mask = self.bias[:, :, key_length - query_length: key_length, :key_length]
        mask_value = torch.finfo(attn_weights.dtype).min
        mask_value = torch.full([], mask_value, dtype=attn_weights.dtype, device=attn_weights.device)
        attn_weights = torch.where(causal_mask, attn_weights.to(attn_weights.dtype), mask_value)
        if attention_mask is not None:
            attn_weights = attn_weights + attention_mask
        attn_weights = nn.functional.softmax(attn_weights, dim=-1)
        attn_weights = attn_weights.type(value.dtype)
        attn_weights = self.attn_dropout(attn_weights)
        attn_output = torch.matmul(attn_weights, value)
        return attn_output, attn_weights

    def _split_heads(self, tensor, num_heads, attn_head_size):
        new_shape = tensor.size()[:-1] + (num_heads, attn_head_size)
        tensor = tensor.view(new_shape)
        return tensor.permute(0, 2, 1, 3)

    def _merge_heads(self, tensor, num_heads, attn_head_size):
        tensor = tensor.permute(0, 2, 1, 3).contiguous()
        new_shape = tensor.size()[:-2] + (num_heads * attn_head_size,)
        return tensor.view(new_shape)

    def forward(self, hidden_states, attention_mask=None):
        query, key, value = self.c_attn(hidden_states).split(self.split_size, dim=2)
        query = self._split_heads(query, self.num_heads, self.head_dim)
        key = self._split_heads(key, self.num_heads, self.head_dim)
        value = self._split_heads(value, self.num_heads, self.head_dim)
        attn_output, attn_weights = self._attn(query, key, value, attention_mask)
        attn_output = self._merge_heads(attn_output, self.num_heads, self.head_dim)
        attn_output = self.c_proj(attn_output)
        attn_output = self.resid_dropout(attn_output)
        return (attn_output, None)


class GPT2MLP(nn.Module):
    def __init__(self, intermediate_size, c):
        super().__init__()
        self.c_fc = Conv1D(intermediate_size, c.n_embd)
        self.c_proj = Conv1D(c.n_embd, intermediate_size)
        self.act = NewGELUActivation()
        self.dropout = nn.Dropout(c.resid_pdrop)

    def forward(self, hidden_states):
        hidden_states = self.c_fc(hidden_states)
        hidden_states = self.act(hidden_states)
        hidden_states = self.c_proj(hidden_states)
        return self.dropout(hidden_states)


class GPT2Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        inner_dim = c.n_inner if c.n_inner is not None else 4 * c.n_embd
        self.ln_1 = nn.LayerNorm(c.n_embd, eps=c.layer_norm_epsilon)
        self.attn = GPT2Attention(c)
        self.ln_2 = nn.LayerNorm(c.n_embd, eps=c.layer_norm_epsilon)
        self.mlp = GPT2MLP(inner_dim, c)

    def forward(self, hidden_states, attention_mask=None):
        residual = hidden_states
        hidden_states = self.ln_1(hidden_states)
        attn_outputs = self.attn(hidden_states, attention_mask=attention_mask)
        attn_output = attn_outputs[0]
        hidden_states = attn_output + residual
        residual = hidden_states
        hidden_states = self.ln_2(hidden_states)
        feed_forward_hidden_states = self.mlp(hidden_states)
        hidden_states = residual + feed_forward_hidden_states
        return (hidden_states,)


class GPT2Model(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embed_dim = c.n_embd
        self.wte = nn.Embedding(c.vocab_size, self.embed_dim)
        self.wpe = nn.Embedding(c.n_positions, self.embed_dim)
        self.drop = nn.Dropout(c.embd_pdrop)
        self.h = nn.ModuleList([GPT2Block(c) for _ in range(c.n_layer)])
        self.ln_f = nn.LayerNorm(self.embed_dim, eps=c.layer_norm_epsilon)
        self.last_hidden_state_only = False

    def forward(self, input_ids, attention_mask):
        input_shape = input_ids.size()
        input_ids = input_ids.view(-1, input_shape[-1])
        batch_size = input_ids.shape[0]
        past_length = 0
        position_ids = torch.arange(past_length, input_shape[-1] + past_length, dtype=torch.long,
                                    device=input_ids.device)
        position_ids = position_ids.unsqueeze(0)
        dtype = self.wte.weight.dtype
        attention_mask = attention_mask.view(batch_size, -1)
        attention_mask = attention_mask[:, None, None, :]
        attention_mask = attention_mask.to(dtype=dtype)
        attention_mask = (1.0 - attention_mask) * torch.finfo(dtype).min
        inputs_embeds = self.wte(input_ids)
        position_embeds = self.wpe(position_ids)
        hidden_states = inputs_embeds + position_embeds
        hidden_states = self.drop(hidden_states)
        output_shape = (-1,) + input_shape[1:] + (hidden_states.size(-1),)
        for block in self.h:
            hidden_states = block(hidden_states, attention_mask=attention_mask)[0]
        hidden_states = self.ln_f(hidden_states)
        hidden_states = hidden_states.view(output_shape)
        if self.last_hidden_state_only:
            return hidden_states
        return (hidden_states,)


class GPT2LMHeadModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.transformer = GPT2Model(c)
        self.lm_head = nn.Linear(c.n_embd, c.vocab_size, bias=False)
        self.lm_head.weight = self.transformer.wte.weight  # tie_weights()

    def forward(self, input_ids, attention_mask):
        hidden_states = self.transformer(input_ids, attention_mask)[0]
        return self.lm_head(hidden_states)


# ----------------------------------------------------------------------------------------------- tokenizers
def bytes_to_unicode():
    """GPT-2's byte -> printable character table, in GPT-2's vocabulary order."""
    bs = list(range(ord('!'), ord('~') + 1)) + list(range(ord('¡'), ord('¬') + 1)) + \
        list(range(ord('®'), ord('ÿ') + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return list(zip(bs, [chr(c) for c in cs]))


BYTE_CHARS = bytes_to_unicode()
BYTE_MAP = dict(BYTE_CHARS)
# Merges building a few whole words (with and without the leading-space marker Ġ).
BPE_WORDS = ['the', 'movie', 'was', 'great', 'bad', 'fun', 'plot', 'is', 'and', 'it']
GPT2_PRETOKENIZE = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+(?!\S)|\s+""")


def bpe_merges():
    merges, have = [], set(c for _, c in BYTE_CHARS)
    # the space-prefixed forms first, so their merges outrank the bare word's (else `Ġ movie` stays split)
    for form in ['Ġ' + w for w in BPE_WORDS] + BPE_WORDS:
        cur = form[0]
        for ch in form[1:]:
            if cur + ch not in have:
                merges.append((cur, ch))
                have.add(cur + ch)
            cur += ch
    return merges


def bpe_encode(text, vocab, merges):
    ranks = {m: i for i, m in enumerate(merges)}
    ids = []
    for piece in GPT2_PRETOKENIZE.findall(text):
        word = [BYTE_MAP[b] for b in piece.encode('utf-8')]
        while len(word) > 1:
            pairs = [(ranks.get((word[i], word[i + 1]), 1 << 30), i) for i in range(len(word) - 1)]
            rank, _ = min(pairs)
            if rank == 1 << 30:
                break
            a, b = merges[rank]
            out, i = [], 0
            while i < len(word):
                if i + 1 < len(word) and word[i] == a and word[i + 1] == b:
                    out.append(a + b)
                    i += 2
                else:
                    out.append(word[i])
                    i += 1
            word = out
        ids.extend(vocab[t] for t in word)
    return ids


def added(id_, content, normalized, lstrip=False):
    return {'id': id_, 'content': content, 'single_word': False, 'lstrip': lstrip, 'rstrip': False,
            'normalized': normalized, 'special': True}


WP_SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']
WP_WORDS = (
    '. , ! ? \' - the a an and or of to in is was it this that with for movie film plot actor story '
    'good bad great terrible fun boring loved hated liked really very not but so too much one two '
    'i you he she we they my your his her cat dog house tree old new big small happy sad time day '
    'play ##s ##ed ##ing ##ly ##er ##est ##y un ##able ##ful'
).split()
WP_VOCAB = WP_SPECIALS + WP_WORDS


def wordpiece_tokenizer_json():
    vocab = {t: i for i, t in enumerate(WP_VOCAB)}
    assert len(vocab) == len(WP_VOCAB)
    return {
        'version': '1.0', 'truncation': None, 'padding': None,
        'added_tokens': [added(i, t, False) for i, t in enumerate(WP_SPECIALS)],
        'normalizer': {'type': 'BertNormalizer', 'clean_text': True, 'handle_chinese_chars': True,
                       'strip_accents': None, 'lowercase': True},
        'pre_tokenizer': {'type': 'BertPreTokenizer'},
        'post_processor': {
            'type': 'TemplateProcessing',
            'single': [{'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}},
                       {'SpecialToken': {'id': '[SEP]', 'type_id': 0}}],
            'pair': [{'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}},
                     {'SpecialToken': {'id': '[SEP]', 'type_id': 0}}, {'Sequence': {'id': 'B', 'type_id': 1}},
                     {'SpecialToken': {'id': '[SEP]', 'type_id': 1}}],
            'special_tokens': {'[CLS]': {'id': '[CLS]', 'ids': [vocab['[CLS]']], 'tokens': ['[CLS]']},
                               '[SEP]': {'id': '[SEP]', 'ids': [vocab['[SEP]']], 'tokens': ['[SEP]']}},
        },
        'decoder': {'type': 'WordPiece', 'prefix': '##', 'cleanup': True},
        'model': {'type': 'WordPiece', 'unk_token': '[UNK]', 'continuing_subword_prefix': '##',
                  'max_input_chars_per_word': 100, 'vocab': vocab},
    }, vocab


def bpe_tokenizer_json(kind):
    merges = bpe_merges()
    tokens = [c for _, c in BYTE_CHARS] + [a + b for a, b in merges]
    if kind == 'roberta':
        specials = ['<s>', '<pad>', '</s>', '<unk>']
        tokens = specials + tokens + ['<mask>']
        vocab = {t: i for i, t in enumerate(tokens)}
        added_tokens = [added(i, t, True) for i, t in enumerate(specials)] + \
            [added(vocab['<mask>'], '<mask>', True, lstrip=True)]
        post = {'type': 'RobertaProcessing', 'sep': ['</s>', vocab['</s>']], 'cls': ['<s>', vocab['<s>']],
                'trim_offsets': True, 'add_prefix_space': False}
        unk = None
    else:
        tokens = tokens + ['<|endoftext|>']
        vocab = {t: i for i, t in enumerate(tokens)}
        added_tokens = [added(vocab['<|endoftext|>'], '<|endoftext|>', True)]
        post = {'type': 'ByteLevel', 'add_prefix_space': True, 'trim_offsets': False, 'use_regex': True}
        unk = None
    assert len(vocab) == len(tokens)
    return {
        'version': '1.0', 'truncation': None, 'padding': None, 'added_tokens': added_tokens,
        'normalizer': None,
        'pre_tokenizer': {'type': 'ByteLevel', 'add_prefix_space': False, 'trim_offsets': True, 'use_regex': True},
        'post_processor': post,
        'decoder': {'type': 'ByteLevel', 'add_prefix_space': True, 'trim_offsets': True, 'use_regex': True},
        'model': {'type': 'BPE', 'dropout': None, 'unk_token': unk, 'continuing_subword_prefix': '',
                  'end_of_word_suffix': '', 'fuse_unk': False, 'byte_fallback': False,
                  'vocab': vocab, 'merges': [a + ' ' + b for a, b in merges]},
    }, vocab, merges


# -------------------------------------------------------------------------------------------------- batches
def wordpiece_batch(vocab, with_types):
    """Three whole-word sequences of 7 tokens: a single one, a pair (type ids 1), one padded by 2."""
    items = [('the movie was great !', None), ('bad plot', 'boring actor'), ('i loved it', None)]
    ids, types = [], []
    for a, b in items:
        seq = ['[CLS]'] + a.split() + ['[SEP]']
        ty = [0] * len(seq)
        if b is not None:
            seq += b.split() + ['[SEP]']
            ty += [1] * (len(b.split()) + 1)
        ids.append([vocab[t] for t in seq])
        types.append(ty)
    mask = [[1] * len(s) + [0] * (SEQ - len(s)) for s in ids]
    ids = [s + [vocab['[PAD]']] * (SEQ - len(s)) for s in ids]
    types = [t + [0] * (SEQ - len(t)) for t in types]
    assert all(len(s) == SEQ for s in ids) and sum(map(sum, mask)) == 3 * SEQ - 2
    batch = {'texts': [[a, b] if b else a for a, b in items], 'padding': 'right, [PAD]',
             'input_ids': ids, 'attention_mask': mask}
    if with_types:
        batch['token_type_ids'] = types
    batch['labels'] = [2, 0, 1]
    return batch


def bpe_batch(kind, vocab, merges):
    if kind == 'roberta':
        texts = ['the movie was great and', 'the plot is bad it', 'it was fun']
        ids = [[vocab['<s>']] + bpe_encode(t, vocab, merges) + [vocab['</s>']] for t in texts]
        pad = vocab['<pad>']
    else:
        texts = ['the movie was great and it is', 'the plot is bad and it was', 'it was fun!']
        ids = [bpe_encode(t, vocab, merges) for t in texts]
        pad = vocab['<|endoftext|>']
    lens = [len(s) for s in ids]
    assert lens[0] == SEQ and lens[1] == SEQ and lens[2] < SEQ, lens
    mask = [[1] * len(s) + [0] * (SEQ - len(s)) for s in ids]
    ids = [s + [pad] * (SEQ - len(s)) for s in ids]
    batch = {'texts': texts, 'padding': 'right, ' + ('<pad>' if kind == 'roberta' else '<|endoftext|>'),
             'input_ids': ids, 'attention_mask': mask}
    if kind == 'roberta':
        batch['labels'] = [2, 0, 1]
    else:
        batch['labels'] = [[t if m else -100 for t, m in zip(s, ms)] for s, ms in zip(ids, mask)]
    return batch


# -------------------------------------------------------------------------------------------------- configs
def label_maps():
    return {'id2label': {str(i): l for i, l in enumerate(LABELS)}, 'label2id': {l: i for i, l in enumerate(LABELS)}}


def bert_like_config(model_type, arch, vocab_size, **extra):
    c = {'architectures': [arch], 'model_type': model_type, 'vocab_size': vocab_size, 'hidden_size': HIDDEN,
         'num_hidden_layers': LAYERS, 'num_attention_heads': HEADS, 'intermediate_size': INTER,
         'hidden_act': 'gelu', 'hidden_dropout_prob': 0.1, 'attention_probs_dropout_prob': 0.1,
         'classifier_dropout': None, 'max_position_embeddings': MAX_POS, 'type_vocab_size': TYPE_VOCAB,
         'layer_norm_eps': 1e-12, 'initializer_range': 0.02, 'pad_token_id': 0,
         'position_embedding_type': 'absolute', 'use_cache': True, 'torch_dtype': 'float32'}
    c.update(extra)
    if not arch.endswith('Model'):
        c.update(label_maps())
    return c


def configs(wp_vocab, rb_vocab, g2_vocab):
    bert = bert_like_config('bert', 'BertForSequenceClassification', len(wp_vocab))
    electra = bert_like_config('electra', 'ElectraForSequenceClassification', len(wp_vocab),
                               embedding_size=HIDDEN, summary_type='first', summary_use_proj=True,
                               summary_activation='gelu', summary_last_dropout=0.1)
    roberta = bert_like_config('roberta', 'RobertaForSequenceClassification', len(rb_vocab),
                               pad_token_id=rb_vocab['<pad>'], bos_token_id=rb_vocab['<s>'],
                               eos_token_id=rb_vocab['</s>'], type_vocab_size=1, layer_norm_eps=1e-5)
    distil = {'architectures': ['DistilBertForSequenceClassification'], 'model_type': 'distilbert',
              'vocab_size': len(wp_vocab), 'dim': HIDDEN, 'n_layers': LAYERS, 'n_heads': HEADS, 'hidden_dim': INTER,
              'dropout': 0.1, 'attention_dropout': 0.1, 'seq_classif_dropout': 0.2, 'qa_dropout': 0.1,
              'activation': 'gelu', 'max_position_embeddings': MAX_POS, 'sinusoidal_pos_embds': False,
              'initializer_range': 0.02, 'pad_token_id': 0, 'tie_weights_': True, 'torch_dtype': 'float32'}
    distil.update(label_maps())
    eos = g2_vocab['<|endoftext|>']
    gpt2 = {'architectures': ['GPT2LMHeadModel'], 'model_type': 'gpt2', 'vocab_size': len(g2_vocab),
            'n_embd': HIDDEN, 'n_layer': LAYERS, 'n_head': HEADS, 'n_inner': None, 'n_positions': MAX_POS,
            'n_ctx': MAX_POS, 'activation_function': 'gelu_new', 'resid_pdrop': 0.1, 'embd_pdrop': 0.1,
            'attn_pdrop': 0.1, 'layer_norm_epsilon': 1e-5, 'initializer_range': 0.02, 'bos_token_id': eos,
            'eos_token_id': eos, 'scale_attn_weights': True, 'scale_attn_by_inverse_layer_idx': False,
            'reorder_and_upcast_attn': False, 'summary_type': 'cls_index', 'summary_use_proj': True,
            'summary_activation': None, 'summary_proj_to_labels': True, 'summary_first_dropout': 0.1,
            'tie_word_embeddings': True, 'use_cache': True, 'torch_dtype': 'float32'}
    return {'bert': bert, 'electra': electra, 'roberta': roberta, 'distilbert': distil, 'gpt2': gpt2}


def tokenizer_configs():
    wp = {'do_lower_case': True, 'unk_token': '[UNK]', 'sep_token': '[SEP]', 'pad_token': '[PAD]',
          'cls_token': '[CLS]', 'mask_token': '[MASK]', 'tokenize_chinese_chars': True, 'strip_accents': None,
          'clean_up_tokenization_spaces': True, 'model_max_length': MAX_POS}
    return {
        'bert': dict(tokenizer_class='BertTokenizer', **wp),
        'distilbert': dict(tokenizer_class='DistilBertTokenizer', **wp),
        'electra': dict(tokenizer_class='ElectraTokenizer', **wp),
        'roberta': {'tokenizer_class': 'RobertaTokenizer', 'bos_token': '<s>', 'eos_token': '</s>',
                    'sep_token': '</s>', 'cls_token': '<s>', 'unk_token': '<unk>', 'pad_token': '<pad>',
                    'mask_token': '<mask>', 'add_prefix_space': False, 'errors': 'replace', 'trim_offsets': True,
                    'clean_up_tokenization_spaces': True, 'model_max_length': MAX_POS},
        'gpt2': {'tokenizer_class': 'GPT2Tokenizer', 'bos_token': '<|endoftext|>', 'eos_token': '<|endoftext|>',
                 'unk_token': '<|endoftext|>', 'pad_token': None, 'add_prefix_space': False, 'errors': 'replace',
                 'clean_up_tokenization_spaces': True, 'model_max_length': MAX_POS},
    }


def model_cfg(hf):
    c = Cfg(**hf)
    c.num_labels = len(LABELS)
    return c


# ------------------------------------------------------------------------------------------------- weights
def init_weights(model, seed):
    """Distinct random values everywhere (no two tensors equal), in module order."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        seen = set()
        for mod in model.modules():
            for pname, p in mod.named_parameters(recurse=False):
                if id(p) in seen:
                    continue
                seen.add(id(p))
                noise = torch.randn(p.shape, generator=g)
                if isinstance(mod, nn.LayerNorm):
                    p.copy_(1.0 + 0.1 * noise if pname == 'weight' else 0.1 * noise)
                elif pname == 'bias':
                    p.copy_(0.1 * noise)
                else:
                    p.copy_(0.2 * noise)


def no_decay_names(model):
    """HF Trainer's rule: no weight decay for biases and LayerNorm parameters (get_decay_parameter_names)."""
    out = set()
    for mname, mod in model.named_modules():
        for pname, _ in mod.named_parameters(recurse=False):
            full = (mname + '.' if mname else '') + pname
            if isinstance(mod, nn.LayerNorm) or pname == 'bias':
                out.add(full)
    return out


# --------------------------------------------------------------------------------------------- references
class Blob:
    def __init__(self):
        self.parts, self.size = [], 0

    def add(self, t):
        a = np.ascontiguousarray(t.detach().cpu().numpy() if torch.is_tensor(t) else t, dtype='<f4')
        entry = {'offset': self.size, 'dims': list(a.shape)}
        self.parts.append(a.reshape(-1))
        self.size += a.size
        return entry

    def bytes(self):
        return np.concatenate(self.parts).astype('<f4').tobytes() if self.parts else b''


def tensor_inputs(batch, names):
    return tuple(torch.tensor(batch[n], dtype=torch.long) for n in names)


def loss_of(logits, batch, causal):
    labels = torch.tensor(batch['labels'], dtype=torch.long)
    logits = logits.double()
    if causal:
        shift_logits = logits[..., :-1, :].contiguous()
        shift_labels = labels[..., 1:].contiguous()
        return F.cross_entropy(shift_logits.view(-1, shift_logits.size(-1)), shift_labels.view(-1),
                               ignore_index=-100)
    return F.cross_entropy(logits, labels)


def state_candidates(model):
    cands = {}
    for k, v in model.state_dict(keep_vars=False).items():
        cands[k] = v
    for k, v in model.named_buffers():  # non-persistent buffers too (torch 1.13 has no remove_duplicate)
        cands.setdefault(k, v)
    return {k: v.detach().cpu().numpy() for k, v in cands.items()}


def initializer_map(onnx_model, model):
    cands = state_candidates(model)
    rows = []
    for init in onnx_model.graph.initializer:
        arr = numpy_helper.to_array(init)
        plain, trans = [], []
        for k, v in cands.items():
            if v.dtype == arr.dtype and v.shape == arr.shape and np.array_equal(v, arr):
                plain.append(k)
            if arr.ndim == 2 and v.ndim == 2 and v.dtype == arr.dtype and v.T.shape == arr.shape and \
                    np.array_equal(v.T, arr):
                trans.append(k)
        keys, transposed = (plain, False) if plain else (trans, True) if trans else ([], False)
        row = {'name': init.name, 'dims': list(arr.shape), 'dtype': str(arr.dtype),
               'key': keys[0] if keys else None, 'transposed': transposed}
        if len(keys) > 1:
            row['keys'] = keys
        rows.append(row)
    return rows


def references(model, batch, input_names, causal, blob):
    model.eval()
    inputs = tensor_inputs(batch, input_names)
    no_decay = no_decay_names(model)
    ref = {}
    with torch.no_grad():
        logits = model(*inputs)
    ref['logits'] = blob.add(logits)
    ref['loss'] = loss_of(logits, batch, causal).item()
    ref['loss_note'] = ('mean cross-entropy in float64 of the float32 eval logits' +
                        ('; labels shifted left one position, -100 ignored' if causal else ''))

    tied = {}
    sd_keys = list(model.state_dict().keys())
    named = dict(model.named_parameters())
    for k in sd_keys:
        if k not in named:
            p = model.get_parameter(k) if hasattr(model, 'get_parameter') else None
            if p is not None:
                owner = next(n for n, q in named.items() if q is p)
                tied.setdefault(owner, []).append(k)
    params = []
    for n, p in model.named_parameters():
        e = {'name': n, 'dims': list(p.shape), 'weight_decay': 0.0 if n in no_decay else 0.01}
        if n in tied:
            e['tied'] = tied[n]
        params.append(e)
    ref['parameters'] = params
    if tied:
        ref['tied'] = {k: owner for owner, ks in tied.items() for k in ks}

    # float64 gradients from the float32 weights, eval mode
    m64 = copy.deepcopy(model).double().eval()
    if causal:
        assert m64.lm_head.weight is m64.transformer.wte.weight
    loss64 = loss_of(m64(*inputs), batch, causal)
    ref['loss_float64_model'] = loss64.item()
    loss64.backward()
    ref['grads'] = [dict(name=n, **blob.add(p.grad)) for n, p in m64.named_parameters()]

    # AdamW, 3 steps, float64, eval mode
    m64 = copy.deepcopy(model).double().eval()
    decay = [p for n, p in m64.named_parameters() if n not in no_decay]
    nodecay = [p for n, p in m64.named_parameters() if n in no_decay]
    opt = torch.optim.AdamW([{'params': decay, 'weight_decay': 0.01}, {'params': nodecay, 'weight_decay': 0.0}],
                            lr=1e-3, betas=(0.9, 0.999), eps=1e-8, foreach=False)
    losses = []
    for _ in range(3):
        opt.zero_grad()
        loss = loss_of(m64(*inputs), batch, causal)
        losses.append(loss.item())
        loss.backward()
        opt.step()
    ref['adamw'] = {'lr': 1e-3, 'betas': [0.9, 0.999], 'eps': 1e-8, 'weight_decay': 0.01,
                    'no_decay': sorted(no_decay), 'steps': 3, 'mode': 'eval (no dropout), float64',
                    'losses_before_step': losses,
                    'params_after': [dict(name=n, **blob.add(p)) for n, p in m64.named_parameters()]}

    # dropout: training-mode loss over seeds, float32 weights
    model.train()
    vals = []
    with torch.no_grad():
        for s in range(DROPOUT_SEEDS):
            torch.manual_seed(s)
            vals.append(loss_of(model(*inputs), batch, causal).item())
    model.eval()
    v = np.array(vals)
    ref['dropout'] = {'seeds': f'torch.manual_seed(s) for s in 0..{DROPOUT_SEEDS - 1}, then one forward',
                      'mean': float(v.mean()), 'std': float(v.std(ddof=1)), 'std_ddof': 1,
                      'eval_loss': ref['loss'], 'values': vals}
    return ref


# --------------------------------------------------------------------------------------------------- export
def export(model, inputs, input_names, output_name, output_axes, opset, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    axes = {n: {0: 'batch_size', 1: 'sequence_length'} for n in input_names}
    axes[output_name] = output_axes
    torch.onnx.export(model.eval(), inputs, path, export_params=True, opset_version=opset,
                      do_constant_folding=True, input_names=list(input_names), output_names=[output_name],
                      dynamic_axes=axes)
    m = onnx.load(path)
    onnx.checker.check_model(m)
    return m


def write_json(path, obj):
    with open(path, 'w') as f:
        json.dump(obj, f, indent=1)
        f.write('\n')


def write_folder(name, hf_config, tok_json, tok_config, ref):
    d = os.path.join(OUT, name)
    os.makedirs(os.path.join(d, 'onnx'), exist_ok=True)
    write_json(os.path.join(d, 'config.json'), hf_config)
    write_json(os.path.join(d, 'tokenizer.json'), tok_json)
    write_json(os.path.join(d, 'tokenizer_config.json'), tok_config)
    blob = ref.pop('_blob')
    write_json(os.path.join(d, 'reference.json'), ref)
    with open(os.path.join(d, 'reference.bin'), 'wb') as f:
        f.write(blob)
    ref['_blob'] = blob


def summarize(name, m):
    ops = sorted({n.op_type for n in m.graph.node})
    inits = [i.name for i in m.graph.initializer]
    folded = [n for n in inits if n.startswith('onnx::MatMul_')]
    assert folded or name == 'gpt2-body', f'{name}: no constant-folded onnx::MatMul_* initializers'
    print(f'{name}: {len(m.graph.node)} nodes, {len(inits)} initializers ({len(folded)} onnx::MatMul_*)')
    print(f'  ops: {ops}')
    return ops


def main():
    if os.path.isdir(OUT):
        for entry in os.listdir(OUT):
            path = os.path.join(OUT, entry)
            if os.path.isdir(path):
                shutil.rmtree(path)
            elif entry != 'README.md':
                os.remove(path)
    os.makedirs(OUT, exist_ok=True)
    wp_json, wp_vocab = wordpiece_tokenizer_json()
    rb_json, rb_vocab, rb_merges = bpe_tokenizer_json('roberta')
    g2_json, g2_vocab, g2_merges = bpe_tokenizer_json('gpt2')
    cfgs = configs(wp_vocab, rb_vocab, g2_vocab)
    tcfgs = tokenizer_configs()
    specs = [
        ('bert', BertForSequenceClassification, wp_json, wordpiece_batch(wp_vocab, True),
         ['input_ids', 'attention_mask', 'token_type_ids'], 11),
        ('distilbert', DistilBertForSequenceClassification, wp_json, wordpiece_batch(wp_vocab, False),
         ['input_ids', 'attention_mask'], 12),
        ('roberta', RobertaForSequenceClassification, rb_json, bpe_batch('roberta', rb_vocab, rb_merges),
         ['input_ids', 'attention_mask'], 13),
        ('electra', ElectraForSequenceClassification, wp_json, wordpiece_batch(wp_vocab, True),
         ['input_ids', 'attention_mask', 'token_type_ids'], 14),
        ('gpt2', GPT2LMHeadModel, g2_json, bpe_batch('gpt2', g2_vocab, g2_merges),
         ['input_ids', 'attention_mask'], 15),
    ]
    report = {}
    tmp = os.path.join(OUT, '_tmp.onnx')
    for arch, cls, tok, batch, names, seed in specs:
        torch.manual_seed(seed)
        model = cls(model_cfg(cfgs[arch]))
        init_weights(model, seed)
        model.eval()
        causal = arch == 'gpt2'
        blob = Blob()
        ref = {'model': cfgs[arch]['architectures'][0], 'weights': f'random, seed {seed} (not a checkpoint)',
               'batch': batch, 'inputs': names}
        ref.update(references(model, batch, names, causal, blob))
        inputs = tensor_inputs(batch, names)
        out_axes = {0: 'batch_size', 1: 'sequence_length'} if causal else {0: 'batch_size'}
        for opset in (14, 17):
            name = f'{arch}-opset{opset}'
            m = export(model, inputs, names, 'logits', out_axes, opset, tmp)
            r = dict(ref, opset=opset, initializers=initializer_map(m, model), _blob=blob.bytes())
            write_folder(name, cfgs[arch], tok, tcfgs[arch], r)
            shutil.move(tmp, os.path.join(OUT, name, 'onnx', 'model.onnx'))
            report[name] = summarize(name, m)
        if arch in ('bert', 'gpt2'):
            body = model.bert if arch == 'bert' else model.transformer
            body.last_hidden_state_only = True
            name = f'{arch}-body'
            m = export(body, inputs, names, 'last_hidden_state', {0: 'batch_size', 1: 'sequence_length'}, 14, tmp)
            with torch.no_grad():
                hidden = body(*inputs)
            body.last_hidden_state_only = False
            bblob = Blob()
            r = {'model': 'BertModel' if arch == 'bert' else 'GPT2Model',
                 'weights': f'random, seed {seed}: the body of {arch}-opset14 (keys without the `'
                            f'{"bert." if arch == "bert" else "transformer."}` prefix)',
                 'batch': {k: v for k, v in batch.items() if k != 'labels'}, 'inputs': names, 'opset': 14,
                 'last_hidden_state': bblob.add(hidden), 'initializers': initializer_map(m, body),
                 '_blob': bblob.bytes()}
            bcfg = dict(cfgs[arch], architectures=['BertModel' if arch == 'bert' else 'GPT2Model'])
            for k in ('id2label', 'label2id'):
                bcfg.pop(k, None)
            write_folder(name, bcfg, tok, tcfgs[arch], r)
            shutil.move(tmp, os.path.join(OUT, name, 'onnx', 'model.onnx'))
            report[name] = summarize(name, m)
    return report


if __name__ == '__main__':
    main()
