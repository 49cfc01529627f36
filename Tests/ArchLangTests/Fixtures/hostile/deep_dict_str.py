# hostile (crashes): a dict nested 30,000 deep turned into a string
# expect: rejected: nested more than 1000 levels
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        d = {}
        for i in range(30000):
            d = {'k': d}
        s = str(d)
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
