import torch
import torch.nn as nn
import torch.nn.functional as F

class ResidualBlock(nn.Module):
    """A larger hand-designed CNN: a stem convolution, two residual blocks, two out-of-thin heads,
    max-pooling and output with max-pooling and upsampling."""

    def __init__(self, channels=16, length=3, max_pool_size=512, output_size=10, kernel_size=3):
        super().__init__()
        self.stem = nn.Conv1d(channels, 16, kernel_size, padding=1, name="stem_conv1")
        self.pool1 = nn.AvgPool1d(16, 3, stride=2)
        self.fc1 = nn.Linear(16 * (length / 4), output_size)
        self.fc2 = nn.Linear(output_size, length)
        self.fc4 = nn.Linear(output_size, max_pool_size)
        self.fc6 = nn.Linear(max_pool_size, length)
        self.fc8 = nn.Linear(max_pool_size, max_pool_size)
        self.fc12 = nn.Linear(max_pool_size, length)
        self.fc13 = nn.Linear(length, max_pool_size)
        self.fc14 = nn.Linear(max_pool_size, output_size)
        self.fc15 = nn.Linear(output_size, output_size)
        self.fc16 = nn.Linear(output_size, output_size)
        self.fc18 = nn.Linear(max_pool_size, output_size)
        self.output = nn.Linear(output_size, output_size)
        self.output_type = nn.Conv2d(output_size, output_type, 3)
        self.fc2 = nn.Linear(output_type, length)
        self.fc4 = nn.Linear(length, output_type)
        self.fc6 = nn.Linear(output_type, max_pool_size)
        self.fc8 = nn.Linear(max_pool_size, max_pool_size)
        self.fc12 = nn.Linear(max_pool_size, max_pool_size)
        self.fc13 = nn.Linear(max_pool_size, max_pool_size)
        self.fc14 = nn.Linear(max_pool_size, max_pool_size)
        self.fc16 = nn.Linear(max_pool_size, max_pool_size)
        self.fc18 = nn.Linear(max_pool_size, output_type)
        self.output_type = nn.Linear(output_type, output_type)
        self.fc2 = nn.Linear(output_type, output_type)
        self.fc4 = nn.Linear(output_type, length)
        self.fc6 = nn.Linear(length, output_type)
        self.fc8 = nn.Linear(output_type, max_pool_size)
        self.fc10 = nn.Linear(max_pool_size, output_type)
        self.fc11 = nn.Linear(max_pool_size, length)
        self.fc12 = nn.Linear(max_pool_size, max_pool_size)
        self.fc14 = nn.Linear(max_pool_size, max_
