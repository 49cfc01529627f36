import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class SelfAttention(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.query = nn.Linear(dim, dim)
        self.key = nn.Linear(dim, dim)
        self.value = nn.Linear(dim, dim)
        self.scale = 1.0 / math.sqrt(dim)

    def forward(self, x):
        q, k, v = self.query(x), self.key(x), self.value(x)
        scores = q @ k.transpose(1, 2) * self.scale
        weights = F.softmax(scores, dim=-1)
        return weights @ v


class Model(nn.Module):
    def __init__(self, dim=8, patch=4):
        super().__init__()
        self.patch = patch
        self.embed = nn.Linear(patch, dim)
        self.attn = SelfAttention(dim)
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, 10)

    def forward(self, x):
        b = x.shape[0]
        tokens = self.embed(x.view(b, 40 // self.patch, self.patch))
        tokens = self.norm(tokens + self.attn(tokens))
        return self.head(tokens.mean(dim=1))
