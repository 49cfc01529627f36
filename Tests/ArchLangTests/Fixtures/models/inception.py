import torch
import torch.nn as nn


class InceptionBlock(nn.Module):
    def __init__(self, c_in, c_branch):
        super().__init__()
        self.b1 = nn.Conv1d(c_in, c_branch, 1)
        self.b3 = nn.Sequential(nn.Conv1d(c_in, c_branch, 1), nn.ReLU(), nn.Conv1d(c_branch, c_branch, 3, padding=1))
        self.b5 = nn.Sequential(nn.Conv1d(c_in, c_branch, 1), nn.ReLU(), nn.Conv1d(c_branch, c_branch, 5, padding=2))
        self.bp = nn.Sequential(nn.MaxPool1d(3, stride=1, padding=1), nn.Conv1d(c_in, c_branch, 1))

    def forward(self, x):
        branches = [self.b1(x), self.b3(x), self.b5(x), self.bp(x)]
        return torch.relu(torch.cat(branches, dim=1))


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.block1 = InceptionBlock(1, 4)
        self.block2 = InceptionBlock(16, 4)
        self.pool = nn.MaxPool1d(2)
        self.out = nn.Linear(16 * 10, 10)

    def forward(self, x):
        x = x.reshape(-1, 1, 40)
        x = self.pool(self.block1(x))
        x = self.pool(self.block2(x))
        return self.out(torch.flatten(x, 1))
