# hostile (limits): a 10 GB string
# expect: rejected: exceeds the limit
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        s = 'x' * (10**10)
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
