/* handshake.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-capture.h"
#include "hs-decoder.h"
#include "hs-packet-record.h"
#include "hs-tcp-tracker.h"
#include "hs-types.h"
