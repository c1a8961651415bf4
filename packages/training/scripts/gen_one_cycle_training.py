#!/usr/bin/python3
"""Reference for one-cycle training with momentum cycling: torch.optim.lr_scheduler.OneCycleLR with
cycle_momentum=True driving torch.optim.Adam (beta1 cycled) and torch.optim.SGD (momentum cycled), 12 steps on
two seeded parameters with seeded gradients.

Regenerate (Debian python3-torch, no network):
    /usr/bin/python3 packages/training/scripts/gen_one_cycle_training.py
Writes packages/training/fixtures/one-cycle-training.json.
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'one-cycle-training.json')
STEPS = 12


def run(kind, anneal):
    g = torch.Generator().manual_seed(11)
    init = {'w': torch.randn(6, generator=g), 'b': torch.randn(3, generator=g)}
    grads = [{k: torch.randn(v.shape, generator=g) for k, v in init.items()} for _ in range(STEPS)]
    params = {k: v.clone().requires_grad_(True) for k, v in init.items()}
    if kind == 'adam':
        opt = torch.optim.Adam(params.values(), lr=0.01, betas=(0.95, 0.999), foreach=False)
    else:
        opt = torch.optim.SGD(params.values(), lr=0.01, momentum=0.9, foreach=False)
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=0.01, total_steps=STEPS, anneal_strategy=anneal, cycle_momentum=True,
        base_momentum=0.85, max_momentum=0.95)
    after = []
    for step in range(STEPS):
        for k, p in params.items():
            p.grad = grads[step][k].clone()
        opt.step()
        sched.step()
        after.append({k: p.detach().tolist() for k, p in params.items()})
    return {
        'optimizer': kind,
        'annealStrategy': anneal,
        'init': {k: v.tolist() for k, v in init.items()},
        'grads': [{k: v.tolist() for k, v in s.items()} for s in grads],
        'after': after,
    }


cases = [run(kind, anneal) for kind in ('adam', 'sgd') for anneal in ('cos', 'linear')]
with open(OUT, 'w') as f:
    json.dump({'generator': 'scripts/gen_one_cycle_training.py', 'torch': torch.__version__, 'steps': STEPS,
               'cases': cases}, f, indent=1)
print('wrote', OUT, len(cases), 'cases')
