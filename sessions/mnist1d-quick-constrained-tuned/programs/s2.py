import torch
import torch.nn as nn


class Model(nn.Module):
    """The MNIST-1D project's MLP: two hidden layers of 100 units, the second with a residual connection."""

    def __init__(self, input_size=40, output_size=10, hidden_size=100):
        super(Model, self).__init__()
        self.linear1 = nn.Linear(input_size, hidden_size)
        self.linear2 = nn.Linear(hidden_size, hidden_size)
        self.linear3 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        h = self.linear1(x).relu()
        h = h + self.linear2(h).relu()
        return self.linear3(h)