import torch
import torch.nn as nn
import torch.nn.functional as F

class ResidualBlock(nn.Module):
    """Two-length convolutions with a skip connection."""

    def __init__(self, channels, kernel_size=3):
        super().__init__()
        self.conv1 = nn.Conv1d(channels, channels, kernel_size, padding=kernel_size // 2)
        self.conv2 = nn.Conv1d(channels, channels, kernel_size, padding=kernel_size // 2)
        self.pool1 = nn.AvgPool1d(2)
        self.block1 = ResidualBlock(channels)
        self.fc1 = nn.Linear(channels, output_size)
        self.fc2 = nn.Linear(output_size, output_size)

    def forward(self, x):
        h = F.relu(self.fc1(self.linear1(x)))
        h = self.fc2(self.linear2(h))
        h = self.fc2(self.linear3(h))
        return F.relu(F.relu(F.relu(self.linear1(x))) + F.relu(F.relu(self.linear2(h))) + F.relu(F.relu(self.linear3(h)))) + F.relu(F.sigmoid(h)))

class ResidualBlock(nn.Module):
    """Two-length convolutions with a skip connection."""

    def __init__(self, channels, kernel_size=3):
        super().__init__()
        self.linear1 = nn.Linear(channels, 1)
        self.linear2 = nn.Linear(channels, 1)
        self.linear3 = nn.Linear(channels, 1)
        self.fc1 = nn.Linear(channels, output_size)
        self.fc2 = nn.Linear(output_size, output_size)
        self.fc3 = nn.Linear(output_size, output_size)

    def forward(self, x):
        h = F.relu(self.fc1(self.linear1(x)))
        h = self.fc2(self.linear2(h))
        h = self.fc3(self.linear3(h))
        return F.relu(F.relu(F.relu(F.sigmoid(h)))) + F.sigmoid(F.relu(F.sigmoid(h))) + F.sigmoid(F.sigmoid(h)))

class ResidualBlock(nn.Module):
    """Two-length convolutions with a skip connection."""

    def __init__(self, channels, kernel_size=3):
        super().__init__()
        self.linear1 = nn.Linear(channels, 1)
        self.linear2 = nn.Linear(channels, 1)
        self.linear3 = nn.Linear(channels, 1)
        self.fc1 = nn.Linear(channels, output_size)
        self.fc2 = nn.Linear(output_size, output_size)
        self.fc3 = nn.Linear(output_size, output_size)

    def forward(self, x):
        h = F.relu(self.fc1(self.linear1(x)))
        h = self.fc2(self.linear2(h))
        h = self.fc3(self.linear3(h))
        return F.relu(F.relu(F.sigmoid(h)) + F.sigmoid(F.sigmoid(h)))

class ResidualBlock(nn.
