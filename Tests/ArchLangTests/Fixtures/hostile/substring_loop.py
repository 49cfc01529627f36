# hostile (limits): a worst-case substring search in a loop
# expect: rejected: interpreter steps
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        s = 'a' * 999999
        t = 'a' * 1000 + 'b'
        for i in range(10**9):
            found = t in s
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
