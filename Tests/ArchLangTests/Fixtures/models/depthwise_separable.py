import torch
import torch.nn as nn


class DepthwiseSeparable(nn.Module):
    def __init__(self, channels, out_channels, kernel_size=5):
        super().__init__()
        self.depthwise = nn.Conv1d(channels, channels, kernel_size, padding=kernel_size // 2, groups=channels)
        self.pointwise = nn.Conv1d(channels, out_channels, 1)
        self.act = nn.SiLU()

    def forward(self, x):
        return self.act(self.pointwise(self.depthwise(x)))


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.expand = nn.Conv1d(1, 16, 3, padding=1)
        self.blocks = nn.Sequential(DepthwiseSeparable(16, 16), DepthwiseSeparable(16, 24, kernel_size=3))
        self.head = nn.Linear(24, 10)

    def forward(self, x):
        x = self.expand(x.unsqueeze(1))
        x = self.blocks(x)
        x = x.amax(dim=2)
        return self.head(x)
