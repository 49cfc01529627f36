# hostile (crashes): membership test between self-holding lists
# expect: rejected: nested more than 1000 levels
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        a = [1]
        a.append(a)
        b = [1]
        b.append(b)
        found = b in a
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
