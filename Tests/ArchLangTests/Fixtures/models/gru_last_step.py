import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self, hidden_size=16):
        super().__init__()
        self.rnn = nn.GRU(input_size=1, hidden_size=hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, 10)

    def forward(self, x):
        out, h = self.rnn(x.unsqueeze(-1))
        return self.fc(out[:, -1, :])
