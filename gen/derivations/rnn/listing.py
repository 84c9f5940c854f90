"""A vanilla RNN in NumPy, in the style of CS231n's assignment 3 (`rnn_step_forward`, `rnn_forward`,
`rnn_step_backward`, `rnn_backward`): x is (N, T, D) and h is (N, T, H), as there.

The examples page shows this file as it is, and the tests run it on every published example."""

import numpy as np


def rnn_step_forward(x, prev_h, Wx, Wh, b):
    next_h = np.tanh(x.dot(Wx) + prev_h.dot(Wh) + b)      # h_t = tanh(X_t Wx + h_{t-1} Wh + b)
    cache = (x, prev_h, Wx, Wh, next_h)
    return next_h, cache


def rnn_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, next_h = cache
    da = dnext_h * (1 - next_h ** 2)                      # tanh' = 1 - tanh², read off the output
    dx = da.dot(Wx.T)
    dprev_h = da.dot(Wh.T)
    dWx = x.T.dot(da)
    dWh = prev_h.T.dot(da)
    db = da.sum(axis=0)
    return dx, dprev_h, dWx, dWh, db


def rnn_forward(x, h0, Wx, Wh, b):
    N, T, D = x.shape
    h, prev_h, cache = np.zeros((N, T, h0.shape[1])), h0, []
    for t in range(T):
        prev_h, step_cache = rnn_step_forward(x[:, t, :], prev_h, Wx, Wh, b)
        h[:, t, :] = prev_h
        cache.append(step_cache)
    return h, cache


def rnn_backward(dh, cache):
    """dh holds the upstream gradient of every h_t (the G_t of the pages); the gradient that reaches h_t
    from step t + 1 is added to it, and the shared weights' gradients add over the steps."""
    N, T, H = dh.shape
    D = cache[0][0].shape[1]
    dx, dprev_h = np.zeros((N, T, D)), np.zeros((N, H))
    dWx, dWh, db = np.zeros((D, H)), np.zeros((H, H)), np.zeros(H)
    for t in reversed(range(T)):
        dx[:, t, :], dprev_h, dWx_t, dWh_t, db_t = rnn_step_backward(dh[:, t, :] + dprev_h, cache[t])
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
    return dx, dprev_h, dWx, dWh, db
