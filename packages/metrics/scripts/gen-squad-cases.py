#!/usr/bin/python3
"""Random SQuAD v1.1 cases for @nlpft/metrics: answer normalisation, exact match and F1 on strings mixing
articles, ASCII and Unicode punctuation, Python-only whitespace (U+001C–U+001F, U+0085), U+FEFF, combining
marks, non-Latin letters and digits, astral characters: the places where JavaScript's \\s, \\b and
toLowerCase could differ from Python's.

The scoring below restates the official evaluate-v1.1.py logic (lowercase, drop string.punctuation, drop
\\b(a|an|the)\\b with Python's Unicode-aware re, split on str.split(); F1 over token multisets; max over the
ground truths).

Regenerate (from the repository root; any Python 3):
    /usr/bin/python3 packages/metrics/scripts/gen-squad-cases.py 5 > packages/metrics/fixtures/squad-random-cases.json
"""
import collections
import json
import random
import re
import string
import sys

PUNCT = set(string.punctuation)


def normalize(s):
    s = s.lower()
    s = ''.join(ch for ch in s if ch not in PUNCT)
    s = re.sub(r'\b(a|an|the)\b', ' ', s)
    return ' '.join(s.split())


def f1(prediction, truth):
    p, t = normalize(prediction).split(), normalize(truth).split()
    same = sum((collections.Counter(p) & collections.Counter(t)).values())
    if same == 0:
        return 0
    precision, recall = same / len(p), same / len(t)
    return 2 * precision * recall / (precision + recall)


random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
PIECES = ['a', 'an', 'the', 'A', 'The', 'AN', ' ', ' ', '\t', '\n', '\x1c', '\x1f', '\x85', '\ufeff', '\u3000',
          '\u2028', '\u200b', '\xa0', 'é', 'e\u0301', '\u0301', 'ñ', 'ß', 'İ', 'Σ', 'ΟΔΟΣ', '猫', '²', '٣', 'Ⅻ', '_',
          '-', '.', ',', "'", '“', '”', '«', '—', '😀', '𝐀', '𝟙', 'x', 'cat', 'dog', '1', '9', 'ǅ', 'ﬁ', 'ᾈ',
          '\u05d0', '\u0e01', '\u0e31', 'ª', '々', '〇', '\u00b5']


def text(n):
    return ''.join(random.choice(PIECES) for _ in range(random.randint(0, n)))


cases = []
for _ in range(300):
    s = text(12)
    cases.append({'metric': 'squad_normalize', 'args': {'text': s}, 'expected': normalize(s)})
for _ in range(150):
    pred = text(10)
    truths = [text(10) for _ in range(random.randint(1, 3))]
    if random.random() < 0.3:
        truths.append(pred.upper())
    em = max(float(normalize(pred) == normalize(t)) for t in truths)
    cases.append({'metric': 'squad', 'args': {'prediction': pred, 'ground_truths': truths},
                  'expected': {'exact_match': em, 'f1': max(f1(pred, t) for t in truths)}})
json.dump(cases, sys.stdout, ensure_ascii=False)
sys.stdout.write('\n')
