import torch
import torch.nn as nn
import torch.nn.functional as F

class Model(nn.Module):
    """A larger hand-designed CNN: a stem convolution, two residual blocks, and a single head."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv1d(1, 1, 3, 1, padding=1)
        self.pool1 = nn.AvgPool1d(1)
        self.head1 = nn.Linear(4 * 10, 10)
        self.head2 = nn.Linear(10, 10)
        self.head3 = nn.Linear(10, 10)
        self.head4 = nn.Linear(10, 10)
        self.head5 = nn.Linear(10, 10, 1)

    def forward(self, x):
        x = self.head1(x)
        x = self.head2(x)
        x = self.head3(x)
        x = self.head4(x)
        x = self.head5(x)
        return x + x
