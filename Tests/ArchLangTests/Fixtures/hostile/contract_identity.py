# hostile (contract): returns x: [B, 40]
# expect: rejected: but it returned [4, 40]
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()

        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return x
