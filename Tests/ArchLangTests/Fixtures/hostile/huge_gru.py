# hostile (limits): a GRU with 50M parameters
# expect: rejected: parameters
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(40, 4096)
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
