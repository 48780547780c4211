#ifndef VG_EPOLL_SHIM_H
#define VG_EPOLL_SHIM_H

// Linux headers that Swift's Glibc module leaves out. Nothing but includes.

#include <sys/epoll.h>
#include <sys/eventfd.h>

#endif
