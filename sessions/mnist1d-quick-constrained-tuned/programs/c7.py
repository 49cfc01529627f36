import torch
import torch.nn as nn
import torch.nn.functional as F

class Model(nn.Module):
    """A larger hand-designed CNN: a stem convolution, two residual blocks, and a single head."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv
# constrained decoding stopped: 4 attempts; the last: token limit reached (50 kept of 768, 960 sampled)
