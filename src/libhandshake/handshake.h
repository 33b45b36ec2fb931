/* handshake.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-capture-loader.h"
#include "hs-capture.h"
#include "hs-connection-item.h"
#include "hs-decoder.h"
#include "hs-explain.h"
#include "hs-format.h"
#include "hs-index-model.h"
#include "hs-live-capture.h"
#include "hs-packet-item.h"
#include "hs-packet-record.h"
#include "hs-tcp-series.h"
#include "hs-tcp-tracker.h"
#include "hs-types.h"
