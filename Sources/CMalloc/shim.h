#ifndef VG_MALLOC_SHIM_H
#define VG_MALLOC_SHIM_H

// glibc's allocator tuning (mallopt), which Swift's Glibc module leaves out. Nothing but includes.

#include <malloc.h>

#endif
