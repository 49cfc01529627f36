import torch
import torch.nn as nn
import torch.nn.functional as F
import math


class TripletMessages(nn.Module):
    """The standard triplet messages with each edge map a two-layer MLP [F, F] (the paper's CLRS seed 4)."""

    def __init__(self, hidden, nb_triplet_fts, out_size):
        super().__init__()
        self.t_1 = nn.Linear(2 * hidden, nb_triplet_fts)  # node i (z: node features, hidden state)
        self.t_2 = nn.Linear(2 * hidden, nb_triplet_fts)  # node j
        self.t_3 = nn.Linear(2 * hidden, nb_triplet_fts)  # node k
        self.t_e_1 = nn.Sequential(nn.Linear(hidden, nb_triplet_fts), nn.ReLU(), nn.Linear(nb_triplet_fts, nb_triplet_fts))  # edge (i, j)
        self.t_e_2 = nn.Sequential(nn.Linear(hidden, nb_triplet_fts), nn.ReLU(), nn.Linear(nb_triplet_fts, nb_triplet_fts))  # edge (i, k)
        self.t_e_3 = nn.Sequential(nn.Linear(hidden, nb_triplet_fts), nn.ReLU(), nn.Linear(nb_triplet_fts, nb_triplet_fts))  # edge (j, k)
        self.t_g = nn.Linear(hidden, nb_triplet_fts)  # graph
        self.o3 = nn.Linear(nb_triplet_fts, out_size)

    def forward(self, z, edge_fts, graph_fts):
        triplets = self.t_1(z)[:, :, None, None, :] + self.t_2(z)[:, None, :, None, :] + self.t_3(z)[:, None, None, :, :]
        triplets = triplets + self.t_e_1(edge_fts)[:, :, :, None, :] + self.t_e_2(edge_fts)[:, :, None, :, :]
        triplets = triplets + self.t_e_3(edge_fts)[:, None, :, :, :] + self.t_g(graph_fts)[:, None, None, None, :]  # [B, N, N, N, F]
        return self.o3(torch.amax(triplets, dim=1))
