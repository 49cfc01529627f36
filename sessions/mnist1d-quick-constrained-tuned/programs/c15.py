import torch
import torch.nn as nn
import torch.nn.functional as F

class Model(nn.Module):
    def __init__(self):
        super(Model, self).__init__()
        self.gru = nn.GRU(input_size=1, hidden_size=16, bias=True, bidirectional=True)
        flat_size = 16 * 2 # [B] -> [B, 16]
        self.sigmoid = nn.Sigmoid()  # Softmax with a kernel of size (B, 10!)
        self.relu = nn.ReLU()  # Sigmoid with ReLU function
        self.dropout_relu = nn.Dropout(0.2, pow(1.0, 1.0)) # (Batch, 1) -> (B, 100)
        self.x_pred = nn
# constrained decoding stopped: 4 attempts; the last: token limit reached (174 kept of 768, 960 sampled)
