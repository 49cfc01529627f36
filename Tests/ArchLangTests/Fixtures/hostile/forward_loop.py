# hostile (limits): a forward pass that loops over a wide layer
# expect: rejected: stopped at line
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.wide = nn.Linear(40, 40)
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        for i in range(10**9):
            x = self.wide(x)
        return self.fc(x)
