/* hs-index-model.c — placeholder until the implementation lands in this issue */
#include "hs-index-model.h"
