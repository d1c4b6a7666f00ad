#ifndef TIDEMARK_CLIBCSV_SHIM_H
#define TIDEMARK_CLIBCSV_SHIM_H
#include <csv.h>
#endif
