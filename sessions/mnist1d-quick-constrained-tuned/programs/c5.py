import torch
import torch.nn as nn
import torch.nn.functional as F

class Model(nn.Module):
    """A more complex model: a bag-of-boxes model, with two layers of 32 and 16, respectively."""

    def __init__(self):
        super(Model, self).__init__()
        self.x = nn.Linear(40, 128)
        self.bnn_pool = nn.MaxPool1d(2, 1)
        self.bnn_fc1 = nn.Linear(128, 128)
        self.bnn_fc2 = nn.Linear(128, 32)
        self.bnn_fc3 = nn.Linear(32, 128)
        self.bnn_fc4 = nn.Linear(128, 128)
        self.bnn_fc5 = nn.Linear(128, 10)
    def forward(self, x):
        x = x.
# constrained decoding stopped: 4 attempts; the last: token limit reached (210 kept of 768, 960 sampled)
