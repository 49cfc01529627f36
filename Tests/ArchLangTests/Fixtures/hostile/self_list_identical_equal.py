# hostile (crashes): a self-holding list compared with itself (equal, as in Python)
# expect: accepted
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        a = [1]
        a.append(a)
        assert_same = a == a
        if not assert_same:
            raise_error = 1 / 0
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
