import torch
import torch.nn as nn
import torch.nn.functional as F

class Model(nn.Module):
    """The MNIST-1D project's GRU: a bidirectional GRU over the 40 timesteps, flattened into a linear read-out."""

    def __init__(self):
        super(Model, self).__init__()
        self.linear = nn.Linear(40, 10)
        self.linear_relu = nn.ReLU()
        self.linear_sigmoid = nn.Sigmoid()
        self.linear_sigmoid_relu = nn.Sigmoid()
        self.linear_sigmoid_relu_relu = nn.ReLU()
        self.linear_sigmoid_relu_relu_relu = nn.ReLU()
        self.linear_sigmoid_relu_relu_relu_relu = nn.ReLU(0.5)

    def forward(self, x):
        x = self.linear(x)
        return self.linear_relu(x)
