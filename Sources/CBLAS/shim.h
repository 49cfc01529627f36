#ifndef EVOPROMPTING_CBLAS_SHIM_H
#define EVOPROMPTING_CBLAS_SHIM_H
// OpenBLAS's CBLAS header plus its thread control, which plain CBLAS does not declare.
#include <cblas.h>
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
#endif
