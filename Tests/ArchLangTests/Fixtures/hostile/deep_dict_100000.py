# hostile (crashes): a dict nested 100,000 deep, then dropped
# expect: accepted
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        d = {}
        for i in range(100000):
            d = {'k': d}
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
