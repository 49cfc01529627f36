# hostile (crashes): 20,000 functions each holding the previous one as a default
# expect: accepted
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        f = None
        for i in range(20000):
            def g(prev=f):
                return prev
            f = g
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
