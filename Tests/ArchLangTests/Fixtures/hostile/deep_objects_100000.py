# hostile (crashes): a linked list of 100,000 helper objects
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
        n = None
        for i in range(100000):
            n = Node(n)
        self.fc = nn.Linear(40, 10)

    def forward(self, x):
        return self.fc(x)
