# hostile (crashes): a dict that holds itself, printed
# expect: accepted: {'me': {...}}
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        d = {}
        d['me'] = d
        print(d)
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
