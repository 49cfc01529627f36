import torch
import torch.nn as nn
import torch.nn.functional as F

class Model(nn.Module):
    """The MNIST-1D project's GRU: a bidirectional GRU over the 40 timesteps, flattened into a linear read-out."""

    def __init__(self):
        super(Model, self).__init__()
        self.gru = nn.GRU(input_size=1, hidden_size=10, batch_first=True, bidirectional=True)
        self.linear = nn.Linear(40, 10)
        self.linear_linear = nn.Linear(10, 10)
        self.linear_linear_linear = nn.Linear(10, 10)
        self.linear_linear_linear_linear = nn.Linear(10, 10)
        self.linear_linear_linear_linear_linear = nn.Linear(10, 10, bias=True)
        self.linear_linear_linear_linear_linear_linear = nn.Linear(10, 10, bias=True)

    def forward(self, x):
        x = self.linear(x)
        return self.linear_linear(x)
