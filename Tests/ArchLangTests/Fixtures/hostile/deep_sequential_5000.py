# hostile (limits): 5,000 nested nn.Sequential (its verdict used to depend on load)
# expect: rejected: nested more than 100 levels
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        m = nn.Linear(40, 40)
        for i in range(5000):
            m = nn.Sequential(m)
        self.deep = m
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
