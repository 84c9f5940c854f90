"""2-D convolution in NumPy, one channel and one filter, in the style of CS231n's assignment 2: x is H×W, w is
HH×WW, b one number.  The examples page shows this file as it is; the tests run it on every published example."""

import numpy as np


def conv_forward_naive(x, w, b, conv_param):
    """out[i, j] = sum of x_padded[i*stride : i*stride + HH, j*stride : j*stride + WW] * w, plus b."""
    stride, pad = conv_param["stride"], conv_param["pad"]
    H, W = x.shape
    HH, WW = w.shape
    assert (H + 2 * pad - HH) % stride == 0 and (W + 2 * pad - WW) % stride == 0, "the stride does not fit"
    H_out, W_out = 1 + (H + 2 * pad - HH) // stride, 1 + (W + 2 * pad - WW) // stride
    x_pad = np.pad(x, pad, mode="constant")
    out = np.zeros((H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = x_pad[i * stride:i * stride + HH, j * stride:j * stride + WW]
            out[i, j] = np.sum(window * w) + b
    cache = (x, w, b, conv_param)
    return out, cache


def conv_backward_naive(dout, cache):
    """Each window hands dout[i, j] back: times w to the inputs it read, times them to w; dx_pad is cropped."""
    x, w, b, conv_param = cache
    stride, pad = conv_param["stride"], conv_param["pad"]
    HH, WW = w.shape
    x_pad = np.pad(x, pad, mode="constant")
    dx_pad, dw = np.zeros_like(x_pad, dtype=float), np.zeros_like(w, dtype=float)
    for i in range(dout.shape[0]):
        for j in range(dout.shape[1]):
            rows, cols = slice(i * stride, i * stride + HH), slice(j * stride, j * stride + WW)
            dw += dout[i, j] * x_pad[rows, cols]
            dx_pad[rows, cols] += dout[i, j] * w
    db = np.sum(dout)
    dx = dx_pad[pad:pad + x.shape[0], pad:pad + x.shape[1]]
    return dx, dw, db
