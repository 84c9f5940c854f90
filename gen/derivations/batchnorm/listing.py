"""Batch normalization in NumPy, in the style of CS231n's assignment 2 (training mode).

The examples page shows this file as it is, and the tests run it on every published example."""

import numpy as np


def batchnorm_forward(x, gamma, beta, bn_param):
    eps = bn_param.get("eps", 1e-5)
    mu = x.mean(axis=0)              # (D,): each column's mean over the batch
    xmu = x - mu                     # mu is copied to every row
    var = (xmu ** 2).mean(axis=0)    # the biased variance (divided by N), as in training
    std = np.sqrt(var + eps)
    xhat = xmu / std
    out = gamma * xhat + beta
    cache = (xhat, gamma, xmu, std)
    return out, cache


def batchnorm_backward(dout, cache):
    """One step per node, as the derivation takes them: dbeta, dgamma, dxhat, dvar, dmu, then dx."""
    xhat, gamma, xmu, std = cache
    N = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dxhat = dout * gamma
    dvar = -0.5 * (dxhat * xmu).sum(axis=0) / std ** 3
    dmu = -dxhat.sum(axis=0) / std - 2 * dvar * xmu.mean(axis=0)
    dx = dxhat / std + 2 * dvar * xmu / N + dmu / N   # the three paths from x add
    return dx, dgamma, dbeta


def batchnorm_backward_alt(dout, cache):
    """The compact form: the two column sums dbeta and dgamma, and no dxhat, dvar or dmu."""
    xhat, gamma, xmu, std = cache
    N = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dx = gamma / (N * std) * (N * dout - dbeta - xhat * dgamma)
    return dx, dgamma, dbeta
