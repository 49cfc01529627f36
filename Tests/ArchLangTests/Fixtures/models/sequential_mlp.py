import torch.nn as nn

model = nn.Sequential(
    nn.Linear(40, 64),
    nn.ReLU(),
    nn.Dropout(0.1),
    nn.Linear(64, 32),
    nn.Tanh(),
    nn.Linear(32, 10),
)
