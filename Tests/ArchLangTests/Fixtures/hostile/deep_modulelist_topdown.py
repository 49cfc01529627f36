# hostile (limits): ModuleLists chained by appending into the newest
# expect: rejected: nested more than 100 levels
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        root = nn.ModuleList()
        cur = root
        for i in range(5000):
            nxt = nn.ModuleList()
            cur.append(nxt)
            cur = nxt
        self.tree = root
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
