import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(4, 12, num_layers=2, batch_first=True)
        self.fc = nn.Linear(12, 10)

    def forward(self, x):
        x = x.view(x.shape[0], 10, 4)  # ten steps of four samples each
        output, (h_n, c_n) = self.lstm(x)
        return self.fc(h_n[-1])
