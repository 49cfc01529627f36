#!/usr/bin/env python3
"""Writes the small .npz fixtures that Tests/TasksTests use to check MNIST1D.load(npz:).

Both hold the first 50 training and 20 test examples of the reference MNIST-1D arrays
(the raw files in Tests/TasksTests/Fixtures, made by the mnist1d package):
- mnist1d_small_compressed.npz: np.savez_compressed with the package's own names and dtypes
  (x, y, x_test, y_test as float64 / int64), i.e. deflate-compressed zip entries;
- mnist1d_small_stored.npz: np.savez (stored entries) with x_train, y_train, x_test, y_test as float32 / int32,
  and x_test written in Fortran order to exercise the transpose.
"""
import os

import numpy as np

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "TasksTests", "Fixtures")
x_train = np.fromfile(os.path.join(here, "mnist1d_x_train.f32"), dtype="<f4").reshape(4000, 40)[:50]
y_train = np.fromfile(os.path.join(here, "mnist1d_y_train.i32"), dtype="<i4")[:50]
x_test = np.fromfile(os.path.join(here, "mnist1d_x_test.f32"), dtype="<f4").reshape(1000, 40)[:20]
y_test = np.fromfile(os.path.join(here, "mnist1d_y_test.i32"), dtype="<i4")[:20]

np.savez_compressed(
    os.path.join(here, "mnist1d_small_compressed.npz"),
    x=x_train.astype(np.float64), y=y_train.astype(np.int64),
    x_test=x_test.astype(np.float64), y_test=y_test.astype(np.int64),
)
np.savez(
    os.path.join(here, "mnist1d_small_stored.npz"),
    x_train=x_train, y_train=y_train, x_test=np.asfortranarray(x_test), y_test=y_test,
)
print("wrote", here)
