import torch
import torch.nn as nn
import torch.nn.functional as F

class ResidualBlock(nn.Module):
    """A larger hand-designed CNN: a stem convolution, two residual blocks, and a single head."""

    def __init__(self, channels=32, hidden_size=100, output_size=10):
        super(ResidualBlock, self).__init__()
        self.stem = nn.Conv1d(channels, 1, kernel_size=3, padding=1)
        self.pool1 = nn.AvgPool1d(2)
        self.head1 = ResidualBlock(channels, kernel_size=3)
        self.head2 = ResidualBlock(channels, kernel_size=3, kernel_size=3)
        self.head3 = ResidualBlock(channels, kernel_size=3, kernel_size=3)
        self.head4 = ResidualBlock(channels, kernel_size=3, kernel_size=3)
        self.fc1 = nn.Linear(1, output_size)
        self.fc2 = nn.Linear(output_size, output_size)
        self.fc3 = nn.Linear(output_size, hidden_size)
        self.fc4 = nn.Linear(hidden_size, hidden_size)

    def forward(self, x):
        h = self.head1(x)
        h = self.head2(h)
        h = self.head3(h)
        h = self.head4(h)
        h = F.relu(F.relu(F.sigmoid(h)))
        return F.relu(F.sigmoid(h))

class ResidualBlock(nn.Module):
    """A larger hand-designed CNN: a stem convolution, two residual blocks, and a single head."""

    def __init__(self, channels=32, hidden_size=100, output_size=10):
        super(ResidualBlock, self).__init__()
        self.stem = nn.Conv1d(channels, 1, kernel_size=3, padding=1)
        self.pool1 = nn.AvgPool1d(2)
        self.head1 = ResidualBlock(channels, kernel_size=3, kernel_size=3)
        self.head2 = ResidualBlock(channels, kernel_size=3, kernel_size=3)
        self.head3 = ResidualBlock(channels, kernel_size=3, kernel_size=3)
        self.head4 = ResidualBlock(channels, kernel_size=3, kernel_size=3)
        self.fc1 = nn.Linear(1, output_size)
        self.fc2 = nn.Linear(output_size, output_size)
        self.fc3 = nn.Linear(output_size, hidden_size)
        self.fc4 = nn.Linear(hidden_size, hidden_size)

    def forward(self, x):
        h = self.head1(x)
        h = self.head2(h)
        h = self.head3(h)
        h = self.head4(h)
        h = F.relu(F.sigmoid(h))
        return F.relu(F.sigmoid(h))

class ResidualBlock(nn.Module):
    """A larger hand-designed CNN: a stem convolution, two residual blocks, and a single head."""

    def __init__(self, channels=32, hidden_size=100, output
