import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(1, 8, 5)
        self.conv2 = nn.Conv1d(8, 8, 3)
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
        x = F.pad(x.unsqueeze(1), (2, 2))
        x = F.leaky_relu(self.conv1(x), negative_slope=0.1)
        x = F.max_pool1d(x, 2)
        x = F.elu(self.conv2(x))
        x = F.avg_pool1d(x, kernel_size=2)
        x = F.adaptive_avg_pool1d(x, 1).view(x.size(0), -1)
        x = F.dropout(x, p=0.2, training=self.training)
        return F.log_softmax(self.fc(x), dim=1)
