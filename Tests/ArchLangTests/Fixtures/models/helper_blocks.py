import torch
import torch.nn as nn


def conv_block(c_in, c_out, k=3, stride=1):
    """Convolution, batch norm and ReLU, as most CNN code bases write it."""
    return nn.Sequential(
        nn.Conv1d(c_in, c_out, kernel_size=k, stride=stride, padding=k // 2, bias=False),
        nn.BatchNorm1d(c_out),
        nn.ReLU(inplace=True),
    )


class Net(nn.Module):
    def __init__(self, widths=[1, 12, 24], num_classes=10):
        super(Net, self).__init__()
        layers = [conv_block(a, b, stride=2) for a, b in zip(widths[:-1], widths[1:])]
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool1d(1)
        self.classifier = nn.Linear(widths[-1], num_classes)

    def forward(self, x):
        x = x.view(x.size(0), 1, -1)
        x = self.pool(self.features(x)).squeeze(-1)
        return self.classifier(x)
