# hostile (limits): allocating 1,000-element lists a million times
# expect: rejected: memory budget
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        rows = [[0] * 1000 for i in range(10**6)]
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
