# hostile (crashes): sorting tuples nested 30,000 deep
# expect: rejected: nested more than 1000 levels
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        t = (0,)
        u = (0,)
        for i in range(30000):
            t = (t,)
            u = (u,)
        ordered = sorted([t, u])
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
