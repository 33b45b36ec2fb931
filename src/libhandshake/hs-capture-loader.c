/* hs-capture-loader.c — placeholder until the implementation lands in this issue */
#include "hs-capture-loader.h"
