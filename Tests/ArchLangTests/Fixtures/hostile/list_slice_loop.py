# hostile (limits): slicing a 500,000-element list in a loop
# expect: rejected: memory budget
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        l = list(range(500000))
        for i in range(10**9):
            m = l[1:]
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
