# hostile (crashes): a Sequential appended into itself, then run
# expect: rejected: contains itself
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        s = nn.Sequential(nn.Linear(40, 40))
        s.append(s)
        self.s = s
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(self.s(x))
