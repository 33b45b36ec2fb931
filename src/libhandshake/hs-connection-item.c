/* hs-connection-item.c — placeholder until the implementation lands in this issue */
#include "hs-connection-item.h"
