import torch
import torch.nn as nn


class Bilinear(nn.Module):
    """proj(x) * ff(x): a one-layer map [out] times a two-layer MLP [8 * out, out]."""

    def __init__(self, in_features, out_features):
        super().__init__()
        self.proj = nn.Linear(in_features, out_features)
        self.ff = nn.Sequential(
            nn.Linear(in_features, 8 * out_features), nn.ReLU(), nn.Linear(8 * out_features, out_features)
        )

    def forward(self, x):
        return self.proj(x) * self.ff(x)


class TripletMessages(nn.Module):
    """Bilinear triplet messages: every node, edge and graph map of the standard function is a Bilinear map.

    Seed 9 of the EvoPrompting paper's CLRS seeds (appendix A.5): the triplets are summed and max-reduced over the
    first node axis as in the standard function, then go through a Bilinear map of the same kind to out_size.
    """

    def __init__(self, hidden, nb_triplet_fts, out_size):
        super().__init__()
        self.t_1 = Bilinear(2 * hidden, nb_triplet_fts)
        self.t_2 = Bilinear(2 * hidden, nb_triplet_fts)
        self.t_3 = Bilinear(2 * hidden, nb_triplet_fts)
        self.t_e_1 = Bilinear(hidden, nb_triplet_fts)
        self.t_e_2 = Bilinear(hidden, nb_triplet_fts)
        self.t_e_3 = Bilinear(hidden, nb_triplet_fts)
        self.t_g = Bilinear(hidden, nb_triplet_fts)
        self.o3 = Bilinear(nb_triplet_fts, out_size)

    def forward(self, z, edge_fts, graph_fts):
        triplets = (
            self.t_1(z)[:, :, None, None, :]
            + self.t_2(z)[:, None, :, None, :]
            + self.t_3(z)[:, None, None, :, :]
            + self.t_e_1(edge_fts)[:, :, :, None, :]
            + self.t_e_2(edge_fts)[:, :, None, :, :]
            + self.t_e_3(edge_fts)[:, None, :, :, :]
            + self.t_g(graph_fts)[:, None, None, None, :]
        )  # [B, N, N, N, F]
        return self.o3(torch.amax(triplets, dim=1))
