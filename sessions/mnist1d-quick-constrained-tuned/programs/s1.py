import torch
import torch.nn as nn


class Model(nn.Module):
    """The MNIST-1D project's ConvBase: three strided convolutions and a linear read-out."""

    def __init__(self, output_size=10, channels=25, linear_in=125):
        super(Model, self).__init__()
        self.conv1 = nn.Conv1d(1, channels, 5, stride=2, padding=1)
        self.conv2 = nn.Conv1d(channels, channels, 3, stride=2, padding=1)
        self.conv3 = nn.Conv1d(channels, channels, 3, stride=2, padding=1)
        self.linear = nn.Linear(linear_in, output_size)  # flattened channels -> 10

    def forward(self, x):
        x = x.view(-1, 1, x.shape[-1])  # [B, 40] -> [B, 1, 40]
        h1 = self.conv1(x).relu()
        h2 = self.conv2(h1).relu()
        h3 = self.conv3(h2).relu()
        h3 = h3.view(h3.shape[0], -1)  # flatten the conv features
        return self.linear(h3)  # a linear layer with no activation