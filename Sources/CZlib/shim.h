#ifndef EVOPROMPTING_CZLIB_SHIM_H
#define EVOPROMPTING_CZLIB_SHIM_H
// zlib's raw inflate reads the deflate streams inside `.npz` files written by numpy's `savez_compressed`.
#include <zlib.h>
#endif
