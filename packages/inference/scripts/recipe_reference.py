#!/usr/bin/python3
"""Reference values for the recipes @nlpft/inference follows, computed on the committed tiny GPT-2.

Regenerate (Debian's python3-torch; no `transformers` needed, the recipes are re-stated below):

    cd packages/inference && /usr/bin/python3 scripts/recipe_reference.py

Writes fixtures/recipe-reference.json:
  sliding_window    Hugging Face's fixed-length perplexity recipe for every stride 1..max_length and sequence
                    lengths around multiples of max_length (and of the model's 64 positions).
  greedy_vocab      greedy decoding when the tokenizer has fewer entries than the model's output vocabulary, with
                    the logits past the tokenizer's vocabulary set to -inf first (what transformers'
                    SuppressTokensLogitsProcessor does for `suppress_tokens`).

The model is rebuilt from scripts/export_models.py (same classes, same seed). Before writing anything the script checks
that the rebuilt weights reproduce the committed reference.json, i.e. that they are the weights of fixtures/gpt2-tiny.
"""
import json
import math
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import export_models as em  # noqa: E402

torch.set_grad_enabled(False)
OUT = os.path.join(em.FIXTURES, 'recipe-reference.json')


def rebuild_lm():
    gpt = em.Gpt2()
    em.init_(gpt, 11)  # the seed export_models.py gives the GPT-2 body
    return em.Gpt2Lm(gpt)


def check_same_weights(lm):
    """The rebuilt model must give the committed reference.json outputs (so it is the fixture's model)."""
    with open(os.path.join(em.FIXTURES, 'reference.json')) as f:
        ref = json.load(f)['cases']
    for t in ref['gpt2_scores']['per_text']:
        s = t['ids']
        x = torch.tensor([s])
        lp = torch.log_softmax(lm(x, torch.ones_like(x), torch.arange(len(s)).unsqueeze(0)).double(), -1)[0]
        got = [float(lp[i, s[i + 1]]) for i in range(len(s) - 1)]
        diff = max(abs(a - b) for a, b in zip(got, t['token_log_probs']))
        assert diff < 1e-6, 'rebuilt model differs from reference.json by %g' % diff
    for g in ref['gpt2_greedy']['generations']:
        out, _ = em.greedy(lm, g['prompt_ids'], len(g['greedy_ids']))
        assert out == g['greedy_ids'], 'rebuilt model generates %s, reference.json %s' % (out, g['greedy_ids'])


def hf_sliding_window(lm, ids, max_length, stride):
    """Re-statement of the recipe in transformers' docs, "Perplexity of fixed-length models"
    (https://huggingface.co/docs/transformers/perplexity):

        for begin in range(0, seq_len, stride):
            end = min(begin + max_length, seq_len); trg_len = end - prev_end
            target_ids = input_ids[:, begin:end].clone(); target_ids[:, :-trg_len] = -100
            loss = model(input_ids[:, begin:end], labels=target_ids).loss
            ...; prev_end = end; if end == seq_len: break

    GPT2LMHeadModel's loss shifts the labels (logits[:-1] predict labels[1:]) and averages CrossEntropyLoss over the
    labels that are not -100. Here the loss is summed in float64 and the scored labels are counted exactly, so the
    result is exp(total NLL / scored tokens). (The docs multiply each window's mean loss by `valid labels - 1`, which
    is the scored count for the first window only; a window of one token has no scored label and a NaN mean loss
    there, and contributes nothing here.)"""
    seq_len = len(ids)
    nll_sum, n_tokens, prev_end, windows = 0.0, 0, 0, []
    for begin in range(0, seq_len, stride):
        end = min(begin + max_length, seq_len)
        trg_len = end - prev_end
        input_ids = torch.tensor([ids[begin:end]])
        target_ids = input_ids.clone()
        target_ids[:, :-trg_len] = -100
        logits = lm(input_ids, torch.ones_like(input_ids), torch.arange(end - begin).unsqueeze(0))
        shift_logits = logits[0, :-1].double()
        shift_labels = target_ids[0, 1:]
        scored = int((shift_labels != -100).sum())
        if scored > 0:
            nll_sum += float(torch.nn.functional.cross_entropy(shift_logits, shift_labels, ignore_index=-100,
                                                               reduction='sum'))
        n_tokens += scored
        windows.append({'begin': begin, 'end': end, 'scored': scored})
        prev_end = end
        if end == seq_len:
            break
    return nll_sum, n_tokens, windows


def greedy_suppressed(lm, prompt, steps, allowed):
    """Greedy decoding without cache; logits of ids >= allowed are -inf before the argmax (suppress_tokens)."""
    ids = list(prompt)
    margins = []
    for _ in range(steps):
        x = torch.tensor([ids])
        logits = lm(x, torch.ones_like(x), torch.arange(len(ids)).unsqueeze(0))[0, -1].clone()
        logits[allowed:] = -math.inf
        top = torch.topk(logits, 2)
        margins.append(float(top.values[0] - top.values[1]))
        ids.append(int(top.indices[0]))
    return ids[len(prompt):], min(margins)


def main():
    lm = rebuild_lm()
    check_same_weights(lm)
    story = ' '.join(['once upon a time there was a king who lived in an old castle by the river .'] * 6)
    words = story.split(' ')
    assert em.words(story) == [em.IDS[w] for w in words]

    cases = []

    def add(max_length, stride, n):
        text = ' '.join(words[:n])
        ids = em.words(text)
        assert len(ids) == n
        nll, tokens, windows = hf_sliding_window(lm, ids, max_length, stride)
        cases.append({'id': 'L%d-s%d-n%d' % (max_length, stride, n), 'max_length': max_length, 'stride': stride,
                      'text': text, 'ids': ids, 'nll_sum': nll, 'tokens': tokens,
                      'perplexity': math.exp(nll / tokens), 'windows': windows})

    for stride in range(1, 9):
        for n in (7, 8, 9, 15, 16, 17, 24, 25):
            add(8, stride, n)
    # the reported case (stride == max_length == 32) and windows as long as the model's 64 positions
    for stride in (16, 31, 32):
        add(32, stride, len(words))
    for stride in (1, 16, 63, 64):
        for n in (64, 65, len(words)):
            add(em.MAX_POS, stride, n)

    vocab_size = len(em.VOCAB)
    gens = []
    for prompt in ('the cat', 'who lived in the', 'once upon a time'):
        unmasked, _ = em.greedy(lm, em.words(prompt), 12)
        masked, margin = greedy_suppressed(lm, em.words(prompt), 12, vocab_size)
        assert margin > 1e-3, 'greedy margin too small for a stable test'
        gens.append({'prompt': prompt, 'prompt_ids': em.words(prompt), 'unmasked_ids': unmasked,
                     'greedy_ids': masked, 'min_margin': margin})
    assert any(i >= vocab_size for g in gens for i in g['unmasked_ids']), 'no prompt reaches past the vocabulary'

    ref = {'generator': 'scripts/recipe_reference.py (PyTorch %s)' % torch.__version__,
           'sliding_window': cases,
           'greedy_vocab': {'tokenizer_vocab_size': vocab_size, 'model_vocab_size': em.VOCAB_SIZE,
                            'max_new_tokens': 12, 'generations': gens}}
    with open(OUT + '.tmp', 'w') as f:
        json.dump(ref, f)
        f.write('\n')
    os.replace(OUT + '.tmp', OUT)
    print('%d sliding-window cases; greedy %s' % (len(cases), [(g['prompt'], g['greedy_ids']) for g in gens]))


if __name__ == '__main__':
    main()
