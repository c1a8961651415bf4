#!/usr/bin/python3
"""Reference vectors for @nlpft/training early stopping and optimizers, and @nlpft/metrics statistics.

Regenerate (Debian python3-torch and python3-scipy, no network, no `transformers`):
    /usr/bin/python3 packages/training/scripts/gen_optimizer_reference.py
Writes packages/training/fixtures/{early-stopping,optimizer-reference,statistics}.json.

`transformers` is not installed, so its pieces are re-stated here from the source we read:
- Early stopping: transformers/trainer_callback.py `EarlyStoppingCallback.check_metric_value` / `on_evaluate`
  and transformers/trainer.py `Trainer._determine_best_metric` (4.47+): the callback runs inside `evaluate()`,
  so it compares with the best *before* this evaluation; then the Trainer moves `best_metric` on every strict
  improvement (np.greater / np.less), with no threshold. The Keras/Lightning rule (`current - min_delta > best`)
  is re-stated from keras.callbacks.EarlyStopping for the `rule: 'keras'` cases.
- Adafactor: transformers/optimization.py `Adafactor.step` (factored second moment for >= 2-D tensors,
  relative step, parameter scale, update clipping by RMS, optional beta1, weight decay `p -= wd * lr * p`).
- Legacy `transformers.AdamW` (removed in v5): eps 1e-6, `correct_bias`, denominator `sqrt(v) + eps` and
  step size `lr * sqrt(1 - b2^t) / (1 - b1^t)`, then weight decay on the updated weights `p -= lr * wd * p`.
- pytorch-pretrained-bert `BertAdam`: per-parameter `clip_grad_norm_(p, max_grad_norm)` before the moments,
  no bias correction, `update = m / (sqrt(v) + e) + wd * p`; defaults e 1e-6, weight_decay 0.01,
  max_grad_norm 1.0.
- `maximize` comes straight from torch.optim.SGD / Adam / AdamW (foreach=False).
Statistics: scipy.stats.levene (center 'median', 'mean', 'trimmed'), scipy.stats.f.sf, and Dodge et al. (2019)
expected maximum over n draws with replacement from the empirical CDF (eq. 1 of "Show Your Work").
"""
import json
import math
import os
import random

import numpy as np
import scipy
import scipy.stats
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures')


# ---------------------------------------------------------------- early stopping
def hf_early_stopping(values, patience, threshold, greater):
    """HF Trainer + EarlyStoppingCallback; returns the evaluation (1-based) it stops after, best index, counters."""
    op = np.greater if greater else np.less
    best = None  # state.best_metric
    best_index = None
    counter = 0
    counters = []
    for i, v in enumerate(values):
        # EarlyStoppingCallback.check_metric_value (runs in on_evaluate, before the Trainer updates the best)
        if best is None or (op(v, best) and abs(v - best) > threshold):
            counter = 0
        else:
            counter += 1
        counters.append(counter)
        # Trainer._determine_best_metric: strict improvement, no threshold
        ref = best if best is not None else (float('-inf') if greater else float('inf'))
        if op(v, ref):
            best = v
            best_index = i
        if counter >= patience:
            return {'stopAfter': i + 1, 'bestIndex': best_index, 'best': best, 'counters': counters}
    return {'stopAfter': None, 'bestIndex': best_index, 'best': best, 'counters': counters}


def keras_early_stopping(values, patience, min_delta, greater):
    best = None
    best_index = None
    wait = 0
    waits = []
    for i, v in enumerate(values):
        better = best is None or ((v - min_delta > best) if greater else (v + min_delta < best))
        if better:
            best = v
            best_index = i
            wait = 0
        else:
            wait += 1
        waits.append(wait)
        if wait >= patience:
            return {'stopAfter': i + 1, 'bestIndex': best_index, 'best': best, 'counters': waits}
    return {'stopAfter': None, 'bestIndex': best_index, 'best': best, 'counters': waits}


rnd = random.Random(20190101)
es_cases = []
example = [0.50, 0.55, 0.62, 0.69, 0.70]
for rule, fn in (('hf', hf_early_stopping), ('keras', keras_early_stopping)):
    es_cases.append({'id': f'issue-example-{rule}', 'rule': rule, 'values': example, 'patience': 2,
                     'threshold': 0.1, 'greaterIsBetter': True, **fn(example, 2, 0.1, True)})
for k in range(240):
    integer = k % 2 == 0
    greater = (k // 2) % 2 == 0
    n = rnd.randint(3, 30)
    v = rnd.randint(0, 50) if integer else rnd.uniform(0, 1)
    values = []
    for _ in range(n):
        # A drifting random walk, so improvements, ties, plateaus and regressions all occur.
        step = rnd.choice([-2, -1, 0, 0, 1, 1, 2, 3]) if integer else round(rnd.gauss(0.01, 0.03), 4)
        v = v + step if integer else round(v + step, 4)
        values.append(v)
    patience = rnd.randint(1, 4)
    threshold = rnd.choice([0, 0, 1, 2]) if integer else rnd.choice([0.0, 0.0, 0.01, 0.02, 0.05])
    for rule, fn in (('hf', hf_early_stopping), ('keras', keras_early_stopping)):
        es_cases.append({'id': f'walk-{k}-{rule}', 'rule': rule, 'values': values, 'patience': patience,
                         'threshold': threshold, 'greaterIsBetter': greater,
                         **fn(values, patience, threshold, greater)})
early_stopping = {'cases': es_cases}

# ---------------------------------------------------------------- optimizers
torch.manual_seed(7)
STEPS = 6
shapes = {'dense.weight': (3, 4), 'dense.bias': (4,), 'blocks.weight': (2, 3, 2)}
init = {k: torch.randn(*s) for k, s in shapes.items()}
grads = [{k: torch.randn(*s) * 2 for k, s in shapes.items()} for _ in range(STEPS)]


def flat(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def params_copy():
    return {k: torch.nn.Parameter(v.clone()) for k, v in init.items()}


def run_torch(kind, o):
    tp = params_copy()
    if kind == 'sgd':
        opt = torch.optim.SGD(tp.values(), lr=o['lr'], momentum=o.get('momentum', 0),
                              weight_decay=o.get('weightDecay', 0), nesterov=o.get('nesterov', False),
                              maximize=o.get('maximize', False), foreach=False)
    else:
        cls = torch.optim.Adam if kind == 'adam' else torch.optim.AdamW
        opt = cls(tp.values(), lr=o['lr'], weight_decay=o.get('weightDecay', 0 if kind == 'adam' else 0.01),
                  amsgrad=o.get('amsgrad', False), maximize=o.get('maximize', False), foreach=False)
    traj = []
    for g in grads:
        for k, p in tp.items():
            p.grad = g[k].clone()
        opt.step()
        traj.append({k: flat(v) for k, v in tp.items()})
    return traj


def run_legacy_adamw(o):
    """transformers.AdamW (v4), re-stated."""
    lr, (b1, b2) = o.get('lr', 1e-3), tuple(o.get('betas', (0.9, 0.999)))
    eps, wd, correct = o.get('eps', 1e-6), o.get('weightDecay', 0.0), o.get('correctBias', True)
    tp = params_copy()
    state = {k: {'step': 0, 'm': torch.zeros_like(p), 'v': torch.zeros_like(p)} for k, p in tp.items()}
    traj = []
    with torch.no_grad():
        for g in grads:
            for k, p in tp.items():
                s = state[k]
                s['step'] += 1
                s['m'].mul_(b1).add_(g[k], alpha=1.0 - b1)
                s['v'].mul_(b2).addcmul_(g[k], g[k], value=1.0 - b2)
                denom = s['v'].sqrt().add_(eps)
                step_size = lr
                if correct:
                    step_size = step_size * math.sqrt(1.0 - b2 ** s['step']) / (1.0 - b1 ** s['step'])
                p.addcdiv_(s['m'], denom, value=-step_size)
                if wd > 0.0:
                    p.add_(p, alpha=-lr * wd)
            traj.append({k: flat(v) for k, v in tp.items()})
    return traj


def run_bert_adam(o):
    """pytorch-pretrained-bert BertAdam (t_total -1, i.e. no built-in schedule), re-stated."""
    lr, (b1, b2) = o['lr'], tuple(o.get('betas', (0.9, 0.999)))
    e, wd, mgn = o.get('eps', 1e-6), o.get('weightDecay', 0.01), o.get('maxGradNorm', 1.0)
    tp = params_copy()
    state = {k: {'m': torch.zeros_like(p), 'v': torch.zeros_like(p)} for k, p in tp.items()}
    traj = []
    for g in grads:
        for k, p in tp.items():
            p.grad = g[k].clone()
            if mgn > 0:
                torch.nn.utils.clip_grad_norm_(p, mgn)
            with torch.no_grad():
                grad = p.grad
                s = state[k]
                s['m'].mul_(b1).add_(grad, alpha=1 - b1)
                s['v'].mul_(b2).addcmul_(grad, grad, value=1 - b2)
                update = s['m'] / (s['v'].sqrt() + e)
                if wd > 0.0:
                    update += wd * p
                p.add_(-(lr * update))
        traj.append({k: flat(v) for k, v in tp.items()})
    return traj


def rms(t):
    return t.norm(2) / (t.numel() ** 0.5)


def run_adafactor(o):
    """transformers.optimization.Adafactor.step, re-stated for float32 tensors."""
    lr0 = o.get('lr')
    eps = tuple(o.get('eps', (1e-30, 1e-3)))
    clip, decay_rate, beta1 = o.get('clipThreshold', 1.0), o.get('decayRate', -0.8), o.get('beta1')
    wd = o.get('weightDecay', 0.0)
    scale_parameter, relative_step = o.get('scaleParameter', True), o.get('relativeStep', True)
    warmup_init = o.get('warmupInit', False)
    tp = params_copy()
    state = {k: {} for k in tp}
    traj = []
    with torch.no_grad():
        for g in grads:
            for k, p in tp.items():
                grad = g[k]
                s = state[k]
                factored = grad.dim() >= 2
                if not s:
                    s['step'] = 0
                    if beta1 is not None:
                        s['exp_avg'] = torch.zeros_like(grad)
                    if factored:
                        s['row'] = torch.zeros(grad.shape[:-1])
                        s['col'] = torch.zeros(grad.shape[:-2] + grad.shape[-1:])
                    else:
                        s['sq'] = torch.zeros_like(grad)
                s['step'] += 1
                param_rms = rms(p)
                step_size = lr0
                if relative_step:
                    min_step = 1e-6 * s['step'] if warmup_init else 1e-2
                    step_size = min(min_step, 1.0 / math.sqrt(s['step']))
                scale = max(eps[1], param_rms) if scale_parameter else 1.0
                lr = scale * step_size
                beta2t = 1.0 - math.pow(s['step'], decay_rate)
                update = grad ** 2 + eps[0]
                if factored:
                    s['row'].mul_(beta2t).add_(update.mean(dim=-1), alpha=1.0 - beta2t)
                    s['col'].mul_(beta2t).add_(update.mean(dim=-2), alpha=1.0 - beta2t)
                    r = (s['row'] / s['row'].mean(dim=-1, keepdim=True)).rsqrt_().unsqueeze(-1)
                    c = s['col'].unsqueeze(-2).rsqrt()
                    update = torch.mul(r, c)
                    update.mul_(grad)
                else:
                    s['sq'].mul_(beta2t).add_(update, alpha=1.0 - beta2t)
                    update = s['sq'].rsqrt().mul_(grad)
                update.div_((rms(update) / clip).clamp_(min=1.0))
                update.mul_(lr)
                if beta1 is not None:
                    s['exp_avg'].mul_(beta1).add_(update, alpha=1 - beta1)
                    update = s['exp_avg']
                if wd != 0:
                    p.add_(p, alpha=-wd * lr)
                p.add_(-update)
            traj.append({k: flat(v) for k, v in tp.items()})
    return traj


opt_cases = []
for kind, o in [('sgd', {'lr': 0.1, 'maximize': True}),
                ('sgd', {'lr': 0.05, 'momentum': 0.9, 'weightDecay': 0.01, 'maximize': True}),
                ('adam', {'lr': 0.01, 'maximize': True}),
                ('adam', {'lr': 0.01, 'weightDecay': 0.1, 'amsgrad': True, 'maximize': True}),
                ('adamw', {'lr': 0.01, 'weightDecay': 0.05, 'maximize': True})]:
    opt_cases.append({'kind': kind, 'options': o, 'trajectory': run_torch(kind, o)})
for o in [{}, {'lr': 0.01, 'weightDecay': 0.01}, {'lr': 0.01, 'correctBias': False},
          {'lr': 0.02, 'betas': [0.8, 0.99], 'eps': 1e-8, 'weightDecay': 0.1}]:
    opt_cases.append({'kind': 'transformers-adamw', 'options': o, 'trajectory': run_legacy_adamw(o)})
for o in [{'lr': 0.01}, {'lr': 0.01, 'maxGradNorm': 0, 'weightDecay': 0}, {'lr': 0.01, 'maxGradNorm': 0.5},
          {'lr': 0.005, 'maxGradNorm': 100.0, 'weightDecay': 0.1}]:
    opt_cases.append({'kind': 'bertadam', 'options': o, 'trajectory': run_bert_adam(o)})
for o in [{}, {'warmupInit': True},
          {'lr': 0.01, 'relativeStep': False, 'scaleParameter': False},
          {'lr': 0.01, 'relativeStep': False, 'beta1': 0.9, 'weightDecay': 0.01},
          {'clipThreshold': 0.5, 'decayRate': -0.5, 'eps': [1e-30, 0.5]}]:
    opt_cases.append({'kind': 'adafactor', 'options': o, 'trajectory': run_adafactor(o)})
optimizers = {'shapes': {k: list(s) for k, s in shapes.items()}, 'init': {k: flat(v) for k, v in init.items()},
              'grads': [{k: flat(v) for k, v in g.items()} for g in grads], 'cases': opt_cases}

# ---------------------------------------------------------------- statistics
rs = np.random.RandomState(2019)
levene_cases = []
samples_sets = [
    [rs.normal(0, 1, 10).round(6).tolist(), rs.normal(0, 2, 12).round(6).tolist(), rs.normal(1, 1, 9).round(6).tolist()],
    [rs.normal(0.8, 0.01, 5).round(4).tolist(), rs.normal(0.8, 0.05, 5).round(4).tolist()],
    [[1, 2, 2, 3, 3, 3, 4], [1, 1, 5, 5, 9], [2, 3, 4, 4, 5, 6, 6, 7]],
    [rs.normal(0, 1, 40).round(6).tolist(), rs.normal(0, 1.1, 35).round(6).tolist(),
     rs.normal(0, 3, 30).round(6).tolist(), rs.normal(0, 1, 25).round(6).tolist()],
]
for i, samples in enumerate(samples_sets):
    for center in ('median', 'mean', 'trimmed'):
        for cut in ((0.05, 0.2) if center == 'trimmed' else (0.05,)):
            r = scipy.stats.levene(*samples, center=center, proportiontocut=cut)
            levene_cases.append({'id': f'levene-{i}-{center}-{cut}', 'samples': samples, 'center': center,
                                 'proportionToCut': cut, 'statistic': float(r.statistic),
                                 'pvalue': float(r.pvalue)})
f_sf = [{'x': x, 'dfn': a, 'dfd': b, 'sf': float(scipy.stats.f.sf(x, a, b))}
        for x, a, b in [(0.5, 1, 1), (1.0, 2, 10), (3.2, 3, 40), (12.0, 2, 5), (0.01, 4, 7), (40.0, 5, 100),
                        (2.5, 1, 300), (7.0, 10, 12), (150.0, 3, 60)]]


def expected_max(values, n):
    """Dodge et al. (2019) eq. 1 with the empirical CDF: sum_i v_(i) * (F(v_(i))^n - F(v_(i-1))^n)."""
    v = np.sort(np.asarray(values, dtype=float))
    N = len(v)
    cdf = np.arange(1, N + 1) / N
    prev = np.arange(0, N) / N
    w = cdf ** n - prev ** n
    mean = float(np.sum(v * w))
    var = float(np.sum(w * (v - mean) ** 2))
    return mean, var


em_cases = []
for i, values in enumerate([[0.81, 0.79, 0.9, 0.85, 0.52], [3, 1, 4, 1, 5, 9, 2, 6],
                            rs.uniform(0.5, 0.9, 20).round(4).tolist(), [0.7, 0.7, 0.7]]):
    budgets = [1, 2, 3, len(values), 2 * len(values), 50]
    em_cases.append({'id': f'expected-max-{i}', 'values': values, 'budgets': budgets,
                     'mean': [expected_max(values, n)[0] for n in budgets],
                     'variance': [expected_max(values, n)[1] for n in budgets]})
statistics = {'levene': levene_cases, 'fSf': f_sf, 'expectedMax': em_cases}

os.makedirs(OUT, exist_ok=True)
for name, data in [('early-stopping', early_stopping), ('optimizer-reference', optimizers),
                   ('statistics', statistics)]:
    with open(os.path.join(OUT, name + '.json'), 'w') as f:
        json.dump({'generator': 'packages/training/scripts/gen_optimizer_reference.py', 'torch': torch.__version__,
                   'scipy': scipy.__version__, 'data': data}, f)
print('ok', torch.__version__, scipy.__version__, len(es_cases), len(opt_cases))
