import torch
import torch.nn as nn
import torch.nn.functional as F

class Model(nn.Module):
    """A larger hand-designed CNN: a stem convolution, two residual blocks, and a single head."""

    def __init__(self):
        super(Model, self).__init__()
        self.fc1 = nn.Linear(40, 1000)
        self.fc2 = nn.Linear(1000, 1000)
        self.fc3 = nn.Linear(1000, 1000)
        self.fc4 = nn.Linear(1000, 1000, 1)
        self.fc5 = nn.Linear(1000, 1000, 1)
        self.fc6 = nn.Linear(1000, 1000, 1)
        self.fc7 = nn.Linear(1000, 10, 1)

    def forward(self, x):
        h = self.fc1(x)
        h = self.fc2(h)
        h = F.relu(self.fc3(h))
        h = F.sigmoid(h)
        h = F.relu(self.fc4(h))
        h = F.sigmoid(self.fc6(h))
        h = F.sigmoid(self.fc7(h))
        return F.softmax(h, 1)
