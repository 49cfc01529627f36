# hostile (limits): 2000x2000 matrix products in a loop
# expect: rejected: arithmetic operations
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        a = torch.randn(2000, 2000)
        for i in range(10**9):
            b = a @ a
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
