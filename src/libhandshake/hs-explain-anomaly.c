/* hs-explain-anomaly.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The colour class of a packet list row, its CSS name, legend label and
 * tooltip, and which packets "anomalies only" keeps. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-explain-private.h"

/* ------------------------------------------------------------------------ */
/* Anomaly classes                                                           */

HsAnomalyClass
hs_anomaly_class_for_record (const HsPacketRecord *record)
{
  guint a;

  g_return_val_if_fail (record != NULL, HS_ANOMALY_CLASS_NONE);

  a = record->analysis;

  if (record->decode_status == HS_DECODE_MALFORMED ||
      (record->problems & MALFORMED_PROBLEMS) != 0)
    return HS_ANOMALY_CLASS_MALFORMED;
  if (record->tcp_flags & HS_TCP_RST)
    return HS_ANOMALY_CLASS_RESET;
  if (a & (HS_ANALYSIS_LOST_SEGMENT | HS_ANALYSIS_ACK_LOST_SEGMENT))
    return HS_ANOMALY_CLASS_LOST;
  if (a & RETRANSMISSION_FAMILY)
    return HS_ANOMALY_CLASS_RETRANSMISSION;
  if (a & HS_ANALYSIS_OUT_OF_ORDER)
    return HS_ANOMALY_CLASS_OUT_OF_ORDER;
  if (a & HS_ANALYSIS_DUPLICATE_ACK)
    return HS_ANOMALY_CLASS_DUP_ACK;
  if (a & (HS_ANALYSIS_ZERO_WINDOW | HS_ANALYSIS_ZERO_WINDOW_PROBE |
           HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK | HS_ANALYSIS_WINDOW_FULL))
    return HS_ANOMALY_CLASS_WINDOW;
  if (a & HS_ANALYSIS_WINDOW_UPDATE)
    return HS_ANOMALY_CLASS_WINDOW_UPDATE;
  if (a & (HS_ANALYSIS_KEEP_ALIVE | HS_ANALYSIS_KEEP_ALIVE_ACK))
    return HS_ANOMALY_CLASS_KEEP_ALIVE;
  if (a & HS_ANALYSIS_REUSED_PORTS)
    return HS_ANOMALY_CLASS_REUSED_PORTS;
  if (record->tcp_flags & (HS_TCP_SYN | HS_TCP_FIN))
    return HS_ANOMALY_CLASS_HANDSHAKE;

  return HS_ANOMALY_CLASS_NONE;
}

const char *
hs_anomaly_class_css_name (HsAnomalyClass klass)
{
  static const char * const names[] = {
    NULL,
    "malformed",
    "reset",
    "lost",
    "retransmission",
    "out-of-order",
    "dup-ack",
    "window",
    "window-update",
    "keep-alive",
    "reused-ports",
    "handshake",
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == HS_ANOMALY_CLASS_LAST);

  g_return_val_if_fail ((guint) klass < HS_ANOMALY_CLASS_LAST, NULL);
  return names[klass];
}

const char *
hs_anomaly_class_label (HsAnomalyClass klass)
{
  static const char * const labels[] = {
    N_("Normal"),
    N_("Malformed"),
    N_("Reset"),
    N_("Lost segment"),
    N_("Retransmission"),
    N_("Out of order"),
    N_("Duplicate ACK"),
    N_("Zero window or window full"),
    N_("Window update"),
    N_("Keep-alive"),
    N_("Port numbers reused"),
    N_("Handshake and teardown"),
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == HS_ANOMALY_CLASS_LAST);

  g_return_val_if_fail ((guint) klass < HS_ANOMALY_CLASS_LAST, NULL);
  return _(labels[klass]);
}

const char *
hs_anomaly_class_description (HsAnomalyClass klass)
{
  static const char * const descriptions[] = {
    N_("A packet with nothing unusual about it."),
    N_("The packet’s headers are truncated or inconsistent."),
    N_("A RST aborts the connection at once."),
    N_("Data is missing from the capture: a previous segment was not captured, or an ACK "
       "acknowledges data that was never seen."),
    N_("The sender sent the same data again: after a timeout, after duplicate ACKs (fast "
       "retransmission) or without need (spurious retransmission)."),
    N_("A segment arrived after data that comes after it in the stream."),
    N_("The receiver acknowledges the same byte again because a segment after it is missing."),
    N_("Flow control: a zero window (the receiver’s buffer is full: the sender must stop and "
       "probe it) or a segment that fills the window exactly (window full, often normal in a "
       "fast transfer)."),
    N_("The receiver only announces a new window size."),
    N_("A segment that checks whether an idle connection is still alive, or its answer."),
    N_("A new connection uses the same addresses and ports as an earlier one."),
    N_("SYN or FIN: the connection is being opened or closed."),
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (descriptions) == HS_ANOMALY_CLASS_LAST);

  g_return_val_if_fail ((guint) klass < HS_ANOMALY_CLASS_LAST, NULL);
  return _(descriptions[klass]);
}

gboolean
hs_packet_record_is_anomaly (const HsPacketRecord *record)
{
  g_return_val_if_fail (record != NULL, FALSE);

  if (record->analysis & ALL_ANALYSIS_FLAGS &
      ~(guint)(HS_ANALYSIS_WINDOW_UPDATE | HS_ANALYSIS_KEEP_ALIVE_ACK))
    return TRUE;
  if (record->tcp_flags & HS_TCP_RST)
    return TRUE;
  if (record->decode_status == HS_DECODE_MALFORMED)
    return TRUE;
  if (record->problems & MALFORMED_PROBLEMS)
    return TRUE;

  return FALSE;
}
