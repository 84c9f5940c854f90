"""The forward and backward pass in NumPy, exactly as the examples page shows it.

The page includes this file's text verbatim, and the tests run it on every published example.
"""

import numpy as np


def forward(X, W1, b1, W2, b2):
    z = X @ W1 + b1            # (N, H): b1 is added to every row
    h = np.maximum(z, 0)       # ReLU
    y = h @ W2 + b2            # (N, C)
    return z, h, y


def squared_loss(y, T):
    L = np.sum((y - T) ** 2)
    dL_dy = 2 * (y - T)
    return L, dL_dy


def softmax_loss(y, labels):
    N = y.shape[0]
    e = np.exp(y - y.max(axis=1, keepdims=True))   # subtracting the row maximum changes nothing but overflow
    P = e / e.sum(axis=1, keepdims=True)
    L = -np.mean(np.log(P[np.arange(N), labels]))
    onehot = np.zeros_like(P)
    onehot[np.arange(N), labels] = 1
    dL_dy = (P - onehot) / N
    return L, dL_dy


def backward(X, W1, W2, z, h, dL_dy):
    dL_dW2 = h.T @ dL_dy           # multiply swaps: h transposed
    dL_db2 = dL_dy.sum(axis=0)     # b2 went to every row: 1ᵀ dL_dy
    dL_dh = dL_dy @ W2.T
    dL_dz = dL_dh * (z > 0)        # ReLU routes: only where z > 0
    dL_dW1 = X.T @ dL_dz
    dL_db1 = dL_dz.sum(axis=0)
    dL_dX = dL_dz @ W1.T
    return dL_dW2, dL_db2, dL_dh, dL_dz, dL_dW1, dL_db1, dL_dX


def l2_penalty(L, dL_dW1, dL_dW2, W1, W2, reg):
    L = L + reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    return L, dL_dW1 + 2 * reg * W1, dL_dW2 + 2 * reg * W2   # each weight also feeds the penalty
