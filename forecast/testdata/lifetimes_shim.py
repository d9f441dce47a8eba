"""Stand-ins for autograd and dill, which lifetimes 0.11.3 imports and
Debian packages neither (see customerbase_ref.py's docstring): importing
this module makes `import lifetimes` work on Debian's numpy and scipy, from
the checkout named by $LIFETIMES.

autograd.numpy is numpy, autograd.scipy.special is scipy.special, and
value_and_grad / hessian are central finite differences. They serve only
lifetimes' fits (the gradient its optimiser uses, the Hessian behind its
standard errors); every prediction is lifetimes' own closed-form code.
"""

import os
import sys
import types

import numpy as np
import scipy.special

# --- shims for autograd and dill (see the docstring) ----------------------
ag = types.ModuleType("autograd")
ag.numpy = np
ag_scipy = types.ModuleType("autograd.scipy")
ag_scipy.special = scipy.special
ag.scipy = ag_scipy


def _grad(f, x, args, h=1e-6):
    x = np.asarray(x, dtype=float)
    g = np.zeros_like(x)
    for i in range(len(x)):
        e = np.zeros_like(x)
        e[i] = h
        g[i] = (f(x + e, *args) - f(x - e, *args)) / (2 * h)
    return g


def value_and_grad(f):
    return lambda x, *args: (f(x, *args), _grad(f, x, args))


def hessian(f):
    def hess(x, *args, h=1e-4):
        x = np.asarray(x, dtype=float)
        n = len(x)
        H = np.zeros((n, n))
        for j in range(n):
            e = np.zeros(n)
            e[j] = h
            H[:, j] = (_grad(f, x + e, args) - _grad(f, x - e, args)) / (2 * h)
        return (H + H.T) / 2

    return hess


ag.value_and_grad = value_and_grad
ag.hessian = hessian
sys.modules["autograd"] = ag
sys.modules["autograd.numpy"] = np
sys.modules["autograd.scipy"] = ag_scipy
sys.modules["autograd.scipy.special"] = scipy.special
sys.modules["dill"] = types.ModuleType("dill")
sys.path.insert(0, os.environ.get("LIFETIMES", "/tmp/lt"))

