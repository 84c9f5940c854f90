"""The multiclass SVM loss in NumPy, in the style of CS231n's assignment 1 (`svm_loss_vectorized`),
split into a forward pass that returns a cache and a backward pass that reads it.

The examples page shows this file as it is, and the tests run it on every published example."""

import numpy as np


def svm_forward(X, W, y, reg):
    """y holds 0-based class indices, as in the assignment."""
    num_train = X.shape[0]
    rows = np.arange(num_train)
    scores = X.dot(W)                                    # S = X W
    correct = scores[rows, y][:, np.newaxis]             # s_i = S[i, y_i], copied across the columns
    margins = np.maximum(0, scores - correct + 1)        # the hinge on every class ...
    margins[rows, y] = 0                                 # ... but the correct one
    loss = np.sum(margins) / num_train + reg * np.sum(W * W)
    cache = (X, W, y, reg, margins)
    return loss, scores, margins, cache


def svm_backward(cache):
    """dS: 1/N where a margin is positive (a margin of exactly 0 does not count), and minus the count of
    those at the correct class; dW = Xᵀ dS + 2 reg W."""
    X, W, y, reg, margins = cache
    num_train = X.shape[0]
    binary = (margins > 0).astype(float)
    binary[np.arange(num_train), y] = -binary.sum(axis=1)
    dS = binary / num_train
    dW = X.T.dot(dS) + 2 * reg * W
    return dS, dW
