#!/usr/bin/python3
"""Reference vectors for @nlpft/training schedules, optimizers and gradient clipping.

Regenerate (Debian python3-torch, no network, no `transformers`):
    /usr/bin/python3 packages/training/scripts/gen_reference.py
Writes packages/training/fixtures/{schedules,optimizers,clipping}.json.

Schedules: Hugging Face `get_scheduler` lambdas re-stated from their documented definitions
(transformers/optimization.py) and run through torch.optim.lr_scheduler.LambdaLR; OneCycleLR straight from torch;
ULMFiT slanted triangular from Howard & Ruder (2018), eq. 3. Optimizers: torch.optim.SGD/Adam/AdamW
(foreach=False); BERTAdam (no bias correction) as in pytorch-pretrained-bert's BertAdam. Clipping:
torch.nn.utils.clip_grad_norm_ / clip_grad_value_.
"""
import json
import math
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures')
torch.manual_seed(0)


def warm(step, w):
    return float(step) / float(max(1, w))


def hf_lambda(name, o):
    w, t = o.get('warmupSteps', 0), o.get('totalSteps', 0)
    if name == 'constant':
        return lambda s: 1.0
    if name == 'constant_with_warmup':
        return lambda s: warm(s, w) if s < w else 1.0
    if name == 'linear':
        return lambda s: warm(s, w) if s < w else max(0.0, float(t - s) / float(max(1, t - w)))
    if name == 'cosine':
        c = o.get('numCycles', 0.5)
        def f(s):
            if s < w:
                return warm(s, w)
            p = float(s - w) / float(max(1, t - w))
            return max(0.0, 0.5 * (1.0 + math.cos(math.pi * float(c) * 2.0 * p)))
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
        st, dc = o['stableSteps'], o['decaySteps']
        mn, c = o.get('minLrRatio', 0.0), o.get('numCycles', 0.5)
        def f(s):
            if s < w:
                return warm(s, w)
            if s < w + st:
                return 1.0
            if s < w + st + dc:
                p = float(s - w - st) / float(max(1, dc))
                v = max(0.0, 0.5 * (1.0 + math.cos(math.pi * float(c) * 2.0 * p)))
                return (1.0 - mn) * v + mn
            return mn
        return f
    raise ValueError(name)


def run_lambda(lam, lr, n):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=lr)
    sch = torch.optim.lr_scheduler.LambdaLR(opt, lam)
    out = []
    for _ in range(n):
        out.append(opt.param_groups[0]['lr'])
        opt.step()
        sch.step()
    return out


def slanted(o):
    t, cf, ratio = o['totalSteps'], o.get('cutFrac', 0.1), o.get('ratio', 32)
    cut = math.floor(t * cf)
    def f(s):
        p = s / cut if s < cut else 1 - (s - cut) / (cut * (1 / cf - 1))
        return (1 + p * (ratio - 1)) / ratio
    return f


schedules = []
LR = 1e-3
cases = [
    ('constant', {}), ('constant_with_warmup', {'warmupSteps': 7}), ('linear', {'warmupSteps': 5, 'totalSteps': 40}),
    ('linear', {'warmupSteps': 0, 'totalSteps': 30}), ('cosine', {'warmupSteps': 4, 'totalSteps': 40}),
    ('cosine', {'warmupSteps': 3, 'totalSteps': 40, 'numCycles': 1.5}),
    ('cosine_with_restarts', {'warmupSteps': 5, 'totalSteps': 45, 'numCycles': 3}),
    ('polynomial', {'warmupSteps': 4, 'totalSteps': 40, 'lrEnd': 1e-5, 'power': 2.0, 'learningRate': LR}),
    ('polynomial', {'warmupSteps': 0, 'totalSteps': 30, 'learningRate': LR}),
    ('inverse_sqrt', {'warmupSteps': 6}), ('inverse_sqrt', {'warmupSteps': 4, 'timescale': 20}),
    ('warmup_stable_decay', {'warmupSteps': 5, 'stableSteps': 10, 'decaySteps': 15, 'minLrRatio': 0.1}),
]
for name, o in cases:
    schedules.append({'name': name, 'options': o, 'learningRate': LR, 'lr': run_lambda(hf_lambda(name, o), LR, 50)})
st = {'totalSteps': 60, 'cutFrac': 0.1, 'ratio': 32}
schedules.append({'name': 'slanted_triangular', 'options': st, 'learningRate': 0.01,
                  'lr': run_lambda(slanted(st), 0.01, 60)})
for oc in [{'totalSteps': 50}, {'totalSteps': 40, 'pctStart': 0.25, 'annealStrategy': 'linear', 'divFactor': 10.0,
                                 'finalDivFactor': 100.0},
           {'totalSteps': 45, 'threePhase': True}]:
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=0.1, momentum=0.9)
    sch = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=0.1, total_steps=oc['totalSteps'], pct_start=oc.get('pctStart', 0.3),
        anneal_strategy=oc.get('annealStrategy', 'cos'), div_factor=oc.get('divFactor', 25.0),
        final_div_factor=oc.get('finalDivFactor', 1e4), three_phase=oc.get('threePhase', False))
    lrs = []
    for _ in range(oc['totalSteps']):
        lrs.append(opt.param_groups[0]['lr'])
        opt.step()
        sch.step()
    schedules.append({'name': 'one_cycle', 'options': oc, 'learningRate': 0.1, 'lr': lrs})

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
for name, data in [('schedules', schedules), ('optimizers', optimizers), ('clipping', clipping)]:
    with open(os.path.join(OUT, name + '.json'), 'w') as f:
        json.dump({'generator': 'packages/training/scripts/gen_reference.py', 'torch': torch.__version__,
                   'data': data}, f)
print('ok', torch.__version__)
