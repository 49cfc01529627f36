# hostile (limits): summing a 16M-element tensor in a loop
# expect: rejected: arithmetic operations
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        a = torch.randn(4000, 4000)
        for i in range(10**9):
            b = a.sum()
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
