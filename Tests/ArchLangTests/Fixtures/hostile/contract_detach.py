# hostile (contract): returns a detached output
# expect: rejected: does not depend on any of its 410 trainable parameters
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()

        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x).detach()
