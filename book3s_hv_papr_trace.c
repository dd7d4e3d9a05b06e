// SPDX-License-Identifier: GPL-2.0-only
/*
 * The definitions of papr-kvm's trace events (include/trace_papr.h), made
 * once for the module. Nothing else lives here.
 */

#define CREATE_TRACE_POINTS
#include "trace_papr.h"
