# hostile (limits): a user module that wraps itself 1,000 times
# expect: rejected: nested more than 100 levels
import torch
import torch.nn as nn
import torch.nn.functional as F

class Wrap(nn.Module):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return self.inner(x)

class Model(nn.Module):
    def __init__(self):
        super().__init__()
        m = nn.Linear(40, 10)
        for i in range(1000):
            m = Wrap(m)
        self.m = m

    def forward(self, x):
        return self.m(x)
