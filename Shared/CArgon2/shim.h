#ifndef CAREERGINI_CARGON2_SHIM_H
#define CAREERGINI_CARGON2_SHIM_H
#include <argon2.h>
#endif
