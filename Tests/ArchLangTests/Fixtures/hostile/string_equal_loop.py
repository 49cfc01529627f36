# hostile (limits): comparing two 1 MB strings in a loop
# expect: rejected: interpreter steps
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        s = 'ab' * 500000
        t = 'ab' * 500000
        for i in range(10**9):
            same = s == t
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
