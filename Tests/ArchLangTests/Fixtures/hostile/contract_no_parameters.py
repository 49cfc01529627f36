# hostile (contract): a model without parameters
# expect: rejected: no trainable parameters
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()


    def forward(self, x):
        return x[:, :10] * 2
