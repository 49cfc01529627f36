# hostile (crashes): two tuples nested 30,000 deep, compared
# expect: rejected: nested more than 1000 levels
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        t = ()
        u = ()
        for i in range(30000):
            t = (t,)
            u = (u,)
        same = t == u
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
