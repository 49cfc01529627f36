import torch
import torch.nn as nn
import torch.nn.functional as F

class Model(nn.Module):
    """A larger hand-designed CNN: a stem convolution, two residual blocks, and a two-layer head."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv1d(1, 1, 3, 1, padding=1)
        self.pool1 = nn.AvgPool1d(1
# constrained decoding stopped: 4 attempts; the last: token limit reached (85 kept of 768, 960 sampled)
