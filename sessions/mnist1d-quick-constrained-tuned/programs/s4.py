import torch
import torch.nn as nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    """Two same-length convolutions with a skip connection."""

    def __init__(self, channels, kernel_size=3):
        super().__init__()
        self.conv1 = nn.Conv1d(channels, channels, kernel_size, padding=kernel_size // 2)
        self.conv2 = nn.Conv1d(channels, channels, kernel_size, padding=kernel_size // 2)

    def forward(self, x):
        h = F.relu(self.conv1(x))
        h = self.conv2(h)
        return F.relu(x + h)


class Model(nn.Module):
    """A larger hand-designed CNN: a stem convolution, two residual blocks, pooling, and a two-layer head."""

    def __init__(self, channels=32, hidden=256, output_size=10, length=40):
        super().__init__()
        self.stem = nn.Conv1d(1, channels, 3, padding=1)
        self.pool1 = nn.AvgPool1d(2)
        self.block1 = ResidualBlock(channels)
        self.block2 = ResidualBlock(channels)
        self.pool2 = nn.AvgPool1d(2)
        self.fc1 = nn.Linear(channels * (length // 4), hidden)
        self.fc2 = nn.Linear(hidden, output_size)

    def forward(self, x):
        x = x.unsqueeze(1)  # [B, 40] -> [B, 1, 40]
        x = self.pool1(F.relu(self.stem(x)))  # [B, 32, 20]
        x = self.block1(x)
        x = self.block2(x)
        x = self.pool2(x)  # [B, 32, 10]
        x = x.flatten(1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)