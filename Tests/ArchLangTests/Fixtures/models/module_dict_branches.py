import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.branches = nn.ModuleDict({
            "wide": nn.Sequential(nn.Linear(40, 24), nn.ReLU()),
            "narrow": nn.Sequential(nn.Linear(40, 8), nn.Sigmoid()),
        })
        self.merge = nn.Linear(32, 10)

    def forward(self, x):
        outputs = []
        for name, branch in self.branches.items():
            outputs.append(branch(x))
        return self.merge(torch.cat(outputs, dim=-1))
