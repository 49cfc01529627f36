import torch
import torch.nn as nn
import torch.nn.functional as F
import math


class TripletMessages(nn.Module):
    """One linear map of z tiled along a new node axis: no triplets, edge (i, j) gets a message of node j alone (the paper's CLRS seed 9)."""

    def __init__(self, hidden, nb_triplet_fts, out_size):
        super().__init__()
        self.node = nn.Linear(2 * hidden, out_size)

    def forward(self, z, edge_fts, graph_fts):
        nodes = z.shape[1]
        return self.node(z)[:, None, :, :].expand(-1, nodes, -1, -1)
