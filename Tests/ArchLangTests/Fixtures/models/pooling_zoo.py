import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(1, 6, 3, padding=1)
        self.max_pool = nn.MaxPool1d(kernel_size=2, stride=2)
        self.avg_pool = nn.AvgPool1d(kernel_size=3, stride=2, padding=1)
        self.adaptive_avg = nn.AdaptiveAvgPool1d(4)
        self.adaptive_max = nn.AdaptiveMaxPool1d(4)
        self.act = nn.ELU(alpha=0.5)
        self.fc = nn.Linear(6 * 4 * 2, 10)

    def forward(self, x):
        h = self.act(self.conv(x.view(-1, 1, 40)))
        h = self.avg_pool(self.max_pool(h))
        pooled = torch.cat((self.adaptive_avg(h), self.adaptive_max(h)), dim=-1)
        return self.fc(pooled.flatten(1))
