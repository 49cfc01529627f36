import torch
import torch.nn as nn


class Model(nn.Module):
    """The MNIST-1D project's GRU: a bidirectional GRU over the 40 timesteps, flattened into a linear read-out."""

    def __init__(self, input_size=1, output_size=10, hidden_size=6, time_steps=40, bidirectional=True):
        super(Model, self).__init__()
        self.gru = nn.GRU(input_size, hidden_size, batch_first=True, bidirectional=bidirectional)
        flat_size = 2 * hidden_size * time_steps if bidirectional else hidden_size * time_steps
        self.linear = nn.Linear(flat_size, output_size)

    def forward(self, x):
        x = x.view(*x.shape[:2], -1)  # [B, 40] -> [B, 40, 1]
        output, _ = self.gru(x)
        output = output.reshape(output.shape[0], -1)
        return self.linear(output)