import torch
import torch.nn as nn
import torch.nn.functional as F

class Model(nn.Module):
    def __init__(self):
        super(Model, self).__init__()
        self.fc_2d = nn.Linear(40, 10, bias=True)
        self.fc_3d = nn.Linear(10, 10, bias=True)
        self.fc_4d = nn.Linear(10, 10, bias=True)
        self.fc_8d = nn.Linear(10, 10, bias=True)
        self.fc_12d = nn.Linear(10, 10, bias=True, dtype=torch.float32)
        self.fc_12d_fc = nn.Linear(10, 10, bias=True, dtype=torch.float32)
        self.fc_12d_2d = nn.Linear(10, 10, bias=True, dtype=torch.float32)
    def forward(self, x):
        x = torch.relu(self.fc_2d(x))
        x = self.fc_3d(x)
        x = self.fc_4d(x)
        x = self.fc_8d(x)
        x = self.fc_12d_2d(x)
        x = self.fc_12d_2d(x)
        return x
