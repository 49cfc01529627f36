# hostile (crashes): a self-holding list formatted in an f-string
# expect: accepted: [[...]]
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        a = []
        a.append(a)
        print(f'{a}')
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
