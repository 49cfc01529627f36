# EvoPrompting candidate c19 (rank 1, round 3, parents: c6, c11)
# task: mnist1d
# parameters: 4400
# validation accuracy (best during training): 0.9240
# test accuracy: 0.8910
# fitness -(params x validation error): -334.4
# the best model: the fittest candidate with validation error < α = 0.5; fitness = −(params × validation error)
import torch
import torch.nn as nn
import torch.nn.functional as F
import math


class Model(nn.Module):
    """The MNIST-1D project's bidirectional GRU over the 40 timesteps, flattened into a linear read-out."""

    def __init__(self):
        super(Model, self).__init__()
        self.lgru = nn.GRU(1, 10, batch_first=True)
        flat_size = 10 * 40
        self.linear = nn.Linear(flat_size, 10)

    def forward(self, x):
        x = x.view(*x.shape[:2], -1)  # [B, 40] -> [B, 40, 1]
        output, _ = self.lgru(x)
        output = output.reshape(output.shape[0], -1)
        return self.linear(output)
