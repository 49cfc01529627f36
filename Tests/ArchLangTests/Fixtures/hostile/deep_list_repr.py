# hostile (crashes): a list nested 30,000 deep, printed
# expect: rejected: nested more than 1000 levels
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        t = []
        for i in range(30000):
            t = [t]
        print(t)
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
