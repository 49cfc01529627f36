# hostile (crashes): helper objects that point at each other
# expect: accepted
import torch
import torch.nn as nn
import torch.nn.functional as F

class Node:
    def __init__(self, link):
        self.link = link


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        a = Node(None)
        b = Node(a)
        a.link = b
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
