import torch
import torch.nn as nn
import torch.nn.functional as F

class ResidualBlock2(nn.Module):
    """A larger hand-designed CNN: a stem convolution, two residual blocks, and a two-layer head."""

    def __init__(self, length=10, output_size=10, length=40):
        super().__init__()
        self.stem = nn.Conv1d(1, length, 3, 1, padding=1)
        self.pool1 = nn.AvgPool1d(1)
        self.block1 = ResidualBlock(length)
        self.block2 = ResidualBlock(length)
        self.pool2 = nn.AvgPool1d(1)
        self.fc1 = nn.Linear(length * (length // 2), output_size)
        self.fc2 = nn.Linear(output_size, output_size)
        self.fc3 = nn.Linear(output_size, output_size)
        self.fc4 = nn.Linear(output_size, output_size)
        self.fc5 = nn.Linear(output_size, output_size)
        self.fc6 = nn.Linear(output_size, output_size)
        self.fc7 = nn.Linear(output_size, output_size)
        self.fc8 = nn.Linear(output_size, output_size)
        self.fc9 = nn.Linear(output_size, output_size)
        self.fc10 = nn.Linear(output_size, output_size)
        self.fc11 = nn.Linear(output_size, output_size)
        self.fc12 = nn.Linear(output_size, output_size)
        self.fc13 = nn.Linear(output_size, output_size)
        self.fc14 = nn.Linear(output_size, output_size)
        self.fc15 = nn.Linear(output_size, output_size)
        self.fc16 = nn.Linear(output_size, output_size)
        self.fc17 = nn.Linear(output_size, output_size)
        self.fc18 = nn.Linear(output_size, output_size)
        self.fc19 = nn.Linear(output_size, output_size)
        self.fc20 = nn.Linear(output_size, output_size)
        self.fc21 = nn.Linear(output_size, output_size)
        self.fc22 = nn.Linear(output_size, output_size)
        self.fc23 = nn.Linear(output_size, output_size)
        self.fc24 = nn.Linear(output_size, output_size)
        self.fc25 = nn.Linear(output_size, output_size)
        self.fc30 = nn.Linear(output_size, output_size)
        self.fc31 = nn.Linear(output_size, output_size)
        self.fc32 = nn.Linear(output_size, output_size)
        self.fc33 = nn.Linear(output_size, output_size)
        self.fc34 = nn.Linear(output_size, output_size)
        self.fc35 = nn.Linear(output_size, output_size)
        self.fc36 = nn.Linear(output_size, output_size)
        self.fc37 = nn.Linear(output_size, output_
