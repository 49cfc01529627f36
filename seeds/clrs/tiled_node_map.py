import torch
import torch.nn as nn


class TripletMessages(nn.Module):
    """A degenerate "triplet" function: one linear map of z to out_size, tiled along a new node axis.

    Seed 8 of the EvoPrompting paper's CLRS seeds (appendix A.5): no triplets at all; the message on edge (i, j)
    is a function of node j alone.
    """

    def __init__(self, hidden, nb_triplet_fts, out_size):
        super().__init__()
        self.node = nn.Linear(2 * hidden, out_size)

    def forward(self, z, edge_fts, graph_fts):
        # z [B, N, 2H] -> [B, N, out_size] -> [B, N, N, out_size]
        nodes = z.shape[1]
        return self.node(z)[:, None, :, :].expand(-1, nodes, -1, -1)
