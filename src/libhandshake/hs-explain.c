/* hs-explain.c — placeholder until the implementation lands in this issue */
#include "hs-explain.h"
