import torch
import torch.nn as nn
import torch.nn.functional as F

class ResidualBlock2(nn.Module):
    """Two same-length convolutions with a skip connection."""

    def __init__(self, channels=32, kernel_size=3):
        super().__init__()
        self.stem = nn.Conv1d(channels, channels, kernel_size, padding=1)
        self.pool1 = nn.AvgPool1d(32)
        self.block1 = ResidualBlock(channels)
        self.block2 = ResidualBlock(channels)
        self.pool2 = nn.AvgPool1d(32)
        self.fc1 = nn.Linear(channels * (length // 4), hidden)
        self.fc2 = nn.Linear(hidden, output_size)

    def forward(self, x):
        x = x.unsqueeze(1)  # [B, 40] -> [B, 1, 40]
        x = self.stem(x)
        x = self.pool1(x)
        x = self.pool1(x)
        x = self.block1(x)
        x = self.block2(x)
        x = self.pool2(x)
        return F.relu(x)

class ResidualBlock3(nn.Module):
    """Two same-length convolutions with a skip connection."""

    def __init__(self, channels=32, kernel_size=3):
        super().__init__()
        self.stem = nn.Conv1d(channels, channels, kernel_size, padding=1)
        self.pool1 = nn.AvgPool1d(32)
        self.block1 = ResidualBlock(channels)
        self.block2 = ResidualBlock(channels)
        self.pool2 = nn.AvgPool1d(32)
        self.fc1 = nn.Linear(channels * (length // 4), hidden)
        self.fc2 = nn.Linear(hidden, output_size)
        self.fc3 = nn.Linear(hidden, output_size)

    def forward(self, x):
        x = x.unsqueeze(1)  # [B, 40] -> [B, 1, 40]
        x = self.stem(x)
        x = self.pool1(x)
        x = self.pool1(x)
        x = self.block1(x)
        x = self.block2(x)
        x = self.pool2(x)
        return F.relu(x)

class ResidualBlock4(nn.Module):
    """Two same-length convolutions with a skip connection."""

    def __init__(self, channels=32, kernel_size=3):
        super().__init__()
        self.stem = nn.Conv1d(channels, channels, kernel_size, padding=1)
        self.pool1 = nn.AvgPool1d(32)
        self.block1 = ResidualBlock(channels)
        self.block2 = ResidualBlock(channels)
        self.pool2 = nn.AvgPool1d(32)
        self.fc1 = nn.Linear(channels * (length // 4), hidden)
        self.fc2 = nn.Linear(hidden, output_size)
        self.fc3 = nn.Linear(hidden, output_size)
        self.fc4 = nn.Linear(hidden, output_size)
        self.fc5 = nn.Linear
