# hostile (crashes): a chain of lists built by appending into the newest, 100,000 long
# expect: accepted
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        root = []
        cur = root
        for i in range(100000):
            nxt = []
            cur.append(nxt)
            cur = nxt
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
