import torch
import torch.nn as nn
import torch.nn.functional as F

class Model(nn.Module):
    """A larger hand-designed CNN: a stem convolution, two residual blocks, and a max-pooling layer."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv1d(1, 1, 3, 1, padding=1)
        self.pool1 = nn.AvgPool1d(3)
        self.block1 = nn.MaxPool1d(3)
        self.fc1 = nn.Linear(1 * (1024 // 256), 1024)
        self.fc2 = nn.Linear(1024, 1024)
        self.fc3 = nn.Linear(1024, 1024)
        self.fc4 = nn.Linear(1024, 10)

    def forward(self, x):
        x = self.stem(x, )*self.pool1(self.pool1(self.pool1(self.pool1(self
# constrained decoding stopped: 4 attempts; the last: token limit reached (232 kept of 768, 960 sampled)
