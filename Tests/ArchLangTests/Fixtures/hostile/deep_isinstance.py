# hostile (crashes): isinstance with a tuple of types nested 30,000 deep
# expect: rejected: nested more than 1000 levels
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        c = int
        for i in range(30000):
            c = (c,)
        ok = isinstance(1, c)
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
