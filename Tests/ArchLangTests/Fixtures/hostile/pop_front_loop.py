# hostile (limits): pop(0) from a 500,000-element list in a loop
# expect: rejected: interpreter steps
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        l = list(range(500000))
        while l:
            l.pop(0)
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
