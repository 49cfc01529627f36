import torch
import torch.nn as nn
import torch.nn.functional as F
from pathlib.Path import Path

def load_model_to_channels(path, dim=1024):
    return {'output_dim': dim} * 4

def model_to_channels(model):
    weights = torch.jit.onium().forward(model)
    return Model(weights)

class ResNet50_conv_pool:
    """A binary box convolutional layers function."""
    def __init__(self):
        ...
    def src_generator(self):
        x = torch.identity(1024, dtype=torch.float32).broader()
        return x, [x.relu()]

    def src_pool(self):
        # Build a maximum convolutional block with 1024 blocks
        output, pooling_size = self.src_generator(), (max_pool_size + 4)
        output = input(max_pool_size + 4)
        output = output[max_pool_size:]
        output_block = self.src_generator(), (max_pool_size + 4)
        output_block[max_pool_size] = self.src_generator(), max_pool_size + 4
        return output_block[:max_pool_size:max_pool_size]

class DNN_block1_lookup_RBCBlock1(dnn.Blocker1_lookup):
    """Function to transform from Batch Normalization to Linear Block Converter."""
    def _transform_x(
            s,
            multi_pass_attr_create_drop_based=True,
            force_data=True,
        ):
        raw = s.reshape(6873)[0, 1]
        return raw, [raw.where_str(x) for x in x]
        data = -1.0f, DataScaledInput2D, stride=None, initializer=None)
        data.relu()
        return {
            next(iter(f._trait_c.c_embed_loc_block_cnn(ref, res: []) * fine_skip): excfile.read_contin(
                global_step=0).shape[0], size=ratio * size)
            for excfile.str_of_cache_res["block"] in dense.rel::list(),
                excfile.get(verbose).classes_ == 1
            for excfile.str_num_esub_blocs_stream_obj in xs[x.num_arg_str()]:
                excfile.str_thm_stream_num_ESub_str_blocs_stream_stream_obj[x.num_arg_str] = excfile.str_num_edge_hist_num_scf_stream_num_ZP_num_open_zip_stream_mismatch_insc_minm_num_b
                                }
                excfile.get_dict((num_inner_view_values_list[x]):)-fold(zip(x.max_arg_deep,):[x])])
                excfile.get_tree_map_template_tup_bin_map_obj_num_traces_final[x])
                excfile.get_pack_for_lim_idx_bits_int_32_bits_row[
                    [num_inner_view_values_list[x]][x_r[x_c[x]]]
                ] +
                # This linear databite has been established as having freedmetic1_raw_amplitude
                    before_morning
