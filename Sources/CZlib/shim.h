#ifndef VG_ZLIB_SHIM_H
#define VG_ZLIB_SHIM_H

#include <zlib.h>

// zlib's initialisers are macros that pass the library's version and stream size; Swift imports no macros.

static inline int vg_inflate_init(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

static inline int vg_deflate_init(z_streamp stream, int level, int windowBits) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}

#endif
