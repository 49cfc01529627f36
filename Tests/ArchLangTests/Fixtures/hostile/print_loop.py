# hostile (limits): a print loop past the log cap
# expect: rejected: interpreter steps
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        for i in range(10**9):
            print('x' * 100)
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
