# hostile (crashes): a list that holds itself, printed in __init__ (the reply)
# expect: accepted: [1, [...]]
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        a = [1]
        a.append(a)
        print(a)
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
