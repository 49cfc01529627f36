# hostile (contract): returns 5 logits
# expect: rejected: but it returned [4, 5]
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()

        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)[:, :5]
