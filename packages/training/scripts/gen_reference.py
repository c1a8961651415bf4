#!/usr/bin/python3
"""Reference vectors for @nlpft/training schedules, optimizers and gradient clipping.

Regenerate (Debian python3-torch, no network, no `transformers`):
    /usr/bin/python3 packages/training/scripts/gen_reference.py
Writes packages/training/fixtures/{schedules,optimizers,clipping}.json.

Schedules: Hugging Face `get_scheduler` lambdas re-stated from transformers/optimization.py (current main) and run
through torch.optim.lr_scheduler.LambdaLR; StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR,
CosineAnnealingWarmRestarts, OneCycleLR (rates and cycled momentum) and ReduceLROnPlateau (seeded random metrics)
straight from torch; ULMFiT slanted triangular re-stated from AllenNLP's `SlantedTriangular`.
Optimizers: torch.optim.SGD/Adam/AdamW (foreach=False); BERTAdam (no bias correction) as in pytorch-pretrained-bert's
BertAdam. Clipping: torch.nn.utils.clip_grad_norm_ / clip_grad_value_.
"""
import json
import math
import os
import random

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures')
torch.manual_seed(0)

# ---------------------------------------------------------------- schedules
# Hugging Face lambdas, re-stated from transformers/optimization.py (current main: get_wsd_schedule with
# warmup_type/decay_type, get_cosine_with_min_lr_schedule_with_warmup, ..._lr_rate) and run through LambdaLR.


def warm(step, w):
    return float(step) / float(max(1, w))


def hf_cosine_factor(s, w, t, c, min_rate=0.0):
    # _get_cosine_schedule_with_warmup_lr_lambda; min_rate > 0 is cosine_with_min_lr
    if s < w:
        return warm(s, w)
    p = float(s - w) / float(max(1, t - w))
    factor = 0.5 * (1.0 + math.cos(math.pi * float(c) * 2.0 * p))
    return max(0, factor * (1 - min_rate) + min_rate)


def min_lr_rate(o):
    # get_cosine_with_min_lr_*: exactly one of min_lr (absolute, over the optimizer's lr) or min_lr_rate
    if ('minLr' in o) == ('minLrRate' in o):
        raise ValueError('exactly one of minLr / minLrRate')
    return o['minLr'] / o['learningRate'] if 'minLr' in o else o['minLrRate']


def hf_lambda(name, o):
    w, t = o.get('warmupSteps', 0), o.get('totalSteps', 0)
    if name == 'constant':
        return lambda s: 1.0
    if name == 'constant_with_warmup':
        return lambda s: warm(s, w) if s < w else 1.0
    if name == 'linear':
        return lambda s: warm(s, w) if s < w else max(0.0, float(t - s) / float(max(1, t - w)))
    if name == 'cosine':
        return lambda s: hf_cosine_factor(s, w, t, o.get('numCycles', 0.5))
    if name == 'cosine_with_min_lr':
        rate = min_lr_rate(o)
        return lambda s: hf_cosine_factor(s, w, t, o.get('numCycles', 0.5), rate)
    if name == 'cosine_warmup_with_min_lr':
        rate, c, wr = min_lr_rate(o), o.get('numCycles', 0.5), o.get('warmupLrRate')
        def f(s):
            s, fw, ft = float(s), float(w), float(t)
            if s < fw:
                if wr is None:
                    return (s + 1.0) / max(1.0, fw)
                return wr + (1.0 - wr) * s / max(1, fw - 1)
            p = (s - fw + 1.0) / max(1.0, ft - fw)
            factor = 0.5 * (1.0 + math.cos(math.pi * c * 2.0 * p))
            return max(0, factor * (1 - rate) + rate)
        return f
    if name == 'cosine_with_restarts':
        c = o.get('numCycles', 1)
        def f(s):
            if s < w:
                return warm(s, w)
            p = float(s - w) / float(max(1, t - w))
            if p >= 1.0:
                return 0.0
            return max(0.0, 0.5 * (1.0 + math.cos(math.pi * ((float(c) * p) % 1.0))))
        return f
    if name == 'polynomial':
        lr0, lr_end, power = o['learningRate'], o.get('lrEnd', 1e-7), o.get('power', 1.0)
        def f(s):
            if s < w:
                return warm(s, w)
            if s > t:
                return lr_end / lr0
            rng = lr0 - lr_end
            rem = 1 - (s - w) / (t - w)
            return (rng * rem ** power + lr_end) / lr0
        return f
    if name == 'inverse_sqrt':
        ts = o.get('timescale') or (w or 10000)
        def f(s):
            if s < w:
                return warm(s, w)
            shift = ts - w
            return 1.0 / math.sqrt((s + shift) / ts)
        return f
    if name == 'warmup_stable_decay':
        dc = o['decaySteps']
        st = o['stableSteps'] if 'stableSteps' in o else t - w - dc
        mn, c = o.get('minLrRatio', 0.0), o.get('numCycles', 0.5)
        wt, dt = o.get('warmupType', 'linear'), o.get('decayType', 'cosine')
        def f(s):
            if s < w:
                p = float(s) / float(max(1, w))
                v = {'linear': lambda: p, 'cosine': lambda: 0.5 * (1.0 - math.cos(math.pi * p)),
                     '1-sqrt': lambda: 1.0 - math.sqrt(1.0 - p)}[wt]()
                return max(0.0, v * (1.0 - mn) + mn)
            if s < w + st:
                return 1.0
            if s < w + st + dc:
                p = float(s - w - st) / float(max(1, dc))
                v = {'linear': lambda: 1.0 - p,
                     'cosine': lambda: 0.5 * (1.0 + math.cos(math.pi * float(c) * 2.0 * p)),
                     '1-sqrt': lambda: 1.0 - math.sqrt(p)}[dt]()
                return max(0.0, v * (1.0 - mn) + mn)
            return mn
        return f
    if name == 'slanted_triangular':
        # AllenNLP SlantedTriangular.get_values without gradual unfreezing: cut = int(T * cut_frac), the decay
        # divides by T - cut, and the step is clamped at T (so the factor stays 1/ratio afterwards).
        T, cf, ratio = o['totalSteps'], o.get('cutFrac', 0.1), o.get('ratio', 32)
        cut = int(T * cf)
        def f(s):
            s = min(s, T)
            prop = s / cut if s < cut else 1 - (s - cut) / (T - cut)
            return (1 + prop * (ratio - 1)) / ratio
        return f
    raise ValueError(name)


def sgd(lr):
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr)


def trace(opt, sch, n):
    """Rates used by optimizer steps 0..n-1, the way a training loop calls step() after each update."""
    out = [opt.param_groups[0]['lr']]
    for _ in range(n - 1):
        opt.step()
        sch.step()
        out.append(opt.param_groups[0]['lr'])
    return out


def torch_scheduler(name, o, opt):
    S = torch.optim.lr_scheduler
    if name == 'step_lr':
        return S.StepLR(opt, step_size=o['stepSize'], gamma=o.get('gamma', 0.1))
    if name == 'multi_step_lr':
        return S.MultiStepLR(opt, milestones=o['milestones'], gamma=o.get('gamma', 0.1))
    if name == 'exponential_lr':
        return S.ExponentialLR(opt, gamma=o['gamma'])
    if name == 'cosine_annealing':
        return S.CosineAnnealingLR(opt, T_max=o['tMax'], eta_min=o.get('etaMin', 0.0))
    if name == 'cosine_annealing_warm_restarts':
        return S.CosineAnnealingWarmRestarts(opt, T_0=o['t0'], T_mult=o.get('tMult', 1), eta_min=o.get('etaMin', 0.0))
    raise ValueError(name)


LR = 1e-3
hf_cases = [
    ('constant', {}, 50), ('constant_with_warmup', {'warmupSteps': 7}, 50),
    ('constant_with_warmup', {'warmupSteps': 0}, 5), ('constant_with_warmup', {'warmupSteps': 1}, 5),
    ('linear', {'warmupSteps': 5, 'totalSteps': 40}, 50), ('linear', {'warmupSteps': 0, 'totalSteps': 30}, 50),
    ('linear', {'warmupSteps': 10, 'totalSteps': 10}, 15), ('linear', {'warmupSteps': 0, 'totalSteps': 1}, 5),
    ('linear', {'warmupSteps': 1, 'totalSteps': 1}, 5),
    ('cosine', {'warmupSteps': 4, 'totalSteps': 40}, 50),
    ('cosine', {'warmupSteps': 3, 'totalSteps': 40, 'numCycles': 1.5}, 50),
    ('cosine', {'warmupSteps': 10, 'totalSteps': 10}, 15), ('cosine', {'warmupSteps': 0, 'totalSteps': 1}, 5),
    ('cosine_with_restarts', {'warmupSteps': 5, 'totalSteps': 45, 'numCycles': 3}, 50),
    ('cosine_with_restarts', {'warmupSteps': 2, 'totalSteps': 23, 'numCycles': 2.5}, 30),
    ('cosine_with_restarts', {'warmupSteps': 3, 'totalSteps': 3}, 6),
    ('cosine_with_restarts', {'warmupSteps': 0, 'totalSteps': 1}, 4),
    ('polynomial', {'warmupSteps': 4, 'totalSteps': 40, 'lrEnd': 1e-5, 'power': 2.0, 'learningRate': LR}, 50),
    ('polynomial', {'warmupSteps': 0, 'totalSteps': 30, 'learningRate': LR}, 50),
    ('polynomial', {'warmupSteps': 0, 'totalSteps': 1, 'power': 0.5, 'learningRate': LR}, 4),
    ('inverse_sqrt', {'warmupSteps': 6}, 50), ('inverse_sqrt', {'warmupSteps': 4, 'timescale': 20}, 50),
    ('inverse_sqrt', {'warmupSteps': 0}, 20), ('inverse_sqrt', {'warmupSteps': 1}, 20),
    # the example: HF gives 1e-4 at step 0 (warm-up starts at min_lr_ratio)
    ('warmup_stable_decay', {'warmupSteps': 5, 'stableSteps': 10, 'decaySteps': 15, 'minLrRatio': 0.1}, 50),
    ('warmup_stable_decay', {'warmupSteps': 6, 'stableSteps': 4, 'decaySteps': 9, 'minLrRatio': 0.05,
                             'warmupType': 'cosine', 'decayType': 'linear'}, 25),
    ('warmup_stable_decay', {'warmupSteps': 7, 'stableSteps': 3, 'decaySteps': 11, 'minLrRatio': 0.2,
                             'warmupType': '1-sqrt', 'decayType': '1-sqrt'}, 25),
    ('warmup_stable_decay', {'warmupSteps': 4, 'totalSteps': 30, 'decaySteps': 10, 'numCycles': 1.0,
                             'warmupType': 'linear', 'decayType': 'cosine'}, 35),
    ('warmup_stable_decay', {'warmupSteps': 0, 'stableSteps': 0, 'decaySteps': 1, 'minLrRatio': 0.3}, 4),
    ('warmup_stable_decay', {'warmupSteps': 1, 'stableSteps': 0, 'decaySteps': 0}, 4),
    ('cosine_with_min_lr', {'warmupSteps': 4, 'totalSteps': 40, 'minLrRate': 0.1}, 50),
    ('cosine_with_min_lr', {'warmupSteps': 0, 'totalSteps': 30, 'minLr': 1e-4, 'learningRate': LR,
                            'numCycles': 1.0}, 40),
    ('cosine_with_min_lr', {'warmupSteps': 10, 'totalSteps': 10, 'minLrRate': 0.2}, 15),
    ('cosine_with_min_lr', {'warmupSteps': 0, 'totalSteps': 1, 'minLrRate': 0.5}, 4),
    ('cosine_warmup_with_min_lr', {'warmupSteps': 5, 'totalSteps': 40, 'minLrRate': 0.1}, 50),
    ('cosine_warmup_with_min_lr', {'warmupSteps': 5, 'totalSteps': 40, 'minLrRate': 0.05, 'warmupLrRate': 0.2}, 45),
    ('cosine_warmup_with_min_lr', {'warmupSteps': 0, 'totalSteps': 20, 'minLr': 2e-4, 'learningRate': LR}, 25),
    ('cosine_warmup_with_min_lr', {'warmupSteps': 1, 'totalSteps': 1, 'minLrRate': 0.1, 'warmupLrRate': 0.3}, 4),
    ('cosine_warmup_with_min_lr', {'warmupSteps': 8, 'totalSteps': 8, 'minLrRate': 0.1, 'numCycles': 1.5}, 12),
]
schedules = []
for name, o, n in hf_cases:
    opt = sgd(LR)
    lam = torch.optim.lr_scheduler.LambdaLR(opt, hf_lambda(name, o))
    schedules.append({'name': name, 'options': o, 'learningRate': LR, 'lr': trace(opt, lam, n)})

# ULMFiT slanted triangular, re-stated from AllenNLP (T·cutFrac non-integer in the two cases from the issue)
for o in [{'totalSteps': 60, 'cutFrac': 0.1, 'ratio': 32}, {'totalSteps': 25, 'cutFrac': 0.1, 'ratio': 32},
          {'totalSteps': 99, 'cutFrac': 0.25, 'ratio': 10}, {'totalSteps': 10, 'cutFrac': 0.1, 'ratio': 32},
          {'totalSteps': 7, 'cutFrac': 0.5, 'ratio': 4}, {'totalSteps': 13, 'cutFrac': 0.9, 'ratio': 1}]:
    opt = sgd(0.01)
    schedules.append({'name': 'slanted_triangular', 'options': o, 'learningRate': 0.01,
                      'lr': trace(opt, torch.optim.lr_scheduler.LambdaLR(opt, hf_lambda('slanted_triangular', o)),
                                  o['totalSteps'] + 5)})

# torch schedulers themselves, stepped (chainable form) past their periods
torch_cases = [
    ('step_lr', {'stepSize': 3, 'gamma': 0.5}, 20), ('step_lr', {'stepSize': 1, 'gamma': 0.9}, 30),
    ('step_lr', {'stepSize': 4}, 14),
    ('multi_step_lr', {'milestones': [5, 12, 12, 30], 'gamma': 0.5}, 35),
    ('multi_step_lr', {'milestones': [0, 3]}, 6), ('multi_step_lr', {'milestones': [8, 2], 'gamma': 0.3}, 12),
    ('exponential_lr', {'gamma': 0.9}, 60), ('exponential_lr', {'gamma': 1.0}, 5),
    ('cosine_annealing', {'tMax': 10}, 35),
    ('cosine_annealing', {'tMax': 10, 'etaMin': 0.01, 'learningRate': 0.1}, 35),
    ('cosine_annealing', {'tMax': 1}, 6),
    ('cosine_annealing', {'tMax': 200, 'etaMin': 1e-3, 'learningRate': 0.1}, 450),
    ('cosine_annealing_warm_restarts', {'t0': 5}, 30),
    ('cosine_annealing_warm_restarts', {'t0': 3, 'tMult': 2, 'etaMin': 0.001, 'learningRate': 0.1}, 50),
    ('cosine_annealing_warm_restarts', {'t0': 1, 'tMult': 3}, 45),
    ('cosine_annealing_warm_restarts', {'t0': 1}, 5),
]
for name, o, n in torch_cases:
    opt = sgd(0.1)
    schedules.append({'name': name, 'options': o, 'learningRate': 0.1,
                      'lr': trace(opt, torch_scheduler(name, o, opt), n)})


def one_cycle(oc, opt, momentum):
    return torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=0.1, total_steps=oc['totalSteps'], pct_start=float(oc.get('pctStart', 0.3)),
        anneal_strategy=oc.get('annealStrategy', 'cos'), div_factor=oc.get('divFactor', 25.0),
        final_div_factor=oc.get('finalDivFactor', 1e4), three_phase=oc.get('threePhase', False),
        cycle_momentum=momentum, base_momentum=oc.get('baseMomentum', 0.85), max_momentum=oc.get('maxMomentum', 0.95))


one_cycle_cases = [
    {'totalSteps': 50},
    {'totalSteps': 40, 'pctStart': 0.25, 'annealStrategy': 'linear', 'divFactor': 10.0, 'finalDivFactor': 100.0},
    {'totalSteps': 45, 'threePhase': True}, {'totalSteps': 1}, {'totalSteps': 2, 'pctStart': 0.25},
    {'totalSteps': 7, 'pctStart': 0.4, 'threePhase': True, 'annealStrategy': 'linear'},
    {'totalSteps': 33, 'pctStart': 0.0}, {'totalSteps': 12, 'pctStart': 1.0},
]
momentum = []
for oc in one_cycle_cases:
    # OneCycleLR allows step == total_steps (one past the last update), so record totalSteps + 1 rates; with
    # pct_start = 1 the last phase is empty and torch divides by zero there, so stop one earlier
    opt = sgd(0.1)
    n = oc['totalSteps'] + (0 if oc.get('pctStart') == 1.0 else 1)
    schedules.append({'name': 'one_cycle', 'options': oc, 'learningRate': 0.1,
                      'lr': trace(opt, one_cycle(oc, opt, False), n)})
momentum_cases = [
    ('sgd', {'totalSteps': 50}), ('adam', {'totalSteps': 50}),
    ('adam', {'totalSteps': 40, 'pctStart': 0.25, 'annealStrategy': 'linear'}),
    ('sgd', {'totalSteps': 45, 'threePhase': True}),
    ('adam', {'totalSteps': 31, 'threePhase': True, 'annealStrategy': 'linear', 'baseMomentum': 0.8,
              'maxMomentum': 0.9}),
    ('sgd', {'totalSteps': 1}), ('adam', {'totalSteps': 7, 'pctStart': 0.4, 'threePhase': True}),
]
for kind, oc in momentum_cases:
    p = torch.nn.Parameter(torch.zeros(1))
    p.grad = torch.zeros(1)
    opt = torch.optim.SGD([p], lr=0.1, momentum=0.9) if kind == 'sgd' else torch.optim.Adam([p], lr=0.1)
    sch = one_cycle(oc, opt, True)
    betas = []
    for _ in range(oc['totalSteps'] + 1):
        g = opt.param_groups[0]
        betas.append(g['momentum'] if kind == 'sgd' else g['betas'][0])
        if len(betas) <= oc['totalSteps']:
            opt.step()
            sch.step()
    momentum.append({'optimizer': kind, 'options': oc, 'momentum': betas})

# ReduceLROnPlateau on seeded random metric sequences (own RNG: torch's stream stays the optimizers')
mrng = random.Random(20240611)


def noisy(n, kind):
    out = []
    for i in range(n):
        if kind == 'loss':
            v = 2.0 / (1 + 0.15 * i) + 0.3 + mrng.gauss(0, 0.04)
        elif kind == 'acc':
            v = 0.9 - 0.4 / (1 + 0.2 * i) + mrng.gauss(0, 0.01)
        elif kind == 'neg':
            v = -1.0 - 0.02 * i + mrng.gauss(0, 0.05)
        else:
            v = mrng.choice([0.5, 0.5, 0.49, 0.51, 0.48])
        out.append(round(v, 2) if kind == 'ties' else v)
    return out


plateau_cases = [
    ({}, 'loss', 80), ({'patience': 2, 'factor': 0.5}, 'loss', 60),
    ({'patience': 3, 'factor': 0.5, 'cooldown': 2}, 'loss', 60),
    ({'mode': 'max', 'patience': 2, 'factor': 0.3}, 'acc', 60),
    ({'mode': 'max', 'patience': 1, 'threshold': 0.005, 'thresholdMode': 'abs'}, 'acc', 50),
    ({'mode': 'min', 'patience': 0, 'threshold': 0.02, 'thresholdMode': 'abs', 'minLr': 1e-4}, 'loss', 50),
    ({'patience': 1, 'factor': 0.5, 'minLr': 2e-2, 'eps': 1e-8}, 'ties', 40),
    ({'patience': 0, 'factor': 0.9, 'eps': 5e-3}, 'ties', 40),
    ({'mode': 'max', 'patience': 2, 'threshold': 0.01}, 'neg', 50),
    ({'patience': 1, 'cooldown': 3, 'threshold': 0.0}, 'ties', 40),
]
plateau = []
for o, kind, n in plateau_cases:
    metrics = noisy(n, kind)
    opt = sgd(0.1)
    sch = torch.optim.lr_scheduler.ReduceLROnPlateau(
        opt, mode=o.get('mode', 'min'), factor=o.get('factor', 0.1), patience=o.get('patience', 10),
        threshold=o.get('threshold', 1e-4), threshold_mode=o.get('thresholdMode', 'rel'),
        cooldown=o.get('cooldown', 0), min_lr=o.get('minLr', 0), eps=o.get('eps', 1e-8))
    lrs, bad = [], []
    for m in metrics:
        sch.step(m)
        lrs.append(opt.param_groups[0]['lr'])
        bad.append(sch.num_bad_epochs)
    plateau.append({'options': o, 'learningRate': 0.1, 'metrics': metrics, 'lr': lrs, 'numBadEpochs': bad,
                    'best': sch.best})

# ---------------------------------------------------------------- optimizers
STEPS = 6
shapes = {'encoder.weight': (3, 4), 'encoder.bias': (4,), 'LayerNorm.weight': (4,)}
init = {k: torch.randn(*s) for k, s in shapes.items()}
grads = [{k: torch.randn(*s) for k, s in shapes.items()} for _ in range(STEPS)]


def flat(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def bert_adam_step(params, state, g, lr, b1, b2, eps, wd):
    for k, p in params.items():
        s = state.setdefault(k, {'m': torch.zeros_like(p), 'v': torch.zeros_like(p)})
        s['m'].mul_(b1).add_(g[k], alpha=1 - b1)
        s['v'].mul_(b2).addcmul_(g[k], g[k], value=1 - b2)
        update = s['m'] / (s['v'].sqrt() + eps)
        if wd:
            update = update + wd * p
        p.sub_(lr * update)


def run_opt(kind, o, groups=None):
    params = {k: v.clone() for k, v in init.items()}
    traj = []
    if kind == 'bertadam':
        state = {}
        for g in grads:
            bert_adam_step(params, state, g, o['lr'], o.get('betas', (0.9, 0.999))[0], o.get('betas', (0.9, 0.999))[1],
                           o.get('eps', 1e-6), o.get('weightDecay', 0.0))
            traj.append({k: flat(v) for k, v in params.items()})
        return traj
    tp = {k: torch.nn.Parameter(v) for k, v in params.items()}
    if groups:
        pg = [dict({'params': [tp[n] for n in gr['params']]},
                   **({'lr': gr['lr']} if 'lr' in gr else {}),
                   **({'weight_decay': gr['weightDecay']} if 'weightDecay' in gr else {})) for gr in groups]
    else:
        pg = list(tp.values())
    if kind == 'sgd':
        opt = torch.optim.SGD(pg, lr=o['lr'], momentum=o.get('momentum', 0), dampening=o.get('dampening', 0),
                              nesterov=o.get('nesterov', False), weight_decay=o.get('weightDecay', 0), foreach=False)
    elif kind in ('adam', 'adamw'):
        cls = torch.optim.Adam if kind == 'adam' else torch.optim.AdamW
        opt = cls(pg, lr=o['lr'], betas=tuple(o.get('betas', (0.9, 0.999))), eps=o.get('eps', 1e-8),
                  weight_decay=o.get('weightDecay', 0 if kind == 'adam' else 0.01), amsgrad=o.get('amsgrad', False),
                  foreach=False)
    for g in grads:
        for k, p in tp.items():
            p.grad = g[k].clone()
        opt.step()
        traj.append({k: flat(v) for k, v in tp.items()})
    return traj


opt_cases = [
    ('sgd', {'lr': 0.1}), ('sgd', {'lr': 0.1, 'momentum': 0.9}),
    ('sgd', {'lr': 0.05, 'momentum': 0.9, 'dampening': 0.1, 'weightDecay': 0.01}),
    ('sgd', {'lr': 0.05, 'momentum': 0.8, 'nesterov': True, 'weightDecay': 0.02}),
    ('adam', {'lr': 0.01}), ('adam', {'lr': 0.01, 'weightDecay': 0.1, 'betas': [0.8, 0.99], 'eps': 1e-6}),
    ('adam', {'lr': 0.01, 'amsgrad': True}),
    ('adamw', {'lr': 0.01, 'weightDecay': 0.05}), ('adamw', {'lr': 0.02, 'weightDecay': 0.1, 'amsgrad': True}),
    ('bertadam', {'lr': 0.01, 'weightDecay': 0.01}), ('bertadam', {'lr': 0.005, 'betas': [0.9, 0.98], 'eps': 1e-8}),
]
opt_out = []
for kind, o in opt_cases:
    opt_out.append({'kind': kind, 'options': o, 'trajectory': run_opt(kind, o)})
groups = [{'params': ['encoder.weight'], 'weightDecay': 0.1}, {'params': ['encoder.bias', 'LayerNorm.weight'],
                                                                 'weightDecay': 0.0, 'lr': 0.005}]
opt_out.append({'kind': 'adamw', 'options': {'lr': 0.01}, 'groups': groups,
                'trajectory': run_opt('adamw', {'lr': 0.01}, groups)})
optimizers = {'shapes': {k: list(s) for k, s in shapes.items()}, 'init': {k: flat(v) for k, v in init.items()},
              'grads': [{k: flat(v) for k, v in g.items()} for g in grads], 'cases': opt_out}

# ---------------------------------------------------------------- clipping
clip_cases = []
cg = {k: torch.randn(*s) * 3 for k, s in shapes.items()}
for nt, mx in [(2.0, 1.0), (2.0, 100.0), ('inf', 0.5), (1.0, 2.0), (3.0, 1.5), (0.5, 4.0)]:
    ts = [torch.nn.Parameter(torch.zeros(*s)) for s in shapes.values()]
    for t, g in zip(ts, cg.values()):
        t.grad = g.clone()
    total = torch.nn.utils.clip_grad_norm_(ts, mx, norm_type=float(nt))
    clip_cases.append({'normType': nt if nt == 'inf' else nt, 'maxNorm': mx, 'totalNorm': float(total),
                       'clipped': {k: flat(t.grad) for k, t in zip(shapes, ts)}})
ts = [torch.nn.Parameter(torch.zeros(*s)) for s in shapes.values()]
for t, g in zip(ts, cg.values()):
    t.grad = g.clone()
torch.nn.utils.clip_grad_value_(ts, 1.25)
clipping = {'grads': {k: flat(v) for k, v in cg.items()}, 'norm': clip_cases,
            'value': {'clipValue': 1.25, 'clipped': {k: flat(t.grad) for k, t in zip(shapes, ts)}}}

os.makedirs(OUT, exist_ok=True)
for name, data, extra in [('schedules', schedules, {'oneCycleMomentum': momentum, 'reduceLrOnPlateau': plateau}),
                          ('optimizers', optimizers, {}), ('clipping', clipping, {})]:
    with open(os.path.join(OUT, name + '.json'), 'w') as f:
        json.dump(dict({'generator': 'packages/training/scripts/gen_reference.py', 'torch': torch.__version__,
                        'data': data}, **extra), f)
print('ok', torch.__version__)
