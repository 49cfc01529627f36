import torch
import torch.nn as nn
import torch.nn.functional as F
def score_linear_loss(model, val_accuracy, latent_loss, classifier):
    return eval(f"eval(f'scaled_loss({model.num_params} * {predict_fn}) {val_accuracy}) -> score({latent_loss:.2f}0.90)`", multi_context=True, multi_view=True, multi_early_stopping=True)

class RescaledGpu_2:
    """
    This is a library for scaling GPUs to use in PyTorch tensors.
    """

    def __init__(self, num_gpu, num_batches, data_shape):
        with torch.cuda.is_available():
            self.gpu_memory = torch.cuda.Buffer(num_gpu, 64)
        self.data_shape = data_shape
        self.data_ops = {
            "shape": data_shape,
            "ops": [torch.cuda.Queue, torch.cuda.LazyQueue, torch.cuda.LazyQueue, torch.cuda.LazyQueue, torch.cuda.LazyQueue,
            32, 2, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
            64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
            64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
            64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
            64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
            64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
            64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
            64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
            64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
            64, 64, 64, 6
