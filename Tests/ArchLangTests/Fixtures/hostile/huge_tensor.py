# hostile (limits): a tensor of 10**9 elements
# expect: rejected: elements
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        t = torch.zeros(1000, 1000, 1000)
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
