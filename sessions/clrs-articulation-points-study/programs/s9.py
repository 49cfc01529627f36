import torch
import torch.nn as nn


class Bilinear(nn.Module):
    """proj(x) * ff(x): a one-layer map [out] times a two-layer MLP [8 * out, out]."""

    def __init__(self, in_features, out_features):
        super().__init__()
        self.proj = nn.Linear(in_features, out_features)
        self.ff = nn.Sequential(nn.Linear(in_features, 8 * out_features), nn.ReLU(), nn.Linear(8 * out_features, out_features))

    def forward(self, x):
        return self.proj(x) * self.ff(x)


class TripletMessages(nn.Module):
    """Every map of the standard triplet messages, the output map included, is a Bilinear map (the paper's CLRS seed 9)."""

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
        triplets = self.t_1(z)[:, :, None, None, :] + self.t_2(z)[:, None, :, None, :] + self.t_3(z)[:, None, None, :, :]
        triplets = triplets + self.t_e_1(edge_fts)[:, :, :, None, :] + self.t_e_2(edge_fts)[:, :, None, :, :]
        triplets = triplets + self.t_e_3(edge_fts)[:, None, :, :, :] + self.t_g(graph_fts)[:, None, None, None, :]  # [B, N, N, N, F]
        return self.o3(torch.amax(triplets, dim=1))