# hostile (limits): unbounded recursion
# expect: rejected: maximum call depth
import torch
import torch.nn as nn
import torch.nn.functional as F

def f(n):
    return f(n + 1)

class Model(nn.Module):
    def __init__(self):
        super().__init__()
        f(0)
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
