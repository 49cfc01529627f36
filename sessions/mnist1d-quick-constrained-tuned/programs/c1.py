import torch
import torch.nn as nn
import torch.nn.functional as F

class Model(nn.Module):
    """A larger hand-designed CNN: a stem convolution, two residual blocks, and a single head."""

    def __init__(self):
        super(Model, self).__init__()
        self.fc1 = nn.Linear(40, 100)
        self.fc2 = nn.Linear(100, 100)
        self.fc3 = nn.Linear(100, 100)
        self.fc4 = nn.Linear(100, 100)
        self.fc5 = nn.Linear(100, 100, bias=True)
        self.fc6 = nn.Linear(100, 100, bias=True)
        self.fc7 = nn.Linear(100, 10, bias=True)

    def forward(self, x):
        h = F.relu(self.fc1(x))
        h = self.fc2(h)
        h = self.fc3(h)
        h = self.fc4(h)
        h = self.fc5(h)
        h = self.fc6(h)
        h = self.fc7(h)
        return F.relu(F.relu(F.sigmoid(h)))
