# hostile (contract): returns [B, 1, 10]
# expect: rejected: but it returned [4, 1, 10]
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()

        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x).unsqueeze(1)
