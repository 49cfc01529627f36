# hostile (limits): while True: pass
# expect: rejected: interpreter steps
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        while True:
            pass
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
