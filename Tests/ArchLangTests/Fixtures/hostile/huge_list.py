# hostile (limits): a list of 10**8 elements
# expect: rejected: exceeds the limit
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        l = [0] * (10**8)
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
