/* hs-packet-item.c — placeholder until the implementation lands in this issue */
#include "hs-packet-item.h"
