# hostile (crashes): two ModuleLists that hold each other
# expect: rejected: contains itself
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        a = nn.ModuleList()
        b = nn.ModuleList()
        a.append(b)
        b.append(a)
        self.loop = a
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
