import torch
import torch.nn as nn
import torch.nn.functional as F


class GatedLayer(nn.Module):
    """A GLU-style layer: one projection split into a value and a gate."""

    def __init__(self, d_in, d_out):
        super().__init__()
        self.proj = nn.Linear(d_in, 2 * d_out)
        self.norm = nn.LayerNorm(d_out, eps=1e-5)

    def forward(self, x):
        value, gate = self.proj(x).chunk(2, dim=-1)
        return self.norm(value * torch.sigmoid(gate))


class Model(nn.Module):
    def __init__(self, sizes=[40, 48, 32]):
        super().__init__()
        self.layers = nn.ModuleList([GatedLayer(a, b) for a, b in zip(sizes, sizes[1:])])
        self.out = nn.Linear(sizes[-1], 10)

    def forward(self, x):
        for layer in self.layers:
            x = F.gelu(layer(x))
        a, b = torch.split(x, 16, dim=1)
        x = torch.cat([F.silu(a), F.leaky_relu(b, 0.2)], dim=1)
        return self.out(x)
