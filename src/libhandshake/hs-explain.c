/* hs-explain.c
 *
 * Copyright 2026 The Handshake authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the window writes about one packet: the Info column (as tshark 4.0
 * prints it), a plain-language explanation for people learning TCP, the
 * header tree of the details pane and the hex dump.  Everything is built on
 * demand from the packet record, the connection and, where the header bytes
 * matter, the packet's bytes read back from the file.
 *
 * Looking at other packets of the connection (the original of a
 * retransmission, the ACK of a segment, the previous data of a direction)
 * walks the connection's packet index from the packet's position, at most
 * SEARCH_LIMIT packets, so that each call stays cheap on any capture.
 *
 * Numbers: in the explanation, quantities (byte counts) get thousands
 * separators; sequence, acknowledgement and frame numbers are printed as the
 * Info column prints them (no separators), so that they can be matched with
 * it.  The Info column and the header tree print every number the way
 * Wireshark does, without separators. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-format.h"
#include "hs-explain.h"

/* Packets of a connection looked at, at most, around the one explained. */
#define SEARCH_LIMIT 10000

#define SEQ_LT(a, b) ((gint32)((guint32)(a) - (guint32)(b)) < 0)
#define SEQ_LE(a, b) ((gint32)((guint32)(a) - (guint32)(b)) <= 0)
#define SEQ_GT(a, b) SEQ_LT (b, a)

#define RD16(p) ((guint)(((p)[0] << 8) | (p)[1]))
#define RD32(p) (((guint32)(p)[0] << 24) | ((guint32)(p)[1] << 16) | \
                 ((guint32)(p)[2] << 8) | (guint32)(p)[3])

#define RETRANSMISSION_FAMILY (HS_ANALYSIS_RETRANSMISSION | \
                               HS_ANALYSIS_FAST_RETRANSMISSION | \
                               HS_ANALYSIS_SPURIOUS_RETRANSMISSION)

#define MALFORMED_PROBLEMS (HS_PROBLEM_BAD_TCP_OPTION | \
                            HS_PROBLEM_BAD_HEADER_LENGTH | \
                            HS_PROBLEM_BAD_IP_LENGTH)

#define ALL_ANALYSIS_FLAGS ((1u << HS_ANALYSIS_N_FLAGS) - 1)

/* ------------------------------------------------------------------------ */
/* Small helpers                                                             */

/* Strings built for one sentence, freed together. */
static const char *
keep (GPtrArray *pool,
      char      *str)
{
  g_ptr_array_add (pool, str);
  return str;
}

static const char *
count (GPtrArray *pool,
       guint64    value)
{
  return keep (pool, hs_format_count (value));
}

/* "1 byte", "1,448 bytes" */
static const char *
count_bytes (GPtrArray *pool,
             guint64    value)
{
  g_autofree char *num = hs_format_count (value);

  return keep (pool, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s byte", "%s bytes",
                                                   (gulong) MIN (value, G_MAXULONG)),
                                      num));
}

char *
hs_format_duration (gint64 ns)
{
  if (ns < 0)
    ns = 0;
  if (ns < 1000000)
    return g_strdup_printf (_("%.0f µs"), ns / 1e3);
  if (ns < G_GINT64_CONSTANT (1000000000))
    return g_strdup_printf (_("%.1f ms"), ns / 1e6);
  if (ns < G_GINT64_CONSTANT (60000000000))
    return g_strdup_printf (_("%.2f s"), ns / 1e9);
  return g_strdup_printf (_("%.0f s"), ns / 1e9);
}

static const char *
duration (GPtrArray *pool,
          gint64     ns)
{
  return keep (pool, hs_format_duration (ns));
}

/* Wireshark's seconds: "0.014000000 seconds" */
static char *
format_seconds (gint64 ns)
{
  gboolean negative = ns < 0;
  guint64 abs_ns = negative ? (guint64)(-(ns + 1)) + 1 : (guint64) ns;

  return g_strdup_printf (_("%s%llu.%09u seconds"), negative ? "-" : "",
                          (unsigned long long)(abs_ns / 1000000000),
                          (guint)(abs_ns % 1000000000));
}

static guint32
segment_end (const HsPacketRecord *r)
{
  return r->seq + r->payload_len +
         ((r->tcp_flags & HS_TCP_SYN) ? 1 : 0) +
         ((r->tcp_flags & HS_TCP_FIN) ? 1 : 0);
}

/* A segment that takes sequence space: data, SYN or FIN. */
static gboolean
is_segment (const HsPacketRecord *r)
{
  return r->decode_status == HS_DECODE_TCP &&
         (r->payload_len > 0 || (r->tcp_flags & (HS_TCP_SYN | HS_TCP_FIN)) != 0);
}

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
  static const char * const names[HS_ANOMALY_CLASS_LAST] = {
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

  g_return_val_if_fail ((guint) klass < HS_ANOMALY_CLASS_LAST, NULL);
  return names[klass];
}

const char *
hs_anomaly_class_label (HsAnomalyClass klass)
{
  static const char * const labels[HS_ANOMALY_CLASS_LAST] = {
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

  g_return_val_if_fail ((guint) klass < HS_ANOMALY_CLASS_LAST, NULL);
  return _(labels[klass]);
}

const char *
hs_anomaly_class_description (HsAnomalyClass klass)
{
  static const char * const descriptions[HS_ANOMALY_CLASS_LAST] = {
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

/* ------------------------------------------------------------------------ */
/* Flags, hex dump                                                           */

char *
hs_tcp_flags_to_string (guint flags)
{
  /* Wireshark 4.0's names, in bit order */
  static const char * const names[] = {
    "FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE",
  };
  GString *str = g_string_new (NULL);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (flags & (1u << i))
        {
          if (str->len > 0)
            g_string_append (str, ", ");
          g_string_append (str, names[i]);
        }
    }

  /* the three reserved bits above AE */
  if (flags & 0xe00)
    {
      if (str->len > 0)
        g_string_append (str, ", ");
      g_string_append (str, "Reserved");
    }

  if (str->len == 0)
    g_string_append (str, "<None>");

  return g_string_free (str, FALSE);
}

/* Lines of 16 bytes, as Wireshark prints them: the offset (4 hex digits, 8
 * beyond 64 KiB), two spaces, the bytes as "xx" separated by one space with
 * one more space after the eighth, three spaces and the bytes as ASCII ('.'
 * for anything not printable).  The last line is padded so that its ASCII
 * column lines up.  Lines are separated by "\n", without one after the
 * last.  With 4-digit offsets the hex of byte i of a line starts at column
 * 6 + 3 i (+ 1 from the ninth) and its character at column 57 + i (see
 * src/handshake/hs-hex-layout.h). */
static int
hex_offset_width (gsize len)
{
  return len > 0x10000 ? 8 : 4;
}

/* The group space before the ninth byte of a 16-byte line. */
static guint
hex_group_space (guint per_line,
                 guint i)
{
  return per_line == 16 && i >= 8 ? 1 : 0;
}

void
hs_hex_dump_columns (gsize  len,
                     guint  per_line,
                     guint  i,
                     guint *hex_column,
                     guint *ascii_column)
{
  int width = hex_offset_width (len);

  g_return_if_fail (per_line == 8 || per_line == 16);
  g_return_if_fail (i < per_line);

  /* the offset, a space, then " xx" per byte with one more space before
   * the ninth of 16, three spaces, and the ASCII column */
  if (hex_column != NULL)
    *hex_column = width + 2 + 3 * i + hex_group_space (per_line, i);
  if (ascii_column != NULL)
    *ascii_column = width + 1 + 3 * per_line + hex_group_space (per_line, per_line - 1) + 3 + i;
}

guint
hs_hex_dump_line_width (gsize len,
                        guint per_line)
{
  guint ascii;

  g_return_val_if_fail (per_line == 8 || per_line == 16, 0);

  hs_hex_dump_columns (len, per_line, per_line - 1, NULL, &ascii);
  return ascii + 1;
}

char *
hs_format_hex_dump (const guint8 *data,
                    gsize         len,
                    guint         per_line)
{
  GString *str;
  int width = hex_offset_width (len);
  gsize line;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (per_line == 8 || per_line == 16, NULL);

  str = g_string_sized_new ((len / per_line + 1) * (hs_hex_dump_line_width (len, per_line) + 1));

  for (line = 0; line < len; line += per_line)
    {
      gsize i;

      if (line > 0)
        g_string_append_c (str, '\n');
      g_string_append_printf (str, "%0*" G_GSIZE_MODIFIER "x ", width, line);

      for (i = 0; i < per_line; i++)
        {
          if (hex_group_space (per_line, i) && i == 8)
            g_string_append_c (str, ' ');
          if (line + i < len)
            g_string_append_printf (str, " %02x", data[line + i]);
          else
            g_string_append (str, "   ");
        }

      g_string_append (str, "   ");
      for (i = 0; i < per_line && line + i < len; i++)
        {
          guint8 c = data[line + i];

          g_string_append_c (str, (c >= 0x20 && c < 0x7f) ? (char) c : '.');
        }
    }

  return g_string_free (str, FALSE);
}

/* ------------------------------------------------------------------------ */
/* The packet's connection and the packets around it                         */

typedef struct
{
  HsCapture            *capture;
  guint                 index;
  const HsPacketRecord *rec;
  const HsConnection   *conn;
  const guint32        *pkts;     /* the connection's packets (0-based indexes) */
  guint                 n_pkts;
  guint                 pos;      /* of `index` in pkts */
} Stream;

static gboolean
stream_init (Stream    *st,
             HsCapture *capture,
             guint      index)
{
  memset (st, 0, sizeof *st);

  if (index >= hs_capture_get_n_packets (capture))
    return FALSE;

  st->capture = capture;
  st->index = index;
  st->rec = hs_capture_get_record (capture, index);

  if (st->rec->stream == HS_NO_STREAM ||
      st->rec->stream >= hs_capture_get_n_connections (capture))
    return FALSE;

  st->conn = hs_capture_get_connection (capture, st->rec->stream);
  st->pkts = hs_capture_get_stream_packets (capture, st->rec->stream, &st->n_pkts);

  st->pos = hs_capture_find_stream_position (capture, st->rec->stream, index);
  return st->pos != G_MAXUINT;
}

static const HsPacketRecord *
stream_record (const Stream *st,
               guint         pos)
{
  return hs_capture_get_record (st->capture, st->pkts[pos]);
}

/* Base (relative 0) of a direction's sequence numbers, as this packet's
 * relative numbers use it. */
static guint32
stream_base (const Stream *st,
             guint         dir)
{
  if (dir == st->rec->direction)
    return st->rec->seq - hs_capture_relative_seq (st->capture, st->index);
  if (st->rec->tcp_flags & HS_TCP_ACK)
    return st->rec->ack - hs_capture_relative_ack (st->capture, st->index);
  return st->conn->endpoint[dir].isn;
}

/* The most recent packet before this one from direction `dir` (any
 * direction when dir > 1) with one of the analysis flags `analysis` and one
 * of the TCP flags `tcp_flags` (0: any), as a stream position; G_MAXUINT if
 * none. */
static guint
stream_find_prev (const Stream *st,
                  guint         dir,
                  guint         analysis,
                  guint         tcp_flags)
{
  guint i;
  guint steps = 0;

  for (i = st->pos; i > 0 && steps < SEARCH_LIMIT; i--, steps++)
    {
      const HsPacketRecord *r = stream_record (st, i - 1);

      if (dir <= 1 && r->direction != dir)
        continue;
      if (analysis != 0 && (r->analysis & analysis) == 0)
        continue;
      if (tcp_flags != 0 && (r->tcp_flags & tcp_flags) == 0)
        continue;
      return i - 1;
    }

  return G_MAXUINT;
}

/* The highest end of the sequence space direction `dir` used before this
 * packet (Wireshark's "next expected sequence number", which zero-window
 * probes do not move unless `probes`); FALSE if that direction sent no
 * segment yet.  `frame_pos` receives the stream position of the segment
 * that reached it. */
static gboolean
stream_prev_max_end (const Stream *st,
                     guint         dir,
                     gboolean      probes,
                     guint32      *end,
                     guint        *frame_pos)
{
  gboolean found = FALSE;
  guint i;
  guint steps = 0;

  for (i = st->pos; i > 0 && steps < SEARCH_LIMIT; i--, steps++)
    {
      const HsPacketRecord *r = stream_record (st, i - 1);
      guint32 e;

      if (r->direction != dir || !is_segment (r) ||
          (!probes && (r->analysis & HS_ANALYSIS_ZERO_WINDOW_PROBE)))
        continue;

      e = segment_end (r);
      if (!found || SEQ_GT (e, *end))
        {
          *end = e;
          *frame_pos = i - 1;
          found = TRUE;
        }
    }

  return found;
}

/* Direction of the client (the side that sent the SYN), -1 if the capture
 * does not show it. */
static int
stream_client_dir (const Stream *st)
{
  guint i;

  for (i = 0; i < st->n_pkts && i < 16; i++)
    {
      const HsPacketRecord *r = stream_record (st, i);

      if (r->decode_status != HS_DECODE_TCP || !(r->tcp_flags & HS_TCP_SYN))
        continue;
      if (r->tcp_flags & HS_TCP_ACK)
        return !r->direction;
      return r->direction;
    }

  return -1;
}

guint
hs_capture_find_original (HsCapture *capture,
                          guint      index)
{
  Stream st;
  guint found = G_MAXUINT;
  guint steps = 0;
  guint i;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), G_MAXUINT);

  if (!stream_init (&st, capture, index) || !is_segment (st.rec))
    return G_MAXUINT;

  for (i = st.pos; i > 0 && steps < SEARCH_LIMIT; i--, steps++)
    {
      const HsPacketRecord *r = stream_record (&st, i - 1);

      if (r->direction != st.rec->direction || !is_segment (r))
        continue;

      /* its data covers this one's first byte */
      if ((guint32)(st.rec->seq - r->seq) < (guint32)(segment_end (r) - r->seq))
        found = st.pkts[i - 1];
    }

  return found;
}

/* The first later packet of the other direction that acknowledges this
 * segment (its acks_frame is this one); G_MAXUINT if none. */
static guint
stream_find_acked_by (const Stream *st)
{
  guint32 frame = st->index + 1;
  guint i;

  for (i = st->pos + 1; i < st->n_pkts && i - st->pos <= SEARCH_LIMIT; i++)
    {
      const HsPacketRecord *r = stream_record (st, i);

      if (r->direction == st->rec->direction ||
          (r->analysis & HS_ANALYSIS_DUPLICATE_ACK))
        continue;
      if (r->related_frame == frame)
        return st->pkts[i];
    }

  return G_MAXUINT;
}

guint
hs_explain_related (HsCapture  *capture,
                    guint       index,
                    guint      *related,
                    HsRelation *roles,
                    guint       max)
{
  Stream st;
  guint n = 0;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), 0);
  g_return_val_if_fail (related != NULL || max == 0, 0);

  if (max == 0 || !stream_init (&st, capture, index))
    return 0;

#define ADD_RELATED(idx, role) \
  G_STMT_START { \
    if (n < max) \
      { \
        related[n] = (idx); \
        if (roles != NULL) \
          roles[n] = (role); \
        n++; \
      } \
  } G_STMT_END

  if (st.rec->analysis & (RETRANSMISSION_FAMILY | HS_ANALYSIS_OUT_OF_ORDER))
    {
      guint orig = hs_capture_find_original (capture, index);

      if (orig != G_MAXUINT)
        ADD_RELATED (orig, HS_RELATION_ORIGINAL);
    }

  if (st.rec->related_frame != HS_NO_FRAME &&
      st.rec->related_frame <= hs_capture_get_n_packets (capture))
    {
      if (st.rec->analysis & HS_ANALYSIS_DUPLICATE_ACK)
        ADD_RELATED (st.rec->related_frame - 1, HS_RELATION_DUPLICATED_ACK);
      else
        ADD_RELATED (st.rec->related_frame - 1, HS_RELATION_ACKED);
    }

  if (is_segment (st.rec))
    {
      guint by = stream_find_acked_by (&st);

      if (by != G_MAXUINT)
        ADD_RELATED (by, HS_RELATION_ACKED_BY);
    }

#undef ADD_RELATED

  return n;
}

/* ------------------------------------------------------------------------ */
/* The packet's bytes, decoded again                                         */

typedef struct
{
  gboolean        ok;                /* bytes were given and decoded */
  HsDecodedPacket dec;
  int             linktype;          /* of the packet's interface, -1 unknown */
  const guint8   *data;
  guint           caplen;
  guint           orig_len;
  const guint8   *tcp;               /* the TCP header, or NULL */
  guint           tcp_captured;      /* bytes of it captured */
  gboolean        tcp_in_frame;      /* it lies in the frame (not in a rebuilt buffer) */
  guint           tcp_offset;        /* its offset in the frame, if so */
  const guint8   *payload;           /* the captured TCP payload, or NULL */
  guint           payload_captured;
  gboolean        payload_in_frame;
  guint           payload_offset;
  const guint8   *rebuilt;           /* where the layers after n_frame_layers lie */
} Decoded;

static void
decoded_init (Decoded   *d,
              HsCapture *capture,
              guint      index,
              GBytes    *bytes)
{
  const HsPacketRecord *rec = hs_capture_get_record (capture, index);
  const guint8 *rebuilt = NULL;
  gsize size = 0;
  guint i;

  memset (d, 0, sizeof *d);
  d->linktype = -1;

  if (rec->iface < hs_capture_get_n_interfaces (capture))
    d->linktype = hs_capture_get_interface (capture, rec->iface)->linktype;

  if (bytes == NULL || d->linktype < 0)
    return;

  d->data = g_bytes_get_data (bytes, &size);
  if (d->data == NULL)
    return;
  d->caplen = (guint) size;
  d->orig_len = MAX (hs_capture_get_orig_len (capture, index), d->caplen);

  /* No defragmenter: a segment rebuilt from IP fragments shows as the
   * fragment it is.  Layers after n_frame_layers lie in a buffer of the
   * decoder (an IPComp payload decompressed); the payload pointer tells
   * where that buffer starts. */
  hs_decode_frame (d->linktype, d->data, d->caplen, d->orig_len, index + 1, NULL, &d->dec);
  d->ok = TRUE;

  for (i = d->dec.n_frame_layers; i < d->dec.n_layers; i++)
    {
      if (d->dec.layers[i].kind == HS_LAYER_PAYLOAD && d->dec.payload != NULL)
        rebuilt = d->dec.payload - d->dec.layers[i].offset;
    }
  d->rebuilt = rebuilt;

  for (i = 0; i < d->dec.n_layers; i++)
    {
      const HsLayer *l = &d->dec.layers[i];
      gboolean in_frame = i < d->dec.n_frame_layers;
      const guint8 *p = NULL;

      if (in_frame)
        p = d->data + l->offset;
      else if (rebuilt != NULL)
        p = rebuilt + l->offset;

      if (l->kind == HS_LAYER_TCP && d->dec.has_tcp_header && p != NULL)
        {
          d->tcp = p;
          d->tcp_captured = l->length;
          d->tcp_in_frame = in_frame;
          d->tcp_offset = in_frame ? l->offset : 0;
        }
      else if (l->kind == HS_LAYER_PAYLOAD && d->dec.payload != NULL)
        {
          d->payload = d->dec.payload;
          d->payload_captured = d->dec.payload_captured;
          d->payload_in_frame = in_frame;
          d->payload_offset = in_frame ? l->offset : 0;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* TCP options                                                               */

typedef struct
{
  guint    offset;   /* from the first option byte */
  guint    length;   /* bytes it takes, as far as captured */
  guint8   kind;
  gboolean bad;      /* an impossible length: nothing after it is parsed */
  gboolean cut;      /* it runs beyond the captured bytes */
} TcpOption;

/* Walks the options: `size` bytes of options according to the data
 * offset, of which `captured` are in the buffer.  Stops after End of
 * Option List, a bad option or one that was cut. */
static gboolean
tcp_option_next (const guint8 *opts,
                 guint         size,
                 guint         captured,
                 guint        *pos,
                 TcpOption    *opt)
{
  guint i = *pos;
  guint limit = MIN (size, captured);
  guint olen;

  if (i >= limit)
    return FALSE;

  memset (opt, 0, sizeof *opt);
  opt->offset = i;
  opt->kind = opts[i];

  if (opt->kind == 0 || opt->kind == 1)
    {
      opt->length = 1;
      *pos = opt->kind == 0 ? size : i + 1;
      return TRUE;
    }

  if (i + 1 >= size)
    {
      opt->bad = TRUE;
      opt->length = limit - i;
      *pos = size;
      return TRUE;
    }
  if (i + 1 >= captured)
    {
      opt->cut = TRUE;
      opt->length = limit - i;
      *pos = size;
      return TRUE;
    }

  olen = opts[i + 1];
  if (olen < 2 || i + olen > size)
    {
      opt->bad = TRUE;
      opt->length = limit - i;
      *pos = size;
      return TRUE;
    }
  if (i + olen > captured)
    {
      opt->cut = TRUE;
      opt->length = limit - i;
      *pos = size;
      return TRUE;
    }

  opt->length = olen;
  *pos = i + olen;
  return TRUE;
}

/* Whether an option of a kind we know has the length it must have. */
static gboolean
tcp_option_valid (const TcpOption *opt)
{
  if (opt->bad || opt->cut)
    return FALSE;

  switch (opt->kind)
    {
    case 2:
      return opt->length == 4;
    case 3:
      return opt->length == 3;
    case 4:
      return opt->length == 2;
    case 5:
      return opt->length > 2 && (opt->length - 2) % 8 == 0;
    case 8:
      return opt->length == 10;
    case 30:
      return opt->length >= 3;
    case 34:
      return opt->length == 2 || (opt->length >= 6 && opt->length <= 18);
    default:
      return TRUE;
    }
}

/* ------------------------------------------------------------------------ */
/* Application summaries (tshark's TLS and HTTP Info texts)                  */

static gboolean
tls_record_header_ok (const guint8 *p,
                      gsize         len)
{
  guint rlen;

  if (len < 5 || p[0] < 20 || p[0] > 24 || p[1] != 3 || p[2] > 4)
    return FALSE;

  rlen = RD16 (p + 3);
  return rlen > 0 && rlen <= 16384 + 2048;
}

static const char *
tls_handshake_name (guint8 type)
{
  /* Wireshark's names: protocol terms, not translated */
  switch (type)
    {
    case 0:   return "Hello Request";
    case 1:   return "Client Hello";
    case 2:   return "Server Hello";
    case 3:   return "Hello Verify Request";
    case 4:   return "New Session Ticket";
    case 5:   return "End of Early Data";
    case 6:   return "Hello Retry Request";
    case 8:   return "Encrypted Extensions";
    case 11:  return "Certificate";
    case 12:  return "Server Key Exchange";
    case 13:  return "Certificate Request";
    case 14:  return "Server Hello Done";
    case 15:  return "Certificate Verify";
    case 16:  return "Client Key Exchange";
    case 20:  return "Finished";
    case 21:  return "Certificate URL";
    case 22:  return "Certificate Status";
    case 23:  return "Supplemental Data";
    case 24:  return "Key Update";
    case 25:  return "Compressed Certificate";
    case 254: return "Message Hash";
    default:  return NULL;
    }
}

static const char *
tls_alert_name (guint8 description)
{
  switch (description)
    {
    case 0:   return "Close Notify";
    case 10:  return "Unexpected Message";
    case 20:  return "Bad Record MAC";
    case 21:  return "Decryption Failed";
    case 22:  return "Record Overflow";
    case 30:  return "Decompression Failure";
    case 40:  return "Handshake Failure";
    case 41:  return "No Certificate";
    case 42:  return "Bad Certificate";
    case 43:  return "Unsupported Certificate";
    case 44:  return "Certificate Revoked";
    case 45:  return "Certificate Expired";
    case 46:  return "Certificate Unknown";
    case 47:  return "Illegal Parameter";
    case 48:  return "Unknown CA";
    case 49:  return "Access Denied";
    case 50:  return "Decode Error";
    case 51:  return "Decrypt Error";
    case 60:  return "Export Restriction";
    case 70:  return "Protocol Version";
    case 71:  return "Insufficient Security";
    case 80:  return "Internal Error";
    case 86:  return "Inappropriate Fallback";
    case 90:  return "User Canceled";
    case 100: return "No Renegotiation";
    case 109: return "Missing Extension";
    case 110: return "Unsupported Extension";
    case 111: return "Certificate Unobtainable";
    case 112: return "Unrecognized Name";
    case 113: return "Bad Certificate Status Response";
    case 114: return "Bad Certificate Hash Value";
    case 115: return "Unknown PSK Identity";
    case 116: return "Certificate Required";
    case 120: return "No Application Protocol";
    default:  return NULL;
    }
}

/* Whether a handshake record holds plaintext messages that fill it exactly
 * (otherwise it is encrypted, like a Finished after Change Cipher Spec). */
static gboolean
tls_handshake_plain (const guint8 *body,
                     guint         len)
{
  guint off = 0;

  while (off + 4 <= len)
    {
      guint32 mlen = ((guint32) body[off + 1] << 16) | ((guint32) body[off + 2] << 8) |
                     body[off + 3];

      if (tls_handshake_name (body[off]) == NULL || off + 4 + mlen > len)
        return FALSE;
      off += 4 + mlen;
    }

  return off == len && len > 0;
}

static void
append_sep (GString    *str,
            const char *text)
{
  if (str->len > 0)
    g_string_append (str, ", ");
  g_string_append (str, text);
}

/* Appends the names of one complete TLS record, as tshark lists them. */
static void
tls_record_names (const guint8 *rec,
                  GString      *names)
{
  guint rlen = RD16 (rec + 3);
  const guint8 *body = rec + 5;

  switch (rec[0])
    {
    case 20:
      append_sep (names, "Change Cipher Spec");
      break;

    case 21:
      if (rlen == 2)
        {
          const char *desc = tls_alert_name (body[1]);
          g_autofree char *level = NULL;
          g_autofree char *text = NULL;

          if (body[0] == 1)
            level = g_strdup ("Warning");
          else if (body[0] == 2)
            level = g_strdup ("Fatal");
          else
            level = g_strdup_printf ("Unknown (%u)", body[0]);
          if (desc != NULL)
            text = g_strdup_printf ("Alert (Level: %s, Description: %s)", level, desc);
          else
            text = g_strdup_printf ("Alert (Level: %s, Description: Unknown (%u))",
                                    level, body[1]);
          append_sep (names, text);
        }
      else
        append_sep (names, "Encrypted Alert");
      break;

    case 22:
      if (tls_handshake_plain (body, rlen))
        {
          guint off = 0;

          while (off + 4 <= rlen)
            {
              guint32 mlen = ((guint32) body[off + 1] << 16) |
                             ((guint32) body[off + 2] << 8) | body[off + 3];

              append_sep (names, tls_handshake_name (body[off]));
              off += 4 + mlen;
            }
        }
      else
        append_sep (names, "Encrypted Handshake Message");
      break;

    case 23:
      append_sep (names, "Application Data");
      break;

    case 24:
      if (rlen >= 3 && (body[0] == 1 || body[0] == 2) && 3 + RD16 (body + 1) + 16 <= rlen)
        append_sep (names, body[0] == 1 ? "Heartbeat Request" : "Heartbeat Response");
      else
        append_sep (names, "Encrypted Heartbeat");
      break;

    default:
      break;
    }
}

/* The names of the complete TLS records at the start of `payload`; returns
 * how many there are (0: the first one continues in later segments). */
static guint
tls_info_names (const guint8 *payload,
                gsize         len,
                GString      *names)
{
  gsize off = 0;
  guint n = 0;

  while (tls_record_header_ok (payload + off, len - off))
    {
      guint rlen = RD16 (payload + off + 3);

      if (off + 5 + rlen > len)
        break;
      tls_record_names (payload + off, names);
      n++;
      off += 5 + rlen;
      if (off >= len)
        break;
    }

  return n;
}

static gboolean
app_tag_is_tls (guint app)
{
  return app >= HS_APP_TLS_CLIENT_HELLO && app <= HS_APP_TLS_OTHER;
}

/* A header of an HTTP message: its value (trimmed), or NULL. */
static char *
http_header (const char *headers,
             gsize       len,
             const char *name)
{
  gsize name_len = strlen (name);
  const char *p = headers;
  const char *end = headers + len;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize)(end - p));
      const char *line_end = eol != NULL ? eol : end;

      if ((gsize)(line_end - p) > name_len && p[name_len] == ':' &&
          g_ascii_strncasecmp (p, name, name_len) == 0)
        {
          const char *v = p + name_len + 1;
          const char *ve = line_end;

          while (v < ve && (*v == ' ' || *v == '\t'))
            v++;
          while (ve > v && (ve[-1] == '\r' || ve[-1] == ' ' || ve[-1] == '\t'))
            ve--;
          return g_strndup (v, (gsize)(ve - v));
        }

      if (eol == NULL)
        break;
      p = eol + 1;
    }

  return NULL;
}

/* Whether a chunked body is complete in `len` captured bytes. */
static gboolean
http_chunked_complete (const guint8 *body,
                       gsize         len)
{
  gsize off = 0;

  while (off < len)
    {
      guint64 size = 0;
      gboolean digits = FALSE;
      const guint8 *eol;

      while (off < len && g_ascii_isxdigit (body[off]))
        {
          size = size * 16 + (guint64) g_ascii_xdigit_value (body[off]);
          digits = TRUE;
          off++;
          if (size > G_MAXUINT32)
            return FALSE;
        }
      if (!digits)
        return FALSE;

      eol = memchr (body + off, '\n', len - off);
      if (eol == NULL)
        return FALSE;
      off = (gsize)(eol - body) + 1;

      if (size == 0)
        return TRUE;   /* trailers: tshark waits for them too, close enough */

      off += size + 2;
    }

  return FALSE;
}

typedef enum
{
  APP_NONE,          /* keep the TCP line */
  APP_SET,           /* replaces the TCP line (HTTP) */
  APP_APPEND,        /* replaces it, after ", " when there is an analysis prefix (TLS) */
  APP_REASSEMBLED,   /* "[TCP segment of a reassembled PDU]" */
  APP_CONTINUED,     /* the TCP line, then " [TCP segment of a reassembled PDU]" */
} AppInfo;

/* tshark's HTTP Info: the first line and a space, then " (media type)" for
 * a message with a body and a Content-Type, or "[TCP segment of a
 * reassembled PDU]" when the headers or the body continue in later
 * segments (a response with neither a length nor chunks lasts until FIN). */
static AppInfo
http_info (const guint8 *payload,
           gsize         len,
           gboolean      response,
           gboolean      reassembled,
           GString      *out)
{
  const char *text = (const char *) payload;
  const char *hdr_end = NULL;
  g_autofree char *content_length = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *encoding = NULL;
  gsize headers_len;
  gsize body_len;
  gsize i;
  guint status = 0;
  gboolean has_body;
  gboolean complete = TRUE;

  for (i = 0; i + 3 < len; i++)
    {
      if (memcmp (text + i, "\r\n\r\n", 4) == 0)
        {
          hdr_end = text + i + 4;
          break;
        }
    }
  if (hdr_end == NULL)
    return APP_REASSEMBLED;

  headers_len = (gsize)(hdr_end - text);
  body_len = len - headers_len;

  for (i = 0; i < headers_len && text[i] != '\r' && text[i] != '\n'; i++)
    {
      guint8 c = payload[i];

      if (c >= 0x20 && c < 0x7f)
        g_string_append_c (out, (char) c);
      else
        g_string_append_printf (out, "\\x%02x", c);
    }
  g_string_append_c (out, ' ');

  content_length = http_header (text, headers_len, "Content-Length");
  content_type = http_header (text, headers_len, "Content-Type");
  encoding = http_header (text, headers_len, "Transfer-Encoding");

  if (response && len >= 12)
    status = (guint) g_ascii_strtoull (text + 9, NULL, 10);

  if (response && ((status >= 100 && status < 200) || status == 204 || status == 304))
    has_body = FALSE;
  else if (content_length != NULL)
    {
      guint64 cl = g_ascii_strtoull (content_length, NULL, 10);

      has_body = cl > 0;
      complete = body_len >= cl;
    }
  else if (encoding != NULL && g_ascii_strcasecmp (encoding, "chunked") == 0)
    {
      has_body = TRUE;
      complete = http_chunked_complete ((const guint8 *) hdr_end, body_len);
    }
  else if (response)
    {
      has_body = TRUE;
      complete = FALSE;
    }
  else
    has_body = FALSE;

  if (!complete && !reassembled)
    {
      g_string_append_printf (out, " %s", _("[TCP segment of a reassembled PDU]"));
      return APP_SET;
    }

  if (has_body && content_type != NULL)
    {
      const guint8 *body = (const guint8 *) hdr_end;
      char *semi = strchr (content_type, ';');
      g_autofree char *lower = NULL;

      if (semi != NULL)
        *semi = 0;
      g_strstrip (content_type);
      lower = g_ascii_strdown (content_type, -1);

      /* what tshark's media dissectors add for the common types */
      if (g_str_equal (lower, "application/json"))
        g_string_append (out, ", JavaScript Object Notation (application/json)");
      else if (g_str_equal (lower, "image/png") && body_len >= 8 &&
               memcmp (body, "\x89PNG\r\n\x1a\n", 8) == 0)
        g_string_append (out, " (PNG)");
      else if (g_str_equal (lower, "image/gif") && body_len >= 6 &&
               (memcmp (body, "GIF87a", 6) == 0 || memcmp (body, "GIF89a", 6) == 0))
        g_string_append_printf (out, " (%.6s)", (const char *) body);
      /* tshark's JFIF dissector takes any JPEG, Exif ones too */
      else if (g_str_has_prefix (lower, "image/jp") && body_len >= 3 &&
               body[0] == 0xff && body[1] == 0xd8 && body[2] == 0xff)
        g_string_append (out, " (JPEG JFIF image)");
      else
        g_string_append_printf (out, " (%s)", lower);
    }

  return APP_SET;
}

/* Whether the connection carries TLS: a TLS record seen in it before this
 * packet, or the HTTPS port. */
static gboolean
stream_is_tls (const Stream *st)
{
  guint i;
  guint steps = 0;

  if (st->conn->endpoint[0].port == 443 || st->conn->endpoint[1].port == 443)
    return TRUE;

  for (i = st->pos; i > 0 && steps < SEARCH_LIMIT; i--, steps++)
    {
      if (app_tag_is_tls (stream_record (st, i - 1)->app))
        return TRUE;
    }

  return FALSE;
}

/* tshark's reassembly hands a segment that starts where an unfinished PDU
 * of an earlier copy starts, and ends inside it, to no dissector: it is
 * "retransmitted TCP segment data" and keeps the TCP line.  The earlier
 * copy was unfinished when it was shorter than a record header (tshark
 * then asked for one more byte) or than the record (`record_len`, 0 when
 * not known). */
static gboolean
stream_resends_pdu_start (const Stream *st,
                          guint         record_len)
{
  guint32 end = st->rec->seq + st->rec->payload_len;
  guint i;
  guint steps = 0;

  for (i = st->pos; i > 0 && steps < SEARCH_LIMIT; i--, steps++)
    {
      const HsPacketRecord *r = stream_record (st, i - 1);
      guint32 pdu_end;

      if (r->direction != st->rec->direction || r->decode_status != HS_DECODE_TCP ||
          r->seq != st->rec->seq || r->payload_len == 0)
        continue;

      if (r->payload_len < 5)
        pdu_end = r->seq + r->payload_len + 1;
      else if (record_len > 0 && r->payload_len < 5 + record_len)
        pdu_end = r->seq + 5 + record_len;
      else
        continue;

      if (SEQ_LE (end, pdu_end))
        return TRUE;
    }

  return FALSE;
}

/* Appends the payload of the stream's packet at `pos` to `message` when it
 * is data of the same direction as this packet; FALSE when its bytes
 * cannot be read back whole. */
static gboolean
append_payload (const Stream *st,
                guint         pos,
                GByteArray   *message)
{
  const HsPacketRecord *r = stream_record (st, pos);
  g_autoptr(GBytes) bytes = NULL;
  Decoded d;

  if (r->direction != st->rec->direction || r->payload_len == 0)
    return TRUE;

  bytes = hs_capture_read_packet (st->capture, st->pkts[pos], NULL);
  decoded_init (&d, st->capture, st->pkts[pos], bytes);
  if (!d.ok || d.payload == NULL || d.payload_captured != r->payload_len)
    return FALSE;

  g_byte_array_append (message, d.payload, d.payload_captured);
  return TRUE;
}

/* tshark reassembles an HTTP message whose headers give its length: each
 * later segment that does not finish it keeps the TCP line and gets
 * " [TCP segment of a reassembled PDU]", and the one that finishes it shows
 * the message ("HTTP/1.1 200 OK  (text/html)").  Only for a message sent in
 * order, without losses or retransmissions, whose first segment holds all
 * its headers and a Content-Length, or chunks (read back up to
 * CHUNKED_SEGMENTS segments); anything else keeps the TCP line. */
#define CHUNKED_SEGMENTS 64

static AppInfo
http_continuation (const Stream *st,
                   GString      *out,
                   guint        *start_out)
{
  const HsPacketRecord *rec = st->rec;
  guint32 expected = rec->seq;
  guint start = G_MAXUINT;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GByteArray) message = NULL;
  g_autofree char *content_length = NULL;
  g_autofree char *encoding = NULL;
  const HsPacketRecord *first;
  const char *text;
  const char *hdr_end;
  guint64 length;
  guint32 msg_end;
  guint32 seg_end;
  Decoded fd;
  gsize headers_len;
  guint steps = 0;
  guint i;

  if (rec->payload_len == 0 || stream_is_tls (st))
    return APP_NONE;

  /* back to the message's first segment, through contiguous data */
  for (i = st->pos; i > 0 && steps < SEARCH_LIMIT; i--)
    {
      const HsPacketRecord *r = stream_record (st, i - 1);

      if (r->direction != rec->direction || r->payload_len == 0)
        {
          if (r->direction == rec->direction && (r->tcp_flags & (HS_TCP_FIN | HS_TCP_RST)))
            return APP_NONE;
          continue;
        }
      steps++;
      if (r->decode_status != HS_DECODE_TCP ||
          (r->analysis & (RETRANSMISSION_FAMILY | HS_ANALYSIS_OUT_OF_ORDER |
                          HS_ANALYSIS_LOST_SEGMENT)) ||
          r->seq + r->payload_len != expected)
        return APP_NONE;
      if (r->app == HS_APP_HTTP_REQUEST || r->app == HS_APP_HTTP_RESPONSE)
        {
          start = i - 1;
          break;
        }
      if (r->app != HS_APP_NONE)
        return APP_NONE;
      expected = r->seq;
    }
  if (start == G_MAXUINT)
    return APP_NONE;
  if (start_out != NULL)
    *start_out = start;

  first = stream_record (st, start);
  bytes = hs_capture_read_packet (st->capture, st->pkts[start], NULL);
  decoded_init (&fd, st->capture, st->pkts[start], bytes);
  if (!fd.ok || fd.payload == NULL || fd.payload_captured != first->payload_len)
    return APP_NONE;

  text = (const char *) fd.payload;
  hdr_end = g_strstr_len (text, fd.payload_captured, "\r\n\r\n");
  if (hdr_end == NULL)
    return APP_NONE;
  headers_len = (gsize)(hdr_end + 4 - text);
  content_length = http_header (text, headers_len, "Content-Length");
  encoding = http_header (text, headers_len, "Transfer-Encoding");
  seg_end = rec->seq + rec->payload_len;
  message = g_byte_array_new ();
  g_byte_array_append (message, fd.payload, fd.payload_captured);

  if (content_length != NULL)
    {
      if (!g_ascii_string_to_unsigned (content_length, 10, 0, G_MAXUINT32, &length, NULL) ||
          headers_len + length <= first->payload_len)
        return APP_NONE;

      msg_end = first->seq + (guint32)(headers_len + length);
      if (SEQ_LT (seg_end, msg_end))
        return APP_CONTINUED;
      if (seg_end != msg_end)
        return APP_NONE;

      /* the beginning of the body, for the media type tshark names from
       * the bytes (PNG, GIF, JPEG) */
      for (i = start + 1; i <= st->pos && message->len < headers_len + 16; i++)
        if (!append_payload (st, i, message))
          break;
    }
  else if (encoding != NULL && g_ascii_strcasecmp (encoding, "chunked") == 0)
    {
      gsize before;

      if (http_chunked_complete (fd.payload + headers_len, fd.payload_captured - headers_len) ||
          st->pos - start > CHUNKED_SEGMENTS)
        return APP_NONE;

      /* every segment of the message so far */
      for (i = start + 1; i < st->pos; i++)
        if (!append_payload (st, i, message))
          return APP_NONE;
      before = message->len;
      if (http_chunked_complete (message->data + headers_len, before - headers_len) ||
          !append_payload (st, st->pos, message) || message->len != before + rec->payload_len)
        return APP_NONE;
      if (!http_chunked_complete (message->data + headers_len, message->len - headers_len))
        return APP_CONTINUED;
    }
  else
    return APP_NONE;

  return http_info (message->data, message->len, first->app == HS_APP_HTTP_RESPONSE, TRUE, out);
}

/* What tshark's application dissectors make of the payload. */
static AppInfo
info_app (const Stream  *st,
          const Decoded *d,
          GString       *out)
{
  const HsPacketRecord *rec = st->rec;

  /* tshark (tcp.no_subdissector_on_error) does not dissect plain
   * retransmissions and out-of-order segments; fast and spurious
   * retransmissions it does */
  if ((rec->analysis & HS_ANALYSIS_OUT_OF_ORDER) ||
      ((rec->analysis & HS_ANALYSIS_RETRANSMISSION) &&
       !(rec->analysis & (HS_ANALYSIS_FAST_RETRANSMISSION |
                          HS_ANALYSIS_SPURIOUS_RETRANSMISSION))))
    return APP_NONE;

  if (rec->payload_len == 0 || rec->decode_status != HS_DECODE_TCP)
    return APP_NONE;

  if (!d->ok)
    {
      /* no bytes: the generic name the record's tag gives */
      switch (rec->app)
        {
        case HS_APP_TLS_CLIENT_HELLO:
          g_string_append (out, "Client Hello");
          return APP_APPEND;
        case HS_APP_TLS_SERVER_HELLO:
          g_string_append (out, "Server Hello");
          return APP_APPEND;
        case HS_APP_TLS_HANDSHAKE:
          g_string_append (out, "Handshake");
          return APP_APPEND;
        case HS_APP_TLS_CHANGE_CIPHER_SPEC:
          g_string_append (out, "Change Cipher Spec");
          return APP_APPEND;
        case HS_APP_TLS_APPLICATION_DATA:
          g_string_append (out, "Application Data");
          return APP_APPEND;
        case HS_APP_TLS_ALERT:
          g_string_append (out, "Alert");
          return APP_APPEND;
        case HS_APP_TLS_OTHER:
          g_string_append (out, "TLS");
          return APP_APPEND;
        case HS_APP_HTTP_REQUEST:
          g_string_append (out, _("HTTP request"));
          return APP_SET;
        case HS_APP_HTTP_RESPONSE:
          g_string_append (out, _("HTTP response"));
          return APP_SET;
        case HS_APP_NONE:
          /* the end of an HTTP message: its start's bytes are read back */
          return http_continuation (st, out, NULL);
        default:
          return APP_NONE;
        }
    }

  if (d->payload == NULL || d->payload_captured == 0)
    return APP_NONE;

  if (tls_record_header_ok (d->payload, d->payload_captured))
    {
      if (tls_info_names (d->payload, d->payload_captured, out) > 0)
        return APP_APPEND;
      if (stream_resends_pdu_start (st, RD16 (d->payload + 3)))
        return APP_NONE;
      return APP_REASSEMBLED;
    }

  if (d->payload_captured < 5 && d->payload[0] >= 20 && d->payload[0] <= 24 &&
      stream_is_tls (st))
    {
      /* too short to say how long the record is: tshark waits for more */
      if (stream_resends_pdu_start (st, 0))
        return APP_NONE;
      return APP_REASSEMBLED;
    }

  switch (hs_decode_app_tag (d->payload, d->payload_captured))
    {
    case HS_APP_HTTP_REQUEST:
      return http_info (d->payload, d->payload_captured, FALSE, FALSE, out);
    case HS_APP_HTTP_RESPONSE:
      return http_info (d->payload, d->payload_captured, TRUE, FALSE, out);
    default:
      return http_continuation (st, out, NULL);
    }
}

/* ------------------------------------------------------------------------ */
/* The Info column                                                           */

static HsAnalysisFlags
retransmission_kind (guint analysis)
{
  if (analysis & HS_ANALYSIS_SPURIOUS_RETRANSMISSION)
    return HS_ANALYSIS_SPURIOUS_RETRANSMISSION;
  if (analysis & HS_ANALYSIS_FAST_RETRANSMISSION)
    return HS_ANALYSIS_FAST_RETRANSMISSION;
  return HS_ANALYSIS_RETRANSMISSION;
}

/* The analysis flags in the order tshark prepends them to the Info column
 * (TCP-ANALYSIS.md 1.14); the retransmission family shows one label. */
static const guint info_flag_order[] = {
  HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK,
  HS_ANALYSIS_ZERO_WINDOW,
  HS_ANALYSIS_ZERO_WINDOW_PROBE,
  HS_ANALYSIS_DUPLICATE_ACK,
  HS_ANALYSIS_KEEP_ALIVE_ACK,
  HS_ANALYSIS_KEEP_ALIVE,
  HS_ANALYSIS_WINDOW_FULL,
  HS_ANALYSIS_WINDOW_UPDATE,
  HS_ANALYSIS_ACK_LOST_SEGMENT,
  HS_ANALYSIS_LOST_SEGMENT,
  HS_ANALYSIS_OUT_OF_ORDER,
  RETRANSMISSION_FAMILY,
  HS_ANALYSIS_REUSED_PORTS,
};

static void
append_analysis_labels (GString              *str,
                        const HsPacketRecord *rec)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (info_flag_order); i++)
    {
      guint flag = info_flag_order[i];

      if ((rec->analysis & flag) == 0)
        continue;
      if (flag == RETRANSMISSION_FAMILY)
        flag = retransmission_kind (rec->analysis);

      if (flag == HS_ANALYSIS_DUPLICATE_ACK)
        g_string_append_printf (str, "[%s %u#%u] ", hs_analysis_flag_label (flag),
                                rec->related_frame, hs_packet_record_dupack_num (rec));
      else
        g_string_append_printf (str, "[%s] ", hs_analysis_flag_label (flag));
    }
}

/* The options tshark shows in the Info column, in the order they come;
 * with `sack_only`, only the SACK blocks. */
static void
append_info_options (GString       *str,
                     const Stream  *st,
                     const Decoded *d,
                     gboolean       sack_only)
{
  const guint8 *opts;
  guint size;
  guint captured;
  guint pos = 0;
  TcpOption opt;

  if (d->tcp == NULL || d->dec.header_len <= 20 || d->tcp_captured <= 20)
    return;

  opts = d->tcp + 20;
  size = d->dec.header_len - 20u;
  captured = d->tcp_captured - 20u;

  while (tcp_option_next (opts, size, captured, &pos, &opt))
    {
      const guint8 *o = opts + opt.offset;

      if (!tcp_option_valid (&opt))
        break;
      if (sack_only && opt.kind != 5)
        continue;

      switch (opt.kind)
        {
        case 2:
          g_string_append_printf (str, " MSS=%u", RD16 (o + 2));
          break;

        case 3:
          g_string_append_printf (str, " WS=%u", 1u << MIN (o[2], 14));
          break;

        case 4:
          g_string_append (str, " SACK_PERM");
          break;

        case 5:
          {
            guint32 base = stream_base (st, !st->rec->direction);
            guint b;

            for (b = 2; b + 8 <= opt.length; b += 8)
              g_string_append_printf (str, " SLE=%u SRE=%u", RD32 (o + b) - base,
                                      RD32 (o + b + 4) - base);
          }
          break;

        case 8:
          g_string_append_printf (str, " TSval=%u TSecr=%u", RD32 (o + 2), RD32 (o + 6));
          break;

        case 19:
          g_string_append (str, " MD5");
          break;

        case 34:
          g_string_append (str, opt.length == 2 ? " TFO=R" : " TFO=C");
          break;

        default:
          break;
        }
    }
}

/* "51234 → 443 [ACK] Seq=1 Ack=1 Win=501 Len=0 …" */
static void
append_tcp_line (GString       *str,
                 const Stream  *st,
                 const Decoded *d)
{
  const HsPacketRecord *rec = st->rec;
  guint bits = rec->tcp_flags;
  g_autofree char *flags = NULL;

  if (d->tcp != NULL && d->tcp_captured >= 14)
    bits |= (guint)(d->tcp[12] & 0x0e) << 8;
  flags = hs_tcp_flags_to_string (bits);

  g_string_append_printf (str, "%u → %u [%s] Seq=%u",
                          st->conn->endpoint[rec->direction].port,
                          st->conn->endpoint[!rec->direction].port,
                          flags, hs_capture_relative_seq (st->capture, st->index));
  if (rec->tcp_flags & HS_TCP_ACK)
    g_string_append_printf (str, " Ack=%u", hs_capture_relative_ack (st->capture, st->index));
  g_string_append_printf (str, " Win=%u", hs_packet_record_window (rec));

  if (rec->decode_status != HS_DECODE_TCP)
    {
      /* the data offset points beyond the segment: no length known */
      g_string_append (str, _("[Malformed Packet]"));
      return;
    }

  if ((rec->tcp_flags & HS_TCP_URG) && d->tcp != NULL)
    g_string_append_printf (str, " Urg=%u", d->dec.urgent);

  if (rec->problems & HS_PROBLEM_BAD_HEADER_LENGTH)
    {
      if (d->ok && d->dec.has_tcp_header)
        g_string_append_printf (str, _(", bogus TCP header length (%u, must be at least 20)"),
                                d->dec.header_len);
      else
        g_string_append (str, _(", bogus TCP header length (must be at least 20)"));
      return;
    }

  g_string_append_printf (str, " Len=%u", rec->payload_len);
  append_info_options (str, st, d, FALSE);
}

static const char *
ip_proto_name (guint proto)
{
  switch (proto)
    {
    case 0:   return "IPv6 Hop-by-Hop Option";
    case 1:   return "ICMP";
    case 2:   return "IGMP";
    case 4:   return "IPIP";
    case 6:   return "TCP";
    case 17:  return "UDP";
    case 41:  return "IPv6";
    case 43:  return "Routing Header for IPv6";
    case 44:  return "Fragment Header for IPv6";
    case 47:  return "GRE";
    case 50:  return "ESP";
    case 51:  return "AH";
    case 58:  return "ICMPv6";
    case 59:  return "IPv6 No Next Header";
    case 60:  return "Destination Options for IPv6";
    case 89:  return "OSPF";
    case 103: return "PIM";
    case 108: return "IPComp";
    case 112: return "VRRP";
    case 132: return "SCTP";
    default:  return NULL;
    }
}

static const char *
ethertype_name (guint type)
{
  switch (type)
    {
    case 0x0800: return "IPv4";
    case 0x0806: return "ARP";
    case 0x86dd: return "IPv6";
    case 0x8100: return "802.1Q Virtual LAN";
    case 0x88a8: return "802.1ad Provider Bridge (Q-in-Q)";
    case 0x8847: return "MPLS label switched packet";
    case 0x8848: return "MPLS multicast label switched packet";
    case 0x8863: return "PPPoE Discovery";
    case 0x8864: return "PPPoE Session";
    case 0x880b: return "PPP";
    case 0x88cc: return "802.1 Link Layer Discovery Protocol (LLDP)";
    case 0x888e: return "802.1X Authentication";
    case 0x8035: return "RARP";
    default:     return NULL;
    }
}

/* Info for a packet that is not an analysed TCP segment. */
static char *
info_not_tcp (const HsPacketRecord *rec,
              const Decoded        *d)
{
  const HsLayer *last = NULL;

  switch (rec->decode_status)
    {
    case HS_DECODE_UNSUPPORTED_LINK:
      return g_strdup_printf (_("Link type %d (%s): not decoded"), d->linktype,
                              hs_decode_linktype_name (d->linktype));

    case HS_DECODE_MALFORMED:
      if (d->ok && d->dec.problem_text != NULL)
        return g_strdup_printf (_("Malformed: %s"), d->dec.problem_text);
      return g_strdup (_("Malformed packet"));

    case HS_DECODE_FRAGMENT:
      if (d->ok && d->dec.ip_version != 0)
        {
          const char *proto = ip_proto_name (d->dec.ip_proto);

          if (proto != NULL)
            return g_strdup_printf (_("IPv%u fragment (%s)"), d->dec.ip_version, proto);
          return g_strdup_printf (_("IPv%u fragment (protocol %u)"), d->dec.ip_version,
                                  d->dec.ip_proto);
        }
      return g_strdup (_("IP fragment"));

    case HS_DECODE_ICMP_QUOTED:
      if (d->ok)
        return g_strdup_printf (_("ICMP error quoting TCP %u → %u"), d->dec.sport,
                                d->dec.dport);
      return g_strdup (_("ICMP error quoting a TCP header"));

    case HS_DECODE_NOT_TCP:
    case HS_DECODE_TCP:
    default:
      break;
    }

  if (!d->ok)
    return g_strdup (_("Not TCP"));

  if (d->dec.n_frame_layers > 0)
    last = &d->dec.layers[d->dec.n_frame_layers - 1];

  if (last != NULL && last->kind == HS_LAYER_UDP && last->length >= 8 &&
      last->offset + 8u <= d->caplen)
    {
      const guint8 *u = d->data + last->offset;

      return g_strdup_printf ("UDP %u → %u Len=%u", RD16 (u), RD16 (u + 2),
                              RD16 (u + 4) >= 8 ? RD16 (u + 4) - 8 : 0);
    }

  if (last != NULL && last->kind == HS_LAYER_ICMP && last->offset + 2u <= d->caplen)
    {
      const guint8 *c = d->data + last->offset;

      return g_strdup_printf ("%s type %u, code %u", last->detail == 6 ? "ICMPv6" : "ICMP",
                              c[0], c[1]);
    }

  if (d->dec.ip_version != 0)
    {
      const char *proto = ip_proto_name (d->dec.ip_proto);

      if (proto != NULL)
        return g_strdup_printf ("IPv%u %s", d->dec.ip_version, proto);
      return g_strdup_printf (_("IPv%u protocol %u"), d->dec.ip_version, d->dec.ip_proto);
    }

  if (d->linktype == HS_LINKTYPE_ETHERNET && d->caplen >= 14)
    {
      guint type = RD16 (d->data + 12);
      const char *name;

      /* skip VLAN tags */
      if (last != NULL && last->kind == HS_LAYER_VLAN && last->offset + 4u <= d->caplen)
        type = RD16 (d->data + last->offset + 2);
      name = ethertype_name (type);
      if (name != NULL)
        return g_strdup (name);
      if (type <= 1500)
        return g_strdup (_("IEEE 802.3 frame"));
      return g_strdup_printf (_("Ethernet type 0x%04x"), type);
    }

  return g_strdup (_("Not TCP"));
}

char *
hs_explain_info (HsCapture *capture,
                 guint      index,
                 GBytes    *bytes)
{
  const HsPacketRecord *rec;
  g_autoptr(GString) app = NULL;
  g_autoptr(GBytes) read_back = NULL;
  GString *str;
  Decoded d;
  Stream st;
  gsize prefix_len;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (index < hs_capture_get_n_packets (capture), NULL);

  rec = hs_capture_get_record (capture, index);
  /* an HTTP message's first line is in its bytes; HTTP messages are few,
   * so they are read back when the caller (the packet list) passes none */
  if (bytes == NULL && (rec->app == HS_APP_HTTP_REQUEST || rec->app == HS_APP_HTTP_RESPONSE))
    bytes = read_back = hs_capture_read_packet (capture, index, NULL);
  decoded_init (&d, capture, index, bytes);

  if (!stream_init (&st, capture, index))
    return info_not_tcp (rec, &d);

  str = g_string_new (NULL);
  app = g_string_new (NULL);

  append_analysis_labels (str, rec);
  prefix_len = str->len;

  switch (info_app (&st, &d, app))
    {
    case APP_SET:
      g_string_append (str, app->str);
      break;

    case APP_APPEND:
      if (prefix_len > 0)
        g_string_append (str, ", ");
      g_string_append (str, app->str);
      break;

    case APP_REASSEMBLED:
      if (prefix_len > 0)
        g_string_append_c (str, ' ');
      g_string_append (str, _("[TCP segment of a reassembled PDU]"));
      break;

    case APP_CONTINUED:
      append_tcp_line (str, &st, &d);
      g_string_append_printf (str, " %s", _("[TCP segment of a reassembled PDU]"));
      break;

    case APP_NONE:
    default:
      append_tcp_line (str, &st, &d);
      break;
    }

  return g_string_free (str, FALSE);
}

char *
hs_explain_info_options (HsCapture *capture,
                         guint      index,
                         GBytes    *bytes,
                         gboolean   sack_only)
{
  GString *str;
  Decoded d;
  Stream st;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (index < hs_capture_get_n_packets (capture), NULL);

  str = g_string_new (NULL);
  decoded_init (&d, capture, index, bytes);
  if (stream_init (&st, capture, index) && st.rec->decode_status == HS_DECODE_TCP &&
      !(st.rec->problems & HS_PROBLEM_BAD_HEADER_LENGTH))
    append_info_options (str, &st, &d, sack_only);

  return g_string_free (str, FALSE);
}

/* The application-layer part of the Info column alone ("Client Hello",
 * "GET /index.html HTTP/1.1"), or NULL when the packet has none. */
char *
hs_explain_app_summary (HsCapture *capture,
                        guint      index,
                        GBytes    *bytes)
{
  const HsPacketRecord *rec;
  g_autoptr(GString) app = NULL;
  g_autoptr(GBytes) read_back = NULL;
  Decoded d;
  Stream st;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (index < hs_capture_get_n_packets (capture), NULL);

  /* data may end an HTTP message that started earlier */
  rec = hs_capture_get_record (capture, index);
  if (rec->app == HS_APP_NONE && rec->payload_len == 0)
    return NULL;

  /* as in hs_explain_info(): an HTTP message's line needs its bytes */
  if (bytes == NULL && (rec->app == HS_APP_HTTP_REQUEST || rec->app == HS_APP_HTTP_RESPONSE))
    bytes = read_back = hs_capture_read_packet (capture, index, NULL);
  decoded_init (&d, capture, index, bytes);
  if (!stream_init (&st, capture, index))
    return NULL;

  app = g_string_new (NULL);
  switch (info_app (&st, &d, app))
    {
    case APP_SET:
    case APP_APPEND:
      return g_string_free (g_steal_pointer (&app), FALSE);

    case APP_NONE:
    case APP_REASSEMBLED:
    case APP_CONTINUED:
    default:
      return NULL;
    }
}

/* ------------------------------------------------------------------------ */
/* The explanation                                                           */

typedef struct
{
  Stream      st;
  Decoded     d;
  GPtrArray  *pool;
  GPtrArray  *paras;      /* of char *, joined by blank lines */
  const char *who[2];     /* in a sentence: "the client", or "10.0.0.1:50412" */
  const char *Who[2];     /* starting one: "The client", or the endpoint */
  const char *role[2];    /* as a line label: "Client", or the endpoint */
  const char *addr[2];    /* "10.0.0.1" */
  guint32     base[2];    /* relative 0 of each direction */
  guint32     rseq;       /* this packet's relative numbers */
  guint32     rack;
} Explain;

static void
para (Explain *e,
      char    *text)
{
  g_ptr_array_add (e->paras, text);
}

/* Relative number of a raw sequence number of direction `dir`. */
static guint32
rel (const Explain *e,
     guint          dir,
     guint32        raw)
{
  return raw - e->base[dir];
}

static guint
frame_of (const Explain *e,
          guint          pos)
{
  return e->st.pkts[pos] + 1;
}

static gint64
ns_since (const Explain *e,
          guint          pos)
{
  return e->st.rec->ts_ns - stream_record (&e->st, pos)->ts_ns;
}

static void
explain_init (Explain   *e,
              HsCapture *capture,
              guint      index,
              GBytes    *bytes)
{
  const HsConnection *conn;
  int client;
  guint dir;

  memset (e, 0, sizeof *e);
  e->pool = g_ptr_array_new_with_free_func (g_free);
  e->paras = g_ptr_array_new_with_free_func (g_free);
  decoded_init (&e->d, capture, index, bytes);

  if (!stream_init (&e->st, capture, index))
    return;

  conn = e->st.conn;
  client = stream_client_dir (&e->st);

  for (dir = 0; dir < 2; dir++)
    {
      e->addr[dir] = keep (e->pool, hs_format_address (conn->ip_version,
                                                       conn->endpoint[dir].addr));
      e->base[dir] = stream_base (&e->st, dir);

      if (client >= 0)
        {
          gboolean is_client = (int) dir == client;

          e->who[dir] = is_client ? _("the client") : _("the server");
          e->Who[dir] = is_client ? _("The client") : _("The server");
          e->role[dir] = is_client ? _("Client") : _("Server");
        }
      else
        {
          e->who[dir] = keep (e->pool, hs_connection_dup_endpoint (conn, dir));
          e->Who[dir] = e->who[dir];
          e->role[dir] = e->who[dir];
        }
    }

  e->rseq = hs_capture_relative_seq (capture, index);
  e->rack = hs_capture_relative_ack (capture, index);
}

static void
explain_clear (Explain *e)
{
  g_clear_pointer (&e->pool, g_ptr_array_unref);
  g_clear_pointer (&e->paras, g_ptr_array_unref);
}

/* Between two sentences of a paragraph: a space, except after a wide
 * character, such as the full-width punctuation that ends a Chinese
 * sentence ("。", "，", "："), which takes none. */
static void
append_sentence_space (GString *str)
{
  const char *last;

  if (str->len == 0)
    return;

  last = g_utf8_find_prev_char (str->str, str->str + str->len);
  if (last != NULL && g_unichar_iswide (g_utf8_get_char (last)))
    return;

  g_string_append_c (str, ' ');
}

/* `text` (freed) and `more` as one paragraph. */
static char *
join_sentences (char       *text,
                const char *more)
{
  GString *str = g_string_new (text);

  g_free (text);
  append_sentence_space (str);
  g_string_append (str, more);

  return g_string_free (str, FALSE);
}

/* "MSS 1,460 bytes, window scale 7 (windows ×128), SACK and timestamps",
 * from the packet's bytes; NULL without them. */
static char *
syn_options_text (Explain *e)
{
  const HsDecodedPacket *dec = &e->d.dec;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  GString *str;
  guint i;

  if (!e->d.ok || !dec->has_tcp_header)
    return NULL;

  if (dec->has_mss)
    g_ptr_array_add (items, g_strdup_printf (_("MSS %s"), count_bytes (e->pool, dec->mss)));
  if (dec->has_wscale)
    g_ptr_array_add (items, g_strdup_printf (_("window scale %u (windows ×%s)"), dec->wscale,
                                             count (e->pool, 1u << MIN (dec->wscale, 14))));
  if (dec->sack_permitted)
    g_ptr_array_add (items, g_strdup (_("SACK")));
  if (dec->has_timestamps)
    g_ptr_array_add (items, g_strdup (_("timestamps")));
  if (dec->has_tfo)
    g_ptr_array_add (items, g_strdup (_("TCP Fast Open")));
  if (dec->has_mptcp)
    g_ptr_array_add (items, g_strdup (_("Multipath TCP")));

  if (items->len == 0)
    return g_strdup (_("It offers no TCP options."));

  str = g_string_new (g_ptr_array_index (items, 0));
  for (i = 1; i < items->len; i++)
    {
      const char *item = g_ptr_array_index (items, i);

      if (i + 1 == items->len)
        /* Translators: before the last item of a list: "MSS 1,460 bytes, SACK and timestamps" */
        g_string_append_printf (str, _(" and %s"), item);
      else
        g_string_append_printf (str, _(", %s"), item);
    }

  {
    g_autofree char *list = g_string_free (str, FALSE);

    return g_strdup_printf (_("It offers %s."), list);
  }
}

static void
explain_syn (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  g_autofree char *options = syn_options_text (e);
  char *text;

  if (!(rec->tcp_flags & HS_TCP_ACK))
    {
      text = g_strdup_printf (_("First step of the three-way handshake: %s asks %s to open a "
                                "connection to port %u and announces its initial sequence "
                                "number (%u; shown as relative sequence number 0). The SYN "
                                "itself takes one sequence number, so the data will start at "
                                "relative byte 1."),
                              e->addr[dir], e->addr[!dir], e->st.conn->endpoint[!dir].port,
                              rec->seq);
    }
  else
    {
      text = g_strdup_printf (_("Second step of the three-way handshake: %s accepts the "
                                "connection. It acknowledges the SYN with Ack=%u (the SYN took "
                                "one sequence number) and announces its own initial sequence "
                                "number (%u; shown as relative sequence number 0)."),
                              e->addr[dir], e->rack, rec->seq);
    }

  if (options != NULL)
    text = join_sentences (text, options);

  /* options only one side offered */
  if ((rec->tcp_flags & HS_TCP_ACK) && e->d.ok && e->d.dec.has_tcp_header)
    {
      const HsEndpoint *peer = &e->st.conn->endpoint[!dir];

      if (peer->syn_seen && peer->has_wscale != e->d.dec.has_wscale)
        text = join_sentences (text, _("Only one side offered window scaling, so neither side "
                                       "scales its window."));
      if (peer->syn_seen && peer->sack_permitted != e->d.dec.sack_permitted)
        text = join_sentences (text, _("Only one side offered SACK, so it is not used."));
    }

  para (e, text);
}

/* Whether this RST answers the peer's SYN (the packet before it): a
 * refused connection. */
static gboolean
rst_refuses_syn (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  const HsPacketRecord *prev = e->st.pos > 0 ? stream_record (&e->st, e->st.pos - 1) : NULL;

  return (rec->tcp_flags & HS_TCP_RST) && prev != NULL && prev->direction != rec->direction &&
         (prev->tcp_flags & (HS_TCP_SYN | HS_TCP_ACK)) == HS_TCP_SYN;
}

static void
explain_rst (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  const HsPacketRecord *prev = e->st.pos > 0 ? stream_record (&e->st, e->st.pos - 1) : NULL;

  if (rst_refuses_syn (e))
    {
      para (e, g_strdup_printf (_("Reset: %s refuses the connection. Nothing accepts "
                                  "connections on port %u there (or a firewall rejects them), "
                                  "so it answers the SYN of frame %u with a RST, and the "
                                  "connection attempt ends here."),
                                e->addr[dir], e->st.conn->endpoint[dir].port,
                                frame_of (e, e->st.pos - 1)));
      return;
    }

  /* the SYN/ACK of a connection this side does not know (RFC 9293 3.10.7.4) */
  if (prev != NULL && prev->direction != dir &&
      (prev->tcp_flags & (HS_TCP_SYN | HS_TCP_ACK)) == (HS_TCP_SYN | HS_TCP_ACK) &&
      hs_packet_record_receiver_state (rec) == HS_TCP_STATE_LISTEN)
    {
      para (e, g_strdup_printf (_("Reset: %s answers the SYN/ACK of frame %u with a RST: it has "
                                  "no connection attempt this SYN/ACK belongs to (it did not "
                                  "send that SYN, or it has given up on it). %s, which was "
                                  "waiting in SYN-RECEIVED for the last step of the handshake, "
                                  "drops the half-open connection and goes back to LISTEN."),
                                e->who[dir], frame_of (e, e->st.pos - 1), e->Who[!dir]));
      return;
    }

  para (e, g_strdup_printf (_("Reset (RST): %s aborts the connection at once. Unlike a FIN, a "
                              "RST does not wait for data to be delivered or acknowledged: "
                              "both sides forget the connection immediately and data still "
                              "in flight is lost. Typical causes: the application closed the "
                              "connection while unread data was waiting, a timeout, or a "
                              "segment for a connection this host does not know."),
                            e->who[dir]));
}

/* The stream position of the first FIN of the connection, G_MAXUINT if none. */
static guint
stream_first_fin (const Stream *st)
{
  guint i;

  for (i = 0; i <= st->pos && i < SEARCH_LIMIT; i++)
    {
      const HsPacketRecord *r = stream_record (st, i);

      if (r->decode_status == HS_DECODE_TCP && (r->tcp_flags & HS_TCP_FIN))
        return i;
    }

  return G_MAXUINT;
}

static void
explain_fin (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  HsTcpState state = hs_packet_record_sender_state (rec);
  guint peer_fin = stream_find_prev (&e->st, !dir, 0, HS_TCP_FIN);

  if (state == HS_TCP_STATE_FIN_WAIT_1)
    {
      para (e, g_strdup_printf (_("First FIN: %s has no more data to send and starts closing "
                                  "the connection; it moves to FIN-WAIT-1. %s may still send "
                                  "data until it closes its side with a FIN too."),
                                e->who[dir], e->Who[!dir]));
      return;
    }

  if (state == HS_TCP_STATE_LAST_ACK && peer_fin != G_MAXUINT)
    {
      guint32 fin_end = segment_end (stream_record (&e->st, peer_fin));
      gboolean acked_before = FALSE;
      guint i;

      for (i = peer_fin + 1; i < e->st.pos; i++)
        {
          const HsPacketRecord *r = stream_record (&e->st, i);

          if (r->direction == dir && (r->tcp_flags & HS_TCP_ACK) && SEQ_LE (fin_end, r->ack))
            {
              acked_before = TRUE;
              break;
            }
        }

      if (acked_before)
        para (e, g_strdup_printf (_("Second FIN: %s, which already acknowledged the FIN of "
                                    "frame %u, has no more data to send either and closes its "
                                    "side; it moves to LAST-ACK and waits for the last ACK. "
                                    "This is the third packet of a four-packet teardown."),
                                  e->who[dir], frame_of (e, peer_fin)));
      else
        para (e, g_strdup_printf (_("Second FIN, together with the ACK of the FIN of frame "
                                    "%u: %s has no more data to send either and closes its "
                                    "side; it moves to LAST-ACK and waits for the last ACK. "
                                    "Because one packet carries both the ACK and the FIN, this "
                                    "teardown takes three packets instead of four."),
                                  frame_of (e, peer_fin), e->who[dir]));
      return;
    }

  if (state == HS_TCP_STATE_CLOSING)
    {
      para (e, g_strdup_printf (_("FIN: %s closes its side while its own FIN crosses the FIN "
                                  "of %s: both sides close at the same time (simultaneous "
                                  "close), and %s moves to CLOSING."),
                                e->who[dir], e->who[!dir], e->who[dir]));
      return;
    }

  para (e, g_strdup_printf (_("FIN: %s has no more data to send."), e->who[dir]));
}

/* Sentence about the frame an ACK acknowledges, or NULL. */
static char *
acked_frame_text (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  const HsPacketRecord *acked;
  guint n = hs_capture_get_n_packets (e->st.capture);

  if (rec->related_frame == HS_NO_FRAME || rec->related_frame > n ||
      (rec->analysis & HS_ANALYSIS_DUPLICATE_ACK))
    return NULL;

  acked = hs_capture_get_record (e->st.capture, rec->related_frame - 1);

  return g_strdup_printf (_("frame %u carried the last of them, RTT %s"), rec->related_frame,
                          duration (e->pool, rec->ts_ns - acked->ts_ns));
}

static char *
window_text (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;

  if (rec->win_scale_state == 1 && rec->window != 0)
    return g_strdup_printf (_("Its window field is %s; the scale factor is unknown because the "
                              "handshake was not captured, so the real window may be larger."),
                            count (e->pool, rec->window));

  return g_strdup_printf (_("Its window says it can receive %s more."),
                          count_bytes (e->pool, hs_packet_record_window (rec)));
}

/* The number of packets from the first FIN to this one, when all of them
 * are part of the teardown (no data); 0 otherwise. */
static guint
teardown_packets (Explain *e)
{
  guint first = stream_first_fin (&e->st);
  guint i;

  if (first == G_MAXUINT || first > e->st.pos)
    return 0;

  for (i = first; i <= e->st.pos; i++)
    {
      const HsPacketRecord *r = stream_record (&e->st, i);

      if (r->payload_len > 0 || (r->tcp_flags & (HS_TCP_RST | HS_TCP_SYN)) ||
          (r->analysis & RETRANSMISSION_FAMILY))
        return 0;
    }

  return e->st.pos - first + 1;
}

static void
explain_ack (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  const HsPacketRecord *acked = NULL;
  HsTcpState state = hs_packet_record_sender_state (rec);
  g_autofree char *window = NULL;
  g_autofree char *frame = NULL;

  if (rec->related_frame != HS_NO_FRAME &&
      rec->related_frame <= hs_capture_get_n_packets (e->st.capture) &&
      !(rec->analysis & HS_ANALYSIS_DUPLICATE_ACK))
    acked = hs_capture_get_record (e->st.capture, rec->related_frame - 1);

  if (acked != NULL && (acked->tcp_flags & (HS_TCP_SYN | HS_TCP_ACK)) == (HS_TCP_SYN | HS_TCP_ACK))
    {
      para (e, g_strdup_printf (_("Third step of the three-way handshake: %s acknowledges the "
                                  "SYN/ACK of frame %u (Ack=%u). The connection is now "
                                  "established and both sides can send data."),
                                e->addr[dir], rec->related_frame, e->rack));
      return;
    }

  if (state == HS_TCP_STATE_TIME_WAIT && (acked == NULL || (acked->tcp_flags & HS_TCP_FIN)))
    {
      guint n = teardown_packets (e);
      guint fin = stream_find_prev (&e->st, !dir, 0, HS_TCP_FIN);
      char *text;

      if (fin != G_MAXUINT)
        text = g_strdup_printf (_("Last packet of the teardown: %s acknowledges the FIN of frame "
                                  "%u and moves to TIME-WAIT. It waits there for twice the "
                                  "maximum segment lifetime (2 MSL), so that it can repeat this "
                                  "ACK if it gets lost; %s closes as soon as the ACK arrives."),
                                e->who[dir], frame_of (e, fin), e->who[!dir]);
      else
        text = g_strdup_printf (_("Last packet of the teardown: %s acknowledges the FIN of %s "
                                  "and moves to TIME-WAIT."), e->who[dir], e->who[!dir]);
      para (e, text);

      if (n == 3)
        para (e, g_strdup (_("This teardown took three packets (FIN, FIN+ACK, ACK): the second "
                             "side acknowledged the first FIN and sent its own in one packet.")));
      else if (n == 4)
        para (e, g_strdup (_("This teardown took the classic four packets: FIN, ACK, FIN, "
                             "ACK.")));
      return;
    }

  if (state == HS_TCP_STATE_CLOSE_WAIT && acked != NULL && (acked->tcp_flags & HS_TCP_FIN))
    {
      para (e, g_strdup_printf (_("Acknowledges the FIN of frame %u: %s knows now that %s has "
                                  "finished sending and moves to CLOSE-WAIT, and %s moves to "
                                  "FIN-WAIT-2. %s may still send data before it closes its own "
                                  "side with a FIN."),
                                rec->related_frame, e->who[dir], e->who[!dir], e->who[!dir],
                                e->Who[dir]));
      return;
    }

  if (acked != NULL && (acked->tcp_flags & HS_TCP_FIN) && acked->payload_len == 0)
    {
      para (e, g_strdup_printf (_("Acknowledges the FIN of frame %u."), rec->related_frame));
      return;
    }

  /* the flags with a paragraph of their own say what such an ACK means */
  if (rec->analysis & (HS_ANALYSIS_DUPLICATE_ACK | HS_ANALYSIS_WINDOW_UPDATE |
                       HS_ANALYSIS_KEEP_ALIVE_ACK | HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK |
                       HS_ANALYSIS_KEEP_ALIVE))
    return;

  window = window_text (e);
  frame = acked_frame_text (e);
  if (frame != NULL)
    para (e, g_strdup_printf (_("Acknowledges everything up to byte %u: %s has received all "
                                "bytes before it (%s). %s"),
                              e->rack, e->who[dir], frame, window));
  else
    para (e, g_strdup_printf (_("Acknowledges everything up to byte %u: %s has received all "
                                "bytes before it. %s"),
                              e->rack, e->who[dir], window));
}

static void
explain_data (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint32 bif = hs_packet_record_bytes_in_flight (rec);
  GString *str = g_string_new (NULL);

  /* a SYN's data starts one past its sequence number */
  guint32 first = e->rseq + ((rec->tcp_flags & HS_TCP_SYN) ? 1 : 0);

  g_string_append_printf (str, _("Data: %s from %s, bytes %u–%u of its byte stream (relative "
                                 "sequence numbers)."),
                          count_bytes (e->pool, rec->payload_len), e->who[dir],
                          first, first + rec->payload_len - 1);

  if (e->d.ok && e->d.payload != NULL && e->d.payload_captured > 0)
    {
      g_autofree char *summary = hs_decode_app_summary (e->d.payload, e->d.payload_captured);

      if (summary != NULL)
        {
          append_sentence_space (str);
          switch (hs_decode_app_tag (e->d.payload, e->d.payload_captured))
            {
            case HS_APP_HTTP_REQUEST:
              g_string_append_printf (str, _("The payload is an HTTP request: %s."), summary);
              break;
            case HS_APP_HTTP_RESPONSE:
              g_string_append_printf (str, _("The payload is an HTTP response: %s."), summary);
              break;
            default:
              /* "TLS Client Hello" */
              g_string_append_printf (str, _("The payload is %s."), summary);
              break;
            }
        }
      else
        {
          /* the rest of an HTTP message that began in an earlier segment */
          g_autoptr(GString) line = g_string_new (NULL);
          guint start = G_MAXUINT;
          AppInfo part = http_continuation (&e->st, line, &start);

          if ((part == APP_SET || part == APP_CONTINUED) && start != G_MAXUINT)
            {
              gboolean response = stream_record (&e->st, start)->app == HS_APP_HTTP_RESPONSE;

              append_sentence_space (str);
              if (part == APP_SET && response)
                g_string_append_printf (str, _("It completes the HTTP response that began in "
                                               "frame %u."), frame_of (e, start));
              else if (part == APP_SET)
                g_string_append_printf (str, _("It completes the HTTP request that began in "
                                               "frame %u."), frame_of (e, start));
              else if (response)
                g_string_append_printf (str, _("It continues the HTTP response that began in "
                                               "frame %u."), frame_of (e, start));
              else
                g_string_append_printf (str, _("It continues the HTTP request that began in "
                                               "frame %u."), frame_of (e, start));
            }
        }
    }

  if (bif > 0)
    {
      append_sentence_space (str);
      g_string_append_printf (str, _("%s are now in flight: sent by %s but not yet "
                                     "acknowledged."),
                              count_bytes (e->pool, bif), e->who[dir]);
    }

  if (rec->tcp_flags & HS_TCP_ACK)
    {
      g_autofree char *frame = acked_frame_text (e);

      if (frame != NULL)
        {
          append_sentence_space (str);
          g_string_append_printf (str, _("It also acknowledges everything up to byte %u (%s)."),
                                  e->rack, frame);
        }
    }

  para (e, g_string_free (str, FALSE));
}

/* "13, 15 and 17": the frames of the duplicate ACKs a fast retransmission
 * answers (the run of the peer's dup ACKs asking for this sequence number). */
static char *
dup_ack_frames (Explain *e,
                guint   *n_out)
{
  const HsPacketRecord *rec = e->st.rec;
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (guint));
  GString *str;
  guint steps = 0;
  guint i;

  for (i = e->st.pos; i > 0 && steps < SEARCH_LIMIT; i--, steps++)
    {
      const HsPacketRecord *r = stream_record (&e->st, i - 1);
      guint frame = frame_of (e, i - 1);

      if (r->direction == rec->direction)
        continue;
      if (r->ack != rec->seq)
        break;
      if (r->analysis & HS_ANALYSIS_DUPLICATE_ACK)
        g_array_prepend_val (frames, frame);
    }

  *n_out = frames->len;
  if (frames->len == 0)
    return NULL;

  str = g_string_new (NULL);
  for (i = 0; i < frames->len; i++)
    {
      if (i > 0)
        g_string_append (str, i + 1 == frames->len ? _(" and ") : _(", "));
      g_string_append_printf (str, "%u", g_array_index (frames, guint, i));
    }

  return g_string_free (str, FALSE);
}

/* Whether the first SACK block of the packet is a D-SACK (RFC 2883 4): it
 * lies below the ACK number, or inside the second block. */
static gboolean
first_sack_is_dsack (const Explain *e)
{
  const HsDecodedPacket *dec = &e->d.dec;

  if (!e->d.ok || dec->n_sack == 0)
    return FALSE;
  if (SEQ_LE (dec->sack_right[0], e->st.rec->ack))
    return TRUE;
  return dec->n_sack > 1 && SEQ_LE (dec->sack_left[1], dec->sack_left[0]) &&
         SEQ_LE (dec->sack_right[0], dec->sack_right[1]);
}

/* "1–1000, 2897–4344": the packet's SACK blocks from `first` on, in the
 * peer's relative numbers. */
static char *
sack_blocks_text (const Explain *e,
                  guint          first)
{
  const HsDecodedPacket *dec = &e->d.dec;
  guint dir = e->st.rec->direction;
  GString *blocks = g_string_new (NULL);
  guint i;

  for (i = first; i < dec->n_sack; i++)
    {
      if (i > first)
        g_string_append (blocks, _(", "));
      g_string_append_printf (blocks, "%u–%u", rel (e, !dir, dec->sack_left[i]),
                              rel (e, !dir, dec->sack_right[i]) - 1);
    }

  return g_string_free (blocks, FALSE);
}

/* A duplicate ACK whose first SACK block is a D-SACK: the receiver got
 * those bytes twice; nothing is missing below the ACK number. */
static void
explain_dsack (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  const HsDecodedPacket *dec = &e->d.dec;
  guint dir = rec->direction;
  guint32 left = dec->sack_left[0];
  guint32 right = dec->sack_right[0];
  guint copy = G_MAXUINT;
  guint steps = 0;
  GString *str = g_string_new (NULL);
  guint i;

  /* the latest copy of those bytes the capture saw arrive */
  for (i = e->st.pos; i > 0 && steps < SEARCH_LIMIT; i--, steps++)
    {
      const HsPacketRecord *r = stream_record (&e->st, i - 1);

      if (r->direction != dir && r->payload_len > 0 && SEQ_LE (r->seq, left) &&
          SEQ_LE (right, r->seq + r->payload_len))
        {
          copy = i - 1;
          break;
        }
    }

  if (SEQ_LE (right, rec->ack))
    g_string_append_printf (str, _("This is duplicate ACK #%u of frame %u, and its first SACK "
                                   "block (bytes %u–%u) is a D-SACK (duplicate SACK, RFC 2883): "
                                   "it lies below the ACK number (%u), so it reports data that "
                                   "%s received twice."),
                            hs_packet_record_dupack_num (rec), rec->related_frame,
                            rel (e, !dir, left), rel (e, !dir, right) - 1, e->rack, e->who[dir]);
  else
    g_string_append_printf (str, _("This is duplicate ACK #%u of frame %u, and its first SACK "
                                   "block (bytes %u–%u) is a D-SACK (duplicate SACK, RFC 2883): "
                                   "it lies inside its second SACK block, so it reports data "
                                   "that %s received twice."),
                            hs_packet_record_dupack_num (rec), rec->related_frame,
                            rel (e, !dir, left), rel (e, !dir, right) - 1, e->who[dir]);

  if (copy != G_MAXUINT && (stream_record (&e->st, copy)->analysis & RETRANSMISSION_FAMILY))
    {
      append_sentence_space (str);
      g_string_append_printf (str, _("The second copy is the retransmission of frame %u: the "
                                     "first one had arrived, so that retransmission was not "
                                     "needed (spurious)."),
                              frame_of (e, copy));
    }
  else
    {
      append_sentence_space (str);
      g_string_append (str, _("Most often the second copy is a spurious retransmission: the "
                              "first one had arrived, but its ACK came too late or was lost."));
    }

  append_sentence_space (str);
  if (SEQ_LE (right, rec->ack) && dec->n_sack == 1)
    {
      g_string_append_printf (str, _("Nothing is missing: %s has every byte before %u, and "
                                     "this ACK repeats the last one only to carry the "
                                     "D-SACK."),
                              e->who[dir], e->rack);
    }
  else
    {
      g_autofree char *blocks = sack_blocks_text (e, 1);

      g_string_append_printf (str, _("%s is still waiting for bytes %u onwards; its other SACK "
                                     "blocks tell which later bytes did arrive: %s."),
                              e->Who[dir], e->rack, blocks);
    }

  para (e, g_string_free (str, FALSE));
}

static void
explain_dup_ack (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint n = hs_packet_record_dupack_num (rec);
  GString *str = g_string_new (NULL);
  guint i;

  if (first_sack_is_dsack (e))
    {
      g_string_free (str, TRUE);
      explain_dsack (e);
      return;
    }

  g_string_append_printf (str, _("This is duplicate ACK #%u of frame %u: %s again acknowledges "
                                 "only up to byte %u because a segment after it has not "
                                 "arrived; it is still waiting for bytes %u onwards."),
                          n, rec->related_frame, e->who[dir], e->rack, e->rack);

  if (e->d.ok && e->d.dec.n_sack > 0)
    {
      g_autofree char *blocks = sack_blocks_text (e, 0);

      append_sentence_space (str);
      g_string_append_printf (str, _("Its SACK option tells %s which later bytes did arrive: "
                                     "%s."), e->who[!dir], blocks);
    }

  append_sentence_space (str);
  if (n < 3)
    {
      g_string_append (str, _("Three duplicate ACKs make the sender retransmit the missing "
                              "segment at once (fast retransmission)."));
    }
  else
    {
      guint fast = G_MAXUINT;

      for (i = e->st.pos + 1; i < e->st.n_pkts && i - e->st.pos <= SEARCH_LIMIT; i++)
        {
          const HsPacketRecord *r = stream_record (&e->st, i);

          if (r->direction != dir && r->seq == rec->ack &&
              (r->analysis & HS_ANALYSIS_FAST_RETRANSMISSION))
            {
              fast = i;
              break;
            }
        }

      if (fast != G_MAXUINT)
        g_string_append_printf (str, _("After three duplicate ACKs the sender should resend "
                                       "byte %u at once, without waiting for its timer (fast "
                                       "retransmission); it does so in frame %u."),
                                e->rack, frame_of (e, fast));
      else
        g_string_append_printf (str, _("After three duplicate ACKs the sender should resend "
                                       "byte %u at once, without waiting for its timer (fast "
                                       "retransmission)."),
                                e->rack);
    }

  para (e, g_string_free (str, FALSE));
}

static void
explain_retransmission (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint orig = hs_capture_find_original (e->st.capture, e->st.index);
  guint32 last = e->rseq + rec->payload_len - 1;
  const char *ago = NULL;

  if (orig != G_MAXUINT)
    ago = duration (e->pool, rec->ts_ns - hs_capture_get_record (e->st.capture, orig)->ts_ns);

  if (rec->payload_len == 0 &&
      (rec->tcp_flags & (HS_TCP_SYN | HS_TCP_ACK)) == (HS_TCP_SYN | HS_TCP_ACK))
    {
      if (orig != G_MAXUINT)
        para (e, g_strdup_printf (_("Retransmission: this SYN/ACK was already sent in frame %u, "
                                    "%s earlier, and it was not acknowledged in time, so %s "
                                    "sends it again."), orig + 1, ago, e->who[dir]));
      else
        para (e, g_strdup_printf (_("Retransmission: this SYN/ACK was sent before and not "
                                    "acknowledged in time, so %s sends it again."),
                                  e->who[dir]));
      return;
    }

  if (rec->payload_len == 0 && (rec->tcp_flags & HS_TCP_SYN))
    {
      if (orig != G_MAXUINT)
        para (e, g_strdup_printf (_("Retransmission: this SYN was already sent in frame %u, %s "
                                    "earlier, and no answer arrived in time, so %s sends it "
                                    "again."), orig + 1, ago, e->who[dir]));
      else
        para (e, g_strdup_printf (_("Retransmission: this SYN was sent before, and no answer "
                                    "arrived in time, so %s sends it again."), e->who[dir]));
      return;
    }

  if (rec->payload_len == 0)
    {
      if (orig != G_MAXUINT)
        para (e, g_strdup_printf (_("Retransmission: this FIN was already sent in frame %u, %s "
                                    "earlier, and was not acknowledged in time, so %s sends it "
                                    "again."), orig + 1, ago, e->who[dir]));
      else
        para (e, g_strdup_printf (_("Retransmission: this FIN was sent before and not "
                                    "acknowledged in time, so %s sends it again."),
                                  e->who[dir]));
      return;
    }

  if (orig != G_MAXUINT)
    para (e, g_strdup_printf (_("Retransmission: bytes %u–%u were already sent in frame %u, %s "
                                "earlier. No acknowledgement for them arrived in time (the "
                                "retransmission timer expired), so %s sends them again."),
                              e->rseq, last, orig + 1, ago, e->who[dir]));
  else
    para (e, g_strdup_printf (_("Retransmission: %s already sent bytes %u–%u before, but that "
                                "first transmission is not in the capture. No acknowledgement "
                                "arrived in time, so it sends them again."),
                              e->who[dir], e->rseq, last));
}

static void
explain_fast_retransmission (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint orig = hs_capture_find_original (e->st.capture, e->st.index);
  guint32 last = e->rseq + rec->payload_len - 1;
  guint n_dup = 0;
  g_autofree char *frames = dup_ack_frames (e, &n_dup);
  g_autofree char *dups = NULL;
  GString *str = g_string_new (NULL);

  if (frames != NULL)
    dups = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u duplicate ACK (frame %s)",
                                         "%u duplicate ACKs (frames %s)", n_dup),
                            n_dup, frames);
  else
    dups = g_strdup (_("duplicate ACKs"));

  g_string_append_printf (str, _("Fast retransmission: %s received %s asking for byte %u, so "
                                 "it resends bytes %u–%u at once, without waiting for its "
                                 "retransmission timer."),
                          e->who[dir], dups, e->rseq, e->rseq, last);
  if (orig != G_MAXUINT)
    {
      append_sentence_space (str);
      g_string_append_printf (str, _("They were first sent in frame %u, %s earlier."), orig + 1,
                              duration (e->pool, rec->ts_ns -
                                                 hs_capture_get_record (e->st.capture,
                                                                        orig)->ts_ns));
    }

  para (e, g_string_free (str, FALSE));
}

static void
explain_spurious (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint32 end = segment_end (rec);
  guint orig = hs_capture_find_original (e->st.capture, e->st.index);
  guint found = G_MAXUINT;
  guint steps = 0;
  guint i;
  GString *str = g_string_new (NULL);

  /* the earliest of the peer's latest ACKs that already covered the data */
  for (i = e->st.pos; i > 0 && steps < SEARCH_LIMIT; i--, steps++)
    {
      const HsPacketRecord *r = stream_record (&e->st, i - 1);

      if (r->direction == dir || !(r->tcp_flags & HS_TCP_ACK))
        continue;
      if (!SEQ_LE (end, r->ack))
        break;
      found = i - 1;
    }

  if (found != G_MAXUINT)
    g_string_append_printf (str, _("Spurious retransmission: %s had already acknowledged these "
                                   "bytes (frame %u acknowledged everything up to byte %u) "
                                   "before this copy was sent, so sending them again was not "
                                   "necessary."),
                            e->who[!dir], frame_of (e, found),
                            rel (e, dir, stream_record (&e->st, found)->ack));
  else
    g_string_append_printf (str, _("Spurious retransmission: %s had already acknowledged these "
                                   "bytes before this copy was sent, so sending them again was "
                                   "not necessary."), e->who[!dir]);

  append_sentence_space (str);
  g_string_append (str, _("Usually the ACK was delayed or lost on its way back, or the "
                          "sender’s retransmission timer was too short."));

  if (orig != G_MAXUINT)
    {
      append_sentence_space (str);
      g_string_append_printf (str, _("The data was first sent in frame %u."), orig + 1);
    }

  para (e, g_string_free (str, FALSE));
}

/* Wireshark 4.0 calls a segment out-of-order by timing alone: it comes
 * before data sent earlier, less than the initial RTT (or 3 ms) after that
 * data.  Say only what the capture shows: a copy seen before makes it a
 * retransmission; ACKs that asked for it make it a retransmission when it
 * came a round trip later; otherwise it was reordered or resent. */
static void
explain_out_of_order (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint32 last = e->rseq + MAX (rec->payload_len, 1u) - 1;
  gint64 irtt = e->st.conn->irtt_ns;
  guint copy = G_MAXUINT;
  guint asked = G_MAXUINT;
  guint n_dup = 0;
  guint steps = 0;
  guint32 end = 0;
  guint pos = G_MAXUINT;
  gboolean has_later;
  g_autofree char *later = NULL;
  GString *str = g_string_new (NULL);
  guint i;

  has_later = stream_prev_max_end (&e->st, dir, FALSE, &end, &pos);
  if (has_later)
    later = g_strdup_printf (_("%s had already sent data up to byte %u (frame %u), %s before"),
                             e->who[dir], rel (e, dir, end) - 1, frame_of (e, pos),
                             duration (e->pool, ns_since (e, pos)));

  for (i = e->st.pos; i > 0 && steps < SEARCH_LIMIT; i--, steps++)
    {
      const HsPacketRecord *r = stream_record (&e->st, i - 1);

      if (r->direction == dir && r->payload_len > 0 && SEQ_LE (r->seq, rec->seq) &&
          SEQ_LT (rec->seq, r->seq + r->payload_len))
        {
          copy = i - 1;
          break;
        }
      /* the receiver's ACKs that reported the gap: dup ACKs, SACK blocks */
      if (r->direction != dir && (r->tcp_flags & HS_TCP_ACK) && r->ack == rec->seq &&
          ((r->analysis & HS_ANALYSIS_DUPLICATE_ACK) || r->has_sack))
        {
          asked = i - 1;
          if (r->analysis & HS_ANALYSIS_DUPLICATE_ACK)
            n_dup++;
        }
    }

  if (copy != G_MAXUINT)
    {
      g_string_append_printf (str, _("Out-of-order, as Wireshark 4.0 calls it: bytes %u–%u were "
                                     "already sent in frame %u, %s earlier, so this is a second "
                                     "copy of them, a retransmission."),
                              e->rseq, last, frame_of (e, copy),
                              duration (e->pool, ns_since (e, copy)));
    }
  else if (asked != G_MAXUINT && n_dup > 0)
    {
      g_autofree char *ago = g_strdup (duration (e->pool, ns_since (e, asked)));

      g_string_append_printf (str, g_dngettext (GETTEXT_PACKAGE,
                                                "Out-of-order, as Wireshark 4.0 calls it: this "
                                                "segment (bytes %u–%u) fills the gap that %s "
                                                "reported: from frame %u on, %s acknowledged "
                                                "only up to byte %u while later data arrived "
                                                "(%u duplicate ACK).",
                                                "Out-of-order, as Wireshark 4.0 calls it: this "
                                                "segment (bytes %u–%u) fills the gap that %s "
                                                "reported: from frame %u on, %s acknowledged "
                                                "only up to byte %u while later data arrived "
                                                "(%u duplicate ACKs).", n_dup),
                              e->rseq, last, e->who[!dir], frame_of (e, asked), e->who[!dir],
                              e->rseq, n_dup);
      append_sentence_space (str);
      if (irtt > 0 && ns_since (e, asked) * 2 >= irtt)
        g_string_append_printf (str, _("It comes %s after the first of those ACKs, about a round "
                                       "trip later, so it is most likely the retransmission "
                                       "(often a fast retransmission) of a segment lost before "
                                       "the capture point, whose first copy the capture never "
                                       "saw."),
                                ago);
      else
        g_string_append_printf (str, _("It comes %s after the first of those ACKs: either it was "
                                       "delayed and overtaken on the way (reordered), or it is "
                                       "the retransmission of a segment lost before the capture "
                                       "point."),
                                ago);
    }
  else if (has_later)
    {
      g_string_append_printf (str, _("Out-of-order: this segment carries bytes %u–%u, but %s: it "
                                     "arrived after later data. Either it was delayed and "
                                     "overtaken on the way (reordered), or it is the "
                                     "retransmission of a segment lost before the capture "
                                     "point, whose first copy the capture never saw."),
                              e->rseq, last, later);
    }
  else
    {
      g_string_append_printf (str, _("Out-of-order: this segment carries bytes %u–%u, which come "
                                     "before data %s had already sent."),
                              e->rseq, last, e->who[dir]);
    }

  if (later != NULL && (copy != G_MAXUINT || (asked != G_MAXUINT && n_dup > 0)))
    {
      append_sentence_space (str);
      if (irtt > 0)
        g_string_append_printf (str, _("Wireshark decides by timing alone: %s, less than the "
                                       "connection’s initial round-trip time (%s), so it says "
                                       "out-of-order rather than retransmission."),
                                later, duration (e->pool, irtt));
      else
        g_string_append_printf (str, _("Wireshark decides by timing alone: %s, less than 3 ms "
                                       "(the connection’s initial round-trip time is not "
                                       "known), so it says out-of-order rather than "
                                       "retransmission."),
                                later);
    }

  para (e, g_string_free (str, FALSE));
}

static void
explain_lost (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint32 end;
  guint pos;

  if (stream_prev_max_end (&e->st, dir, FALSE, &end, &pos) && SEQ_LT (end, rec->seq))
    para (e, g_strdup_printf (_("Previous segment not captured: this segment starts at byte "
                                "%u, but the data %s sent before ended at byte %u (frame %u). "
                                "The %s in between (bytes %u–%u) are missing from the capture: "
                                "they were lost on the way (then a retransmission will follow) "
                                "or the capture missed them."),
                              e->rseq, e->who[dir], rel (e, dir, end) - 1, frame_of (e, pos),
                              count_bytes (e->pool, rec->seq - end), rel (e, dir, end),
                              e->rseq - 1));
  else
    para (e, g_strdup_printf (_("Previous segment not captured: this segment starts at byte "
                                "%u, after data from %s that is missing from the capture."),
                              e->rseq, e->who[dir]));
}

static void
explain_ack_unseen (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint32 end;
  guint pos;

  if (stream_prev_max_end (&e->st, !dir, TRUE, &end, &pos) && SEQ_LE (rec->ack, end))
    para (e, g_strdup_printf (_("ACKed unseen segment: Wireshark flags this ACK (Ack=%u), but "
                                "the capture did see all the data it acknowledges (frame %u). "
                                "This is a known false alarm of Wireshark 4.0, after a segment "
                                "that overlaps data sent before or a zero-window probe byte "
                                "the receiver kept."),
                              e->rack, frame_of (e, pos)));
  else if (stream_prev_max_end (&e->st, !dir, TRUE, &end, &pos))
    para (e, g_strdup_printf (_("ACKed unseen segment: this ACK says that %s has every byte "
                                "before %u, but the capture has seen data from %s only up to "
                                "byte %u. The receiver got segments that are not in the "
                                "capture: the capture point missed them (it started late, "
                                "dropped packets, or the traffic took another path)."),
                              e->who[dir], e->rack, e->who[!dir], rel (e, !dir, end) - 1));
  else
    para (e, g_strdup_printf (_("ACKed unseen segment: this ACK acknowledges data from %s that "
                                "the capture never saw: the capture point missed those "
                                "segments."), e->who[!dir]));
}

static void
explain_zero_window (Explain *e)
{
  guint dir = e->st.rec->direction;

  para (e, g_strdup_printf (_("Zero window: %s advertises a receive window of 0 bytes. Its "
                              "receive buffer is full because the application is not reading "
                              "the data fast enough. %s must stop sending data; it probes the "
                              "window from time to time (zero-window probes) until the window "
                              "opens again (a window update)."),
                            e->who[dir], e->Who[!dir]));
}

static void
explain_zero_window_probe (Explain *e)
{
  guint dir = e->st.rec->direction;
  guint zw = stream_find_prev (&e->st, !dir, HS_ANALYSIS_ZERO_WINDOW, 0);

  if (zw != G_MAXUINT)
    para (e, g_strdup_printf (_("Zero-window probe: the window of %s is 0 (frame %u), so %s "
                                "sends a single byte (byte %u) to ask whether there is room "
                                "again. The answer carries the current window."),
                              e->who[!dir], frame_of (e, zw), e->who[dir], e->rseq));
  else
    para (e, g_strdup_printf (_("Zero-window probe: the window of %s is 0, so %s sends a "
                                "single byte (byte %u) to ask whether there is room again. The "
                                "answer carries the current window."),
                              e->who[!dir], e->who[dir], e->rseq));
}

static void
explain_zero_window_probe_ack (Explain *e)
{
  guint dir = e->st.rec->direction;
  guint probe = stream_find_prev (&e->st, !dir, HS_ANALYSIS_ZERO_WINDOW_PROBE, 0);

  if (probe != G_MAXUINT)
    para (e, g_strdup_printf (_("Zero-window probe ACK: %s answers the probe of frame %u: its "
                                "window is still 0, so %s must keep waiting."),
                              e->who[dir], frame_of (e, probe), e->who[!dir]));
  else
    para (e, g_strdup_printf (_("Zero-window probe ACK: %s answers a zero-window probe: its "
                                "window is still 0, so %s must keep waiting."),
                              e->who[dir], e->who[!dir]));
}

static void
explain_window_full (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint peer = stream_find_prev (&e->st, !dir, 0, 0);
  GString *str = g_string_new (NULL);

  if (peer != G_MAXUINT)
    {
      const HsPacketRecord *p = stream_record (&e->st, peer);

      guint32 allowed = rel (e, dir, p->ack) + hs_packet_record_window (p);

      g_string_append_printf (str, _("Window full: this segment fills the receive window of %s "
                                     "exactly. The last acknowledgement (%u, frame %u) plus the "
                                     "advertised window (%s) allow bytes up to %u, and this "
                                     "segment ends at byte %u."),
                              e->who[!dir], rel (e, dir, p->ack), frame_of (e, peer),
                              count_bytes (e->pool, hs_packet_record_window (p)),
                              allowed - 1, e->rseq + rec->payload_len - 1);
    }
  else
    g_string_append_printf (str, _("Window full: this segment fills the receive window of %s "
                                   "exactly."), e->who[!dir]);

  append_sentence_space (str);
  g_string_append_printf (str, _("%s cannot send more until %s acknowledges data or opens its "
                                 "window. This is seen from where the capture was taken: ACKs "
                                 "already on their way may have moved the window."),
                          e->Who[dir], e->who[!dir]);

  para (e, g_string_free (str, FALSE));
}

static void
explain_window_update (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint prev = stream_find_prev (&e->st, dir, 0, 0);
  guint32 now = hs_packet_record_window (rec);

  /* with SACK blocks it says more than its window: a gap */
  if (prev != G_MAXUINT && e->d.ok && e->d.dec.n_sack > 0 && !first_sack_is_dsack (e))
    {
      g_autofree char *blocks = sack_blocks_text (e, 0);
      guint32 before = hs_packet_record_window (stream_record (&e->st, prev));

      para (e, g_strdup_printf (_("Window update: %s acknowledges nothing new, but its receive "
                                  "window changed from %s to %s. Its SACK option tells %s which "
                                  "later bytes did arrive (%s): it is still waiting for bytes "
                                  "%u onwards."),
                                e->who[dir], count_bytes (e->pool, before),
                                count_bytes (e->pool, now), e->who[!dir], blocks, e->rack));
    }
  else if (prev != G_MAXUINT)
    {
      guint32 before = hs_packet_record_window (stream_record (&e->st, prev));

      if (before == 0)
        para (e, g_strdup_printf (_("Window update: %s sends no data and acknowledges nothing "
                                    "new; it only announces that its receive window grew from "
                                    "0 to %s. The window is open again, so %s may send data "
                                    "again."),
                                  e->who[dir], count_bytes (e->pool, now), e->who[!dir]));
      else
        para (e, g_strdup_printf (_("Window update: %s sends no data and acknowledges nothing "
                                    "new; it only announces that its receive window changed "
                                    "from %s to %s."),
                                  e->who[dir], count_bytes (e->pool, before),
                                  count_bytes (e->pool, now)));
    }
  else
    para (e, g_strdup_printf (_("Window update: %s only announces a new receive window of %s."),
                              e->who[dir], count_bytes (e->pool, now)));
}

/* The peer's last packet before this keep-alive, when it advertised a
 * zero window (G_MAXUINT otherwise): Linux probes a zero window with a
 * keep-alive's shape, and Wireshark 4.0 flags it as a keep-alive
 * (TCP-ANALYSIS.md 1.1). */
static guint
stream_zero_window_before (const Stream *st)
{
  guint peer = stream_find_prev (st, !st->rec->direction, 0, 0);

  if (peer != G_MAXUINT && stream_record (st, peer)->window == 0 &&
      !(stream_record (st, peer)->tcp_flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)))
    return peer;
  return G_MAXUINT;
}

gboolean
hs_explain_keep_alive_probes_window (HsCapture *capture,
                                     guint      index)
{
  Stream st;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), FALSE);

  return stream_init (&st, capture, index) &&
         (st.rec->analysis & HS_ANALYSIS_KEEP_ALIVE) &&
         stream_zero_window_before (&st) != G_MAXUINT;
}

static void
explain_keep_alive (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint peer = stream_zero_window_before (&e->st);

  if (peer != G_MAXUINT)
    {
      GString *str = g_string_new (NULL);

      g_string_append_printf (str, _("Zero-window probe: the window of %s is 0 (frame %u), so %s "
                                     "asks whether it has opened again."),
                              e->who[!dir], frame_of (e, peer), e->who[dir]);
      append_sentence_space (str);
      if (rec->payload_len == 0)
        g_string_append_printf (str, _("Linux probes a zero window with an old byte: the "
                                       "segment carries no data, and its sequence number (%u) "
                                       "is that of the last byte %s has already acknowledged, "
                                       "one below the next byte %s would send."),
                                e->rseq, e->who[!dir], e->who[dir]);
      else
        g_string_append_printf (str, _("It probes with an old byte: it sends byte %u again, "
                                       "which %s has already acknowledged, one below the next "
                                       "byte %s would send."),
                                e->rseq, e->who[!dir], e->who[dir]);
      append_sentence_space (str);
      g_string_append_printf (str, _("Such an old segment makes %s answer at once with an ACK "
                                     "that carries its current window. Wireshark 4.0 calls only "
                                     "a probe that carries the next new byte a zero-window "
                                     "probe; this one has the shape of a keep-alive, so it is "
                                     "flagged as one."),
                              e->who[!dir]);
      para (e, g_string_free (str, FALSE));
      return;
    }

  para (e, g_strdup_printf (_("Keep-alive: %s sends a segment whose sequence number (%u) is "
                              "one below the next byte it would send, carrying no new data. "
                              "After a quiet period it checks this way that %s is still there; "
                              "the answer is an ACK (a keep-alive ACK)."),
                            e->who[dir], e->rseq, e->who[!dir]));
}

static void
explain_keep_alive_ack (Explain *e)
{
  guint dir = e->st.rec->direction;
  guint ka = stream_find_prev (&e->st, !dir, HS_ANALYSIS_KEEP_ALIVE, 0);

  if (ka != G_MAXUINT)
    para (e, g_strdup_printf (_("Keep-alive ACK: %s answers the keep-alive of frame %u: the "
                                "connection is still alive."), e->who[dir], frame_of (e, ka)));
  else
    para (e, g_strdup_printf (_("Keep-alive ACK: %s answers a keep-alive: the connection is "
                                "still alive."), e->who[dir]));
}

static void
explain_reused_ports (Explain *e)
{
  const HsConnection *conn = e->st.conn;
  guint found = G_MAXUINT;
  guint i;

  for (i = conn->stream; i > 0 && conn->stream - i < SEARCH_LIMIT; i--)
    {
      const HsConnection *c = hs_capture_get_connection (e->st.capture, i - 1);
      guint d;

      for (d = 0; d < 2 && found == G_MAXUINT; d++)
        {
          if (c->ip_version == conn->ip_version &&
              c->endpoint[d].port == conn->endpoint[0].port &&
              c->endpoint[!d].port == conn->endpoint[1].port &&
              memcmp (c->endpoint[d].addr, conn->endpoint[0].addr, 16) == 0 &&
              memcmp (c->endpoint[!d].addr, conn->endpoint[1].addr, 16) == 0)
            found = i - 1;
        }
      if (found != G_MAXUINT)
        break;
    }

  if (e->st.rec->tcp_flags & HS_TCP_ACK)
    para (e, g_strdup (_("Port numbers reused: this SYN/ACK answers with a new initial sequence "
                         "number on the same addresses and ports, so it belongs to a new "
                         "connection. Wireshark 4.0 keeps it in the same stream, and the "
                         "relative numbers after it follow the new sequence numbers.")));
  else if (found != G_MAXUINT)
    para (e, g_strdup_printf (_("Port numbers reused: this SYN uses the same addresses and "
                                "ports as an earlier connection (stream %u) but a new initial "
                                "sequence number, so a new connection starts here (stream "
                                "%u)."), found, conn->stream));
  else
    para (e, g_strdup (_("Port numbers reused: this SYN uses the same addresses and ports as an "
                         "earlier connection but a new initial sequence number, so a new "
                         "connection starts here.")));
}

/* "Client: SYN-SENT → ESTABLISHED", a line for each side whose state this
 * packet changes; NULL when it changes none. */
static char *
explain_states (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  const HsPacketRecord *prev = e->st.pos > 0 ? stream_record (&e->st, e->st.pos - 1) : NULL;
  GString *str = g_string_new (NULL);
  gboolean refused = rst_refuses_syn (e);
  guint order[2];
  guint k;

  /* the client first */
  order[0] = stream_client_dir (&e->st) == 1 ? 1 : 0;
  order[1] = !order[0];

  for (k = 0; k < 2; k++)
    {
      guint d = order[k];
      HsTcpState before = HS_TCP_STATE_UNKNOWN;
      HsTcpState after;

      if (prev != NULL)
        before = prev->direction == d ? hs_packet_record_sender_state (prev)
                                      : hs_packet_record_receiver_state (prev);
      after = rec->direction == d ? hs_packet_record_sender_state (rec)
                                  : hs_packet_record_receiver_state (rec);

      if (after == before || after == HS_TCP_STATE_UNKNOWN)
        continue;

      /* before its SYN (or SYN/ACK) a side is closed (or listening) */
      if (before == HS_TCP_STATE_UNKNOWN && rec->direction == d &&
          (rec->tcp_flags & HS_TCP_SYN))
        before = (rec->tcp_flags & HS_TCP_ACK) ? HS_TCP_STATE_LISTEN : HS_TCP_STATE_CLOSED;

      if (str->len > 0)
        g_string_append_c (str, '\n');
      if (before == HS_TCP_STATE_UNKNOWN)
        g_string_append_printf (str, _("%s: %s"), e->role[d], hs_tcp_state_to_string (after));
      else
        /* Translators: a side's TCP state change, "Client: SYN-SENT → ESTABLISHED" */
        g_string_append_printf (str, _("%s: %s → %s"), e->role[d],
                                hs_tcp_state_to_string (before),
                                hs_tcp_state_to_string (after));

      /* RFC 9293 has no reset state: say how the side got there */
      if ((rec->tcp_flags & HS_TCP_RST) && refused)
        /* Translators: after a state change, "Client: SYN-SENT → CLOSED (connection refused)" */
        g_string_append (str, _(" (connection refused)"));
      else if (rec->tcp_flags & HS_TCP_RST)
        /* Translators: after a state change, "Client: ESTABLISHED → CLOSED (reset by the
         * server)"; %s is "the server", "the client" or an address and port */
        g_string_append_printf (str, _(" (reset by %s)"), e->who[rec->direction]);
    }

  if (str->len > 0)
    return g_string_free (str, FALSE);

  g_string_free (str, TRUE);
  return NULL;
}

static void
explain_problems (Explain   *e,
                  HsCapture *capture,
                  guint      index)
{
  const HsPacketRecord *rec = hs_capture_get_record (capture, index);

  if (rec->problems & HS_PROBLEM_SNAPLEN_TRUNCATED)
    {
      guint32 orig_len = hs_capture_get_orig_len (capture, index);

      if (e->d.ok)
        para (e, g_strdup_printf (_("Only %s of the %s of this frame were captured (the "
                                    "capture’s snapshot length), so the end of the packet is "
                                    "missing; the lengths shown come from the IP header."),
                                  count (e->pool, e->d.caplen),
                                  count_bytes (e->pool, orig_len)));
      else
        para (e, g_strdup_printf (_("Not all of the %s of this frame were captured (the "
                                    "capture’s snapshot length), so the end of the packet is "
                                    "missing; the lengths shown come from the IP header."),
                                  count_bytes (e->pool, orig_len)));
    }
  if (rec->problems & HS_PROBLEM_BAD_TCP_OPTION)
    para (e, g_strdup (_("A TCP option has an impossible length: the options after it cannot be "
                         "read.")));
  if (hs_packet_record_header_bogus (rec))
    para (e, g_strdup (_("The TCP header length is below the minimum of 20 bytes, so the header "
                         "cannot be read correctly.")));
  if (rec->problems & HS_PROBLEM_BAD_IP_LENGTH)
    para (e, g_strdup (_("The IP header announces more bytes than the frame holds.")));
}

static void
explain_not_tcp (Explain              *e,
                 const HsPacketRecord *rec)
{
  g_autofree char *what = info_not_tcp (rec, &e->d);

  switch (rec->decode_status)
    {
    case HS_DECODE_FRAGMENT:
      para (e, g_strdup_printf (_("%s: a piece of an IP packet that was split on the way. It "
                                  "does not complete a TCP segment by itself; the frame with "
                                  "the last missing piece shows the rebuilt segment."), what));
      break;

    case HS_DECODE_ICMP_QUOTED:
      para (e, g_strdup_printf (_("%s: a router or the destination reports a problem with a TCP "
                                  "segment (for example, that its destination cannot be "
                                  "reached) and quotes the start of it. It is not part of the "
                                  "connection itself."), what));
      break;

    case HS_DECODE_UNSUPPORTED_LINK:
      para (e, g_strdup_printf (_("%s: Handshake cannot decode this link type, so the packet is "
                                  "listed but not analysed."), what));
      break;

    case HS_DECODE_MALFORMED:
      para (e, g_strdup_printf (_("%s. The packet cannot be decoded as far as TCP, so it is "
                                  "listed but not analysed."), what));
      break;

    case HS_DECODE_NOT_TCP:
    case HS_DECODE_TCP:
    default:
      para (e, g_strdup_printf (_("%s: not a TCP segment, so the packet is listed but not "
                                  "analysed."), what));
      break;
    }
}

/* Explains packet `index` into `e_out`: the caller reads e_out->paras and
 * frees them with explain_clear(); the packet's bytes are gone by then, so
 * nothing else of it may be used.  The states line, when there is one, is
 * the paragraph at *states_para (G_MAXUINT if none). */
static void
explain_run (Explain   *e_out,
             HsCapture *capture,
             guint      index,
             guint     *states_para)
{
  g_autoptr(GBytes) bytes = NULL;
  const HsPacketRecord *rec;
  Explain e;
  guint i;

  *states_para = G_MAXUINT;
  rec = hs_capture_get_record (capture, index);
  /* the bytes add the options, the SACK blocks and the payload summary;
   * without them (file gone) the explanation is a little shorter */
  bytes = hs_capture_read_packet (capture, index, NULL);
  explain_init (&e, capture, index, bytes);

  if (e.st.conn == NULL)
    {
      explain_not_tcp (&e, rec);
    }
  else if (rec->decode_status != HS_DECODE_TCP)
    {
      para (&e, g_strdup (_("This TCP header is malformed: its header length points beyond the "
                            "end of the segment, so the length of the data is unknown and the "
                            "segment is not analysed.")));
    }
  else
    {
      guint a = rec->analysis;

      if (rec->tcp_flags & HS_TCP_RST)
        explain_rst (&e);
      else if (rec->tcp_flags & HS_TCP_SYN)
        explain_syn (&e);
      else if (rec->tcp_flags & HS_TCP_FIN)
        explain_fin (&e);

      if (rec->payload_len > 0 && !(a & (HS_ANALYSIS_ZERO_WINDOW_PROBE | HS_ANALYSIS_KEEP_ALIVE)))
        explain_data (&e);
      else if (rec->payload_len == 0 &&
               (rec->tcp_flags & (HS_TCP_ACK | HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)) ==
               HS_TCP_ACK)
        explain_ack (&e);

      for (i = 0; i < G_N_ELEMENTS (info_flag_order); i++)
        {
          guint flag = info_flag_order[i];

          if ((a & flag) == 0)
            continue;
          if (flag == RETRANSMISSION_FAMILY)
            flag = retransmission_kind (a);

          switch (flag)
            {
            case HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK:
              explain_zero_window_probe_ack (&e);
              break;
            case HS_ANALYSIS_ZERO_WINDOW:
              explain_zero_window (&e);
              break;
            case HS_ANALYSIS_ZERO_WINDOW_PROBE:
              explain_zero_window_probe (&e);
              break;
            case HS_ANALYSIS_DUPLICATE_ACK:
              explain_dup_ack (&e);
              break;
            case HS_ANALYSIS_KEEP_ALIVE_ACK:
              explain_keep_alive_ack (&e);
              break;
            case HS_ANALYSIS_KEEP_ALIVE:
              explain_keep_alive (&e);
              break;
            case HS_ANALYSIS_WINDOW_FULL:
              explain_window_full (&e);
              break;
            case HS_ANALYSIS_WINDOW_UPDATE:
              explain_window_update (&e);
              break;
            case HS_ANALYSIS_ACK_LOST_SEGMENT:
              explain_ack_unseen (&e);
              break;
            case HS_ANALYSIS_LOST_SEGMENT:
              explain_lost (&e);
              break;
            case HS_ANALYSIS_OUT_OF_ORDER:
              explain_out_of_order (&e);
              break;
            case HS_ANALYSIS_SPURIOUS_RETRANSMISSION:
              explain_spurious (&e);
              break;
            case HS_ANALYSIS_FAST_RETRANSMISSION:
              explain_fast_retransmission (&e);
              break;
            case HS_ANALYSIS_RETRANSMISSION:
              explain_retransmission (&e);
              break;
            case HS_ANALYSIS_REUSED_PORTS:
              explain_reused_ports (&e);
              break;
            default:
              break;
            }
        }

      {
        char *states = explain_states (&e);

        if (states != NULL)
          {
            *states_para = e.paras->len;
            para (&e, states);
          }
      }
    }

  explain_problems (&e, capture, index);

  *e_out = e;
}

char *
hs_explain_packet (HsCapture *capture,
                   guint      index)
{
  Explain e;
  GString *out;
  guint states;
  guint i;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (index < hs_capture_get_n_packets (capture), NULL);

  explain_run (&e, capture, index, &states);

  out = g_string_new (NULL);
  for (i = 0; i < e.paras->len; i++)
    {
      if (i > 0)
        g_string_append (out, "\n\n");
      g_string_append (out, g_ptr_array_index (e.paras, i));
    }

  explain_clear (&e);

  return g_string_free (out, FALSE);
}

char **
hs_explain_paragraphs (HsCapture  *capture,
                       guint       index,
                       char      **states)
{
  GStrvBuilder *builder;
  Explain e;
  guint states_para;
  guint i;
  char **ret;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (index < hs_capture_get_n_packets (capture), NULL);

  explain_run (&e, capture, index, &states_para);

  builder = g_strv_builder_new ();
  for (i = 0; i < e.paras->len; i++)
    {
      if (i != states_para)
        g_strv_builder_add (builder, g_ptr_array_index (e.paras, i));
    }
  if (states != NULL)
    *states = states_para != G_MAXUINT ? g_strdup (g_ptr_array_index (e.paras, states_para))
                                       : NULL;

  explain_clear (&e);
  ret = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return ret;
}

char *
hs_explain_title (HsCapture *capture,
                  guint      index)
{
  HsAnomalyClass klass;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (index < hs_capture_get_n_packets (capture), NULL);

  klass = hs_anomaly_class_for_record (hs_capture_get_record (capture, index));
  if (klass == HS_ANOMALY_CLASS_KEEP_ALIVE &&
      hs_explain_keep_alive_probes_window (capture, index))
    /* Translators: details pane heading of a Linux zero-window probe, which
     * Wireshark flags as a keep-alive */
    return g_strdup_printf (_("Packet %u · Keep-alive, a zero-window probe"), index + 1);
  if (klass != HS_ANOMALY_CLASS_NONE && klass != HS_ANOMALY_CLASS_HANDSHAKE)
    /* Translators: details pane heading, "Packet 12 · Retransmission" */
    return g_strdup_printf (_("Packet %u · %s"), index + 1, hs_anomaly_class_label (klass));

  return g_strdup_printf (_("Packet %u"), index + 1);
}

const char *
hs_relation_describe (HsRelation role)
{
  switch (role)
    {
    case HS_RELATION_ORIGINAL:
      return _("the original transmission");
    case HS_RELATION_ACKED:
      return _("the segment this ACK acknowledges");
    case HS_RELATION_DUPLICATED_ACK:
      return _("the ACK this one repeats");
    case HS_RELATION_ACKED_BY:
      return _("the ACK of this segment");
    default:
      return "";
    }
}

const char *
hs_relation_name (HsRelation role)
{
  switch (role)
    {
    case HS_RELATION_ORIGINAL:       return "original";
    case HS_RELATION_ACKED:          return "acked";
    case HS_RELATION_DUPLICATED_ACK: return "duplicated_ack";
    case HS_RELATION_ACKED_BY:       return "acked_by";
    default:                         return "";
    }
}

/* ------------------------------------------------------------------------ */
/* The header tree                                                           */

/* Where a layer's bytes are: its offset in the frame, or nowhere in the
 * frame (a header rebuilt from fragments or decompressed): then every
 * field gets length 0. */
typedef struct
{
  gboolean in_frame;
  guint    base;
} Span;

static const Span no_span = { FALSE, 0 };

void
hs_field_free (HsField *field)
{
  if (field == NULL)
    return;

  g_free (field->label);
  g_free (field->value);
  g_clear_pointer (&field->children, g_ptr_array_unref);
  g_free (field);
}

static HsField *
field_new (char  *label,
           char  *value,
           guint  offset,
           guint  length)
{
  HsField *field = g_new0 (HsField, 1);

  field->label = label;
  field->value = value;
  field->offset = offset;
  field->length = length;

  return field;
}

static HsField *
field_append (HsField *parent,
              HsField *child)
{
  if (parent->children == NULL)
    parent->children = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_field_free);
  g_ptr_array_add (parent->children, child);

  return child;
}

static HsField *add (HsField    *parent,
                     const Span *sp,
                     guint       off,
                     guint       len,
                     const char *label,
                     const char *format,
                     ...) G_GNUC_PRINTF (6, 7);

/* A child of `parent` covering bytes off..off+len of its layer; `format`
 * NULL makes a row without a value. */
static HsField *
add (HsField    *parent,
     const Span *sp,
     guint       off,
     guint       len,
     const char *label,
     const char *format,
     ...)
{
  char *value = NULL;

  if (format != NULL)
    {
      va_list args;

      va_start (args, format);
      value = g_strdup_vprintf (format, args);
      va_end (args);
    }

  if (!sp->in_frame || len == 0)
    return field_append (parent, field_new (g_strdup (label), value, 0, 0));
  return field_append (parent, field_new (g_strdup (label), value, sp->base + off, len));
}

static HsField *top (GPtrArray  *tree,
                     const Span *sp,
                     guint       len,
                     const char *format,
                     ...) G_GNUC_PRINTF (4, 5);

/* A top-level row (a layer) whose label is printf'd. */
static HsField *
top (GPtrArray  *tree,
     const Span *sp,
     guint       len,
     const char *format,
     ...)
{
  HsField *field;
  va_list args;

  va_start (args, format);
  field = field_new (g_strdup_vprintf (format, args), NULL,
                     sp->in_frame && len > 0 ? sp->base : 0, sp->in_frame ? len : 0);
  va_end (args);

  g_ptr_array_add (tree, field);
  return field;
}

static const char *
set_text (gboolean set)
{
  return set ? _("Set") : _("Not set");
}

static char *
format_mac (const guint8 *p)
{
  return g_strdup_printf ("%02x:%02x:%02x:%02x:%02x:%02x", p[0], p[1], p[2], p[3], p[4], p[5]);
}

static char *
format_ethertype (guint type)
{
  const char *name = ethertype_name (type);

  if (name != NULL)
    return g_strdup_printf ("%s (0x%04x)", name, type);
  return g_strdup_printf ("0x%04x", type);
}

static char *
format_ip_proto (guint proto)
{
  const char *name = ip_proto_name (proto);

  if (name != NULL)
    return g_strdup_printf ("%s (%u)", name, proto);
  return g_strdup_printf ("%u", proto);
}

static char *
format_dscp_ecn (guint8 ds)
{
  static const char * const ecn[] = { "Not-ECT", "ECT(1)", "ECT(0)", "CE" };
  guint dscp = ds >> 2;
  const char *name = NULL;

  switch (dscp)
    {
    case 0:  name = "CS0"; break;
    case 1:  name = "LE"; break;
    case 8:  name = "CS1"; break;
    case 10: name = "AF11"; break;
    case 12: name = "AF12"; break;
    case 14: name = "AF13"; break;
    case 16: name = "CS2"; break;
    case 18: name = "AF21"; break;
    case 20: name = "AF22"; break;
    case 22: name = "AF23"; break;
    case 24: name = "CS3"; break;
    case 26: name = "AF31"; break;
    case 28: name = "AF32"; break;
    case 30: name = "AF33"; break;
    case 32: name = "CS4"; break;
    case 34: name = "AF41"; break;
    case 36: name = "AF42"; break;
    case 38: name = "AF43"; break;
    case 40: name = "CS5"; break;
    case 44: name = "VA"; break;
    case 46: name = "EF"; break;
    case 48: name = "CS6"; break;
    case 56: name = "CS7"; break;
    default: break;
    }

  if (name != NULL)
    return g_strdup_printf ("0x%02x (DSCP: %s, ECN: %s)", ds, name, ecn[ds & 3]);
  return g_strdup_printf ("0x%02x (DSCP: %u, ECN: %s)", ds, dscp, ecn[ds & 3]);
}

static const char *
completeness_label (guint8 c)
{
  switch (c)
    {
    case 1:  return "Incomplete, SYN_SENT";
    case 3:  return "Incomplete, CLIENT_ESTABLISHED";
    case 7:  return "Incomplete, ESTABLISHED";
    case 15: return "Incomplete, DATA";
    case 31:
    case 47:
    case 63: return "Complete, WITH_DATA";
    case 23:
    case 39:
    case 55: return "Complete, NO_DATA";
    default: return "Incomplete";
    }
}

static void
fields_frame (GPtrArray *tree,
              HsCapture *capture,
              guint      index,
              Decoded   *d)
{
  const HsPacketRecord *rec = hs_capture_get_record (capture, index);
  guint32 orig_len = hs_capture_get_orig_len (capture, index);
  gint64 secs = rec->ts_ns >= 0 ? rec->ts_ns / 1000000000
                                : -((-rec->ts_ns + 999999999) / 1000000000);
  guint nsec = (guint)(rec->ts_ns - secs * 1000000000);
  Span sp = { TRUE, 0 };
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (secs);
  g_autofree char *since_first = NULL;
  g_autofree char *since_prev = NULL;
  HsField *frame;

  if (d->ok)
    frame = top (tree, &sp, d->caplen, _("Frame %u: %u bytes on wire, %u bytes captured"),
                 index + 1, orig_len, d->caplen);
  else
    frame = top (tree, &no_span, 0, _("Frame %u: %u bytes on wire"), index + 1, orig_len);

  if (dt != NULL)
    {
      g_autofree char *date = g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
      g_autofree char *zone = g_date_time_format (dt, "%Z");

      add (frame, &no_span, 0, 0, _("Arrival time"), "%s.%09u %s", date, nsec, zone);
    }
  add (frame, &no_span, 0, 0, _("Epoch time"), _("%lld.%09u seconds"), (long long) secs, nsec);
  since_first = format_seconds (rec->ts_ns - hs_capture_get_record (capture, 0)->ts_ns);
  add (frame, &no_span, 0, 0, _("Time since the first frame"), "%s", since_first);
  if (index > 0)
    {
      since_prev = format_seconds (rec->ts_ns - hs_capture_get_record (capture,
                                                                        index - 1)->ts_ns);
      add (frame, &no_span, 0, 0, _("Time since the previous frame"), "%s", since_prev);
    }
  add (frame, &no_span, 0, 0, _("Frame number"), "%u", index + 1);
  add (frame, &no_span, 0, 0, _("Frame length"),
       g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", orig_len), orig_len);
  if (d->ok)
    {
      add (frame, &no_span, 0, 0, _("Capture length"),
           g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", d->caplen), d->caplen);
      if (d->caplen < orig_len)
        add (frame, &no_span, 0, 0, _("Cut short"),
             _("only %u of %u bytes were captured (snapshot length)"), d->caplen, orig_len);
    }

  if (rec->iface < hs_capture_get_n_interfaces (capture))
    {
      const HsInterface *iface = hs_capture_get_interface (capture, rec->iface);

      if (iface->name != NULL)
        add (frame, &no_span, 0, 0, _("Interface"), "%u (%s)", (guint) rec->iface, iface->name);
      else
        add (frame, &no_span, 0, 0, _("Interface"), "%u", (guint) rec->iface);
      add (frame, &no_span, 0, 0, _("Link type"), "%s (%d)",
           hs_decode_linktype_name (iface->linktype), iface->linktype);
    }
}

static const char *
ipv6_ext_name (guint8 nh)
{
  switch (nh)
    {
    case 0:   return "Hop-by-Hop Options";
    case 43:  return "Routing";
    case 44:  return "Fragment";
    case 60:  return "Destination Options";
    case 135: return "Mobility";
    default:  return NULL;
    }
}

static void
fields_ipv4 (GPtrArray    *tree,
             const Span   *sp,
             const guint8 *p,
             guint         avail)
{
  g_autofree char *src = hs_format_address (4, p + 12);
  g_autofree char *dst = hs_format_address (4, p + 16);
  g_autofree char *ds = format_dscp_ecn (p[1]);
  g_autofree char *proto = format_ip_proto (p[9]);
  guint ihl = (p[0] & 0x0f) * 4u;
  guint flags = p[6] >> 5;
  HsField *ip;
  HsField *group;

  ip = top (tree, sp, avail, _("Internet Protocol Version 4, Src: %s, Dst: %s"), src, dst);
  add (ip, sp, 0, 1, _("Version"), "%u", p[0] >> 4);
  add (ip, sp, 0, 1, _("Header length"), _("%u bytes (%u)"), ihl, p[0] & 0x0fu);
  add (ip, sp, 1, 1, _("Differentiated services"), "%s", ds);
  add (ip, sp, 2, 2, _("Total length"), "%u", RD16 (p + 2));
  add (ip, sp, 4, 2, _("Identification"), "0x%04x (%u)", RD16 (p + 4), RD16 (p + 4));
  if (flags & 2)
    group = add (ip, sp, 6, 1, _("Flags"), "0x%x, %s", flags, _("Don’t fragment"));
  else if (flags & 1)
    group = add (ip, sp, 6, 1, _("Flags"), "0x%x, %s", flags, _("More fragments"));
  else
    group = add (ip, sp, 6, 1, _("Flags"), "0x%x", flags);
  add (group, sp, 6, 1, _("Reserved bit"), "%s", set_text (flags & 4));
  add (group, sp, 6, 1, _("Don’t fragment"), "%s", set_text (flags & 2));
  add (group, sp, 6, 1, _("More fragments"), "%s", set_text (flags & 1));
  add (ip, sp, 6, 2, _("Fragment offset"), "%u", (RD16 (p + 6) & 0x1fffu) * 8);
  add (ip, sp, 8, 1, _("Time to live"), "%u", p[8]);
  add (ip, sp, 9, 1, _("Protocol"), "%s", proto);
  add (ip, sp, 10, 2, _("Header checksum"), _("0x%04x (not verified)"), RD16 (p + 10));
  add (ip, sp, 12, 4, _("Source address"), "%s", src);
  add (ip, sp, 16, 4, _("Destination address"), "%s", dst);
  if (ihl > 20 && avail >= ihl)
    add (ip, sp, 20, ihl - 20, _("Options"),
         g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", ihl - 20), ihl - 20);
}

static void
fields_ipv6 (GPtrArray    *tree,
             const Span   *sp,
             const guint8 *p)
{
  g_autofree char *src = hs_format_address (6, p + 8);
  g_autofree char *dst = hs_format_address (6, p + 24);
  g_autofree char *tc = format_dscp_ecn ((guint8)(((p[0] & 0x0f) << 4) | (p[1] >> 4)));
  g_autofree char *nh = format_ip_proto (p[6]);
  HsField *ip;

  ip = top (tree, sp, 40, _("Internet Protocol Version 6, Src: %s, Dst: %s"), src, dst);
  add (ip, sp, 0, 1, _("Version"), "%u", p[0] >> 4);
  add (ip, sp, 0, 2, _("Traffic class"), "%s", tc);
  add (ip, sp, 1, 3, _("Flow label"), "0x%05x",
       ((guint)(p[1] & 0x0f) << 16) | ((guint) p[2] << 8) | p[3]);
  add (ip, sp, 4, 2, _("Payload length"), "%u", RD16 (p + 4));
  add (ip, sp, 6, 1, _("Next header"), "%s", nh);
  add (ip, sp, 7, 1, _("Hop limit"), "%u", p[7]);
  add (ip, sp, 8, 16, _("Source address"), "%s", src);
  add (ip, sp, 24, 16, _("Destination address"), "%s", dst);
}

/* One layer below TCP (or of a packet without TCP). */
static void
fields_layer (GPtrArray     *tree,
              const Decoded *d,
              guint          i)
{
  const HsLayer *l = &d->dec.layers[i];
  gboolean in_frame = i < d->dec.n_frame_layers;
  const guint8 *p = NULL;
  guint avail = l->length;
  Span sp = { in_frame, l->offset };
  HsField *node;

  if (in_frame)
    p = d->data + l->offset;
  else if (d->rebuilt != NULL)
    p = d->rebuilt + l->offset;

  switch (l->kind)
    {
    case HS_LAYER_LINK:
      if (l->detail == HS_LINKTYPE_ETHERNET && avail >= 14 && p != NULL)
        {
          g_autofree char *src = format_mac (p + 6);
          g_autofree char *dst = format_mac (p);
          g_autofree char *type = format_ethertype (RD16 (p + 12));

          node = top (tree, &sp, 14, _("Ethernet II, Src: %s, Dst: %s"), src, dst);
          add (node, &sp, 0, 6, _("Destination"), "%s", dst);
          add (node, &sp, 6, 6, _("Source"), "%s", src);
          add (node, &sp, 12, 2, _("Type"), "%s", type);
        }
      else
        {
          const char *name = i == 0 && d->linktype >= 0 ? hs_decode_linktype_name (d->linktype)
                                                         : _("Link layer");

          node = top (tree, &sp, avail, "%s", name);
          add (node, &sp, 0, avail, _("Header length"),
               g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", avail), avail);
        }
      break;

    case HS_LAYER_VLAN:
      if (p != NULL && avail >= 4)
        {
          guint tci = RD16 (p);
          g_autofree char *type = format_ethertype (RD16 (p + 2));

          node = top (tree, &sp, 4, _("802.1Q Virtual LAN, PRI: %u, DEI: %u, ID: %u"),
                      tci >> 13, (tci >> 12) & 1, tci & 0xfff);
          add (node, &sp, 0, 2, _("Priority"), "%u", tci >> 13);
          add (node, &sp, 0, 2, _("Drop eligible indicator"), "%u", (tci >> 12) & 1);
          add (node, &sp, 0, 2, _("VLAN ID"), "%u", tci & 0xfff);
          add (node, &sp, 2, 2, _("Type"), "%s", type);
        }
      else
        top (tree, &sp, avail, _("802.1Q Virtual LAN"));
      break;

    case HS_LAYER_MPLS:
      if (p != NULL && avail >= 4)
        {
          guint32 v = RD32 (p);

          node = top (tree, &sp, 4,
                      _("MultiProtocol Label Switching Header, Label: %u, Exp: %u, S: %u, "
                        "TTL: %u"),
                      v >> 12, (v >> 9) & 7, (v >> 8) & 1, v & 0xff);
          add (node, &sp, 0, 3, _("Label"), "%u", v >> 12);
          add (node, &sp, 2, 1, _("Traffic class"), "%u", (v >> 9) & 7);
          add (node, &sp, 2, 1, _("Bottom of stack"), "%u", (v >> 8) & 1);
          add (node, &sp, 3, 1, _("Time to live"), "%u", v & 0xff);
        }
      else
        top (tree, &sp, avail, _("MultiProtocol Label Switching Header"));
      break;

    case HS_LAYER_PPPOE:
      node = top (tree, &sp, avail, _("PPP-over-Ethernet Session"));
      if (p != NULL && avail >= 6)
        {
          add (node, &sp, 2, 2, _("Session ID"), "0x%04x", RD16 (p + 2));
          add (node, &sp, 4, 2, _("Payload length"), "%u", RD16 (p + 4));
        }
      break;

    case HS_LAYER_PPP:
      node = top (tree, &sp, avail, _("Point-to-Point Protocol"));
      add (node, &sp, 0, avail, _("Header length"),
           g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", avail), avail);
      break;

    case HS_LAYER_LLC:
      node = top (tree, &sp, avail, _("Logical-Link Control"));
      add (node, &sp, 0, avail, _("Header length"),
           g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", avail), avail);
      break;

    case HS_LAYER_IEEE802_11:
      node = top (tree, &sp, avail, _("IEEE 802.11 data frame"));
      add (node, &sp, 0, avail, _("Header length"),
           g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", avail), avail);
      break;

    case HS_LAYER_IPV4:
      if (p != NULL && avail >= 20)
        fields_ipv4 (tree, &sp, p, avail);
      else
        top (tree, &sp, avail, _("Internet Protocol Version 4"));
      break;

    case HS_LAYER_IPV6:
      if (p != NULL && avail >= 40)
        fields_ipv6 (tree, &sp, p);
      else
        top (tree, &sp, avail, _("Internet Protocol Version 6"));
      break;

    case HS_LAYER_IPV6_EXT:
      {
        const char *name = ipv6_ext_name (l->detail);

        if (name != NULL)
          node = top (tree, &sp, avail, _("IPv6 extension header: %s"), name);
        else
          node = top (tree, &sp, avail, _("IPv6 extension header %u"), l->detail);
        if (p != NULL && avail >= 2)
          {
            g_autofree char *nh = format_ip_proto (p[0]);

            add (node, &sp, 0, 1, _("Next header"), "%s", nh);
            add (node, &sp, 1, 1, _("Length"),
                 g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", avail), avail);
          }
      }
      break;

    case HS_LAYER_AH:
      node = top (tree, &sp, avail, _("Authentication Header"));
      if (p != NULL && avail >= 8)
        {
          g_autofree char *nh = format_ip_proto (p[0]);

          add (node, &sp, 0, 1, _("Next header"), "%s", nh);
          add (node, &sp, 1, 1, _("Length"),
               g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", avail), avail);
          add (node, &sp, 4, 4, _("Security parameters index"), "0x%08x", RD32 (p + 4));
        }
      break;

    case HS_LAYER_IPCOMP:
      node = top (tree, &sp, avail, _("IP Payload Compression"));
      if (p != NULL && avail >= 4)
        {
          g_autofree char *nh = format_ip_proto (p[0]);

          add (node, &sp, 0, 1, _("Next header"), "%s", nh);
          add (node, &sp, 2, 2, _("Compression parameter index"), "0x%04x", RD16 (p + 2));
        }
      break;

    case HS_LAYER_GRE:
      node = top (tree, &sp, avail, _("Generic Routing Encapsulation"));
      if (p != NULL && avail >= 4)
        {
          g_autofree char *type = format_ethertype (RD16 (p + 2));

          add (node, &sp, 2, 2, _("Protocol type"), "%s", type);
        }
      break;

    case HS_LAYER_UDP:
      if (p != NULL && avail >= 8)
        {
          node = top (tree, &sp, 8, _("User Datagram Protocol, Src Port: %u, Dst Port: %u"),
                      RD16 (p), RD16 (p + 2));
          add (node, &sp, 0, 2, _("Source port"), "%u", RD16 (p));
          add (node, &sp, 2, 2, _("Destination port"), "%u", RD16 (p + 2));
          add (node, &sp, 4, 2, _("Length"), "%u", RD16 (p + 4));
          add (node, &sp, 6, 2, _("Checksum"), _("0x%04x (not verified)"), RD16 (p + 6));
        }
      else
        top (tree, &sp, avail, _("User Datagram Protocol"));
      break;

    case HS_LAYER_GTP:
      node = top (tree, &sp, avail, _("GPRS Tunneling Protocol"));
      add (node, &sp, 0, avail, _("Header length"),
           g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", avail), avail);
      break;

    case HS_LAYER_ICMP:
      node = top (tree, &sp, avail, "%s", l->detail == 6 ? _("Internet Control Message "
                                                              "Protocol v6")
                                                           : _("Internet Control Message "
                                                               "Protocol"));
      if (p != NULL && avail >= 4)
        {
          add (node, &sp, 0, 1, _("Type"), "%u", p[0]);
          add (node, &sp, 1, 1, _("Code"), "%u", p[1]);
          add (node, &sp, 2, 2, _("Checksum"), _("0x%04x (not verified)"), RD16 (p + 2));
        }
      break;

    case HS_LAYER_TUNNEL:
      {
        const char *name;

        switch (l->detail)
          {
          case 1:  name = "Virtual eXtensible Local Area Network (VXLAN)"; break;
          case 2:  name = "Encapsulated Remote Switch Port Analyzer (ERSPAN)"; break;
          case 3:  name = "Teredo IPv6 over UDP tunneling"; break;
          case 4:  name = "Layer 2 Tunneling Protocol (L2TP)"; break;
          default: name = _("Tunnel"); break;
          }
        node = top (tree, &sp, avail, "%s", name);
        if (l->detail == 1 && p != NULL && avail >= 8)
          add (node, &sp, 4, 3, _("VXLAN network identifier"), "%u",
               ((guint) p[4] << 16) | ((guint) p[5] << 8) | p[6]);
        add (node, &sp, 0, avail, _("Header length"),
             g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", avail), avail);
      }
      break;

    case HS_LAYER_TCP:
    case HS_LAYER_PAYLOAD:
    default:
      break;
    }
}

static const char *
analysis_short_text (const Stream         *st,
                     const HsPacketRecord *rec,
                     guint                 flag,
                     GPtrArray            *pool)
{
  switch (flag)
    {
    case HS_ANALYSIS_DUPLICATE_ACK:
      return keep (pool, g_strdup_printf (_("duplicate #%u of the ACK in frame %u"),
                                           hs_packet_record_dupack_num (rec),
                                           rec->related_frame));
    case HS_ANALYSIS_RETRANSMISSION:
    case HS_ANALYSIS_FAST_RETRANSMISSION:
    case HS_ANALYSIS_SPURIOUS_RETRANSMISSION:
      {
        guint orig = hs_capture_find_original (st->capture, st->index);

        if (orig != G_MAXUINT)
          return keep (pool, g_strdup_printf (_("first sent in frame %u"), orig + 1));
        return _("first transmission not captured");
      }
    case HS_ANALYSIS_LOST_SEGMENT:
      return _("data before this segment is missing");
    case HS_ANALYSIS_ACK_LOST_SEGMENT:
      return _("acknowledges data the capture did not see");
    case HS_ANALYSIS_OUT_OF_ORDER:
      return _("came after data that follows it");
    case HS_ANALYSIS_ZERO_WINDOW:
      return _("the receive window is full");
    case HS_ANALYSIS_ZERO_WINDOW_PROBE:
      return _("asks whether a zero window has opened");
    case HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK:
      return _("answers a zero-window probe");
    case HS_ANALYSIS_WINDOW_FULL:
      return _("fills the receiver’s window");
    case HS_ANALYSIS_WINDOW_UPDATE:
      return _("only announces a new window");
    case HS_ANALYSIS_KEEP_ALIVE:
      return _("checks that an idle connection is alive");
    case HS_ANALYSIS_KEEP_ALIVE_ACK:
      return _("answers a keep-alive");
    case HS_ANALYSIS_REUSED_PORTS:
      return _("a new connection on the ports of an earlier one");
    default:
      return "";
    }
}

static void
fields_tcp_options (HsField      *tcp,
                    const Span   *sp,
                    const guint8 *p,
                    guint         header_len,
                    guint         avail,
                    guint32       ack_base)
{
  const guint8 *opts = p + 20;
  guint size = header_len - 20;
  guint captured = avail > 20 ? avail - 20 : 0;
  guint pos = 0;
  TcpOption opt;
  HsField *group;

  group = add (tcp, sp, 20, MIN (size, captured), _("Options"),
               g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", size), size);

  while (tcp_option_next (opts, size, captured, &pos, &opt))
    {
      const guint8 *o = opts + opt.offset;
      guint off = 20 + opt.offset;
      HsField *f;

      if (opt.bad)
        {
          add (group, sp, off, opt.length, _("Malformed option"),
               _("kind %u: its length runs past the header"), opt.kind);
          break;
        }
      if (opt.cut)
        {
          add (group, sp, off, opt.length, _("Option cut short by the capture"), _("kind %u"),
               opt.kind);
          break;
        }
      if (!tcp_option_valid (&opt))
        {
          add (group, sp, off, opt.length, _("Option with a wrong length"),
               _("kind %u, %u bytes"), opt.kind, opt.length);
          continue;
        }

      switch (opt.kind)
        {
        case 0:
          add (group, sp, off, 1, _("End of Option List (EOL)"), _("kind %u"), 0u);
          if (opt.offset + 1 < MIN (size, captured))
            add (group, sp, off + 1, MIN (size, captured) - opt.offset - 1, _("Padding"),
                 g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes",
                              MIN (size, captured) - opt.offset - 1),
                 MIN (size, captured) - opt.offset - 1);
          break;

        case 1:
          add (group, sp, off, 1, _("No-Operation (NOP)"), _("kind %u"), 1u);
          break;

        case 2:
          add (group, sp, off, 4, _("Maximum segment size"),
               g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", RD16 (o + 2)), RD16 (o + 2));
          break;

        case 3:
          if (o[2] > 14)
            add (group, sp, off, 3, _("Window scale"),
                 _("%u (invalid: taken as 14, multiply by 16384)"), o[2]);
          else
            add (group, sp, off, 3, _("Window scale"), _("%u (multiply by %u)"), o[2],
                 1u << o[2]);
          break;

        case 4:
          add (group, sp, off, 2, _("SACK permitted"), _("kind %u"), 4u);
          break;

        case 5:
          {
            GString *blocks = g_string_new (NULL);
            /* RFC 2883: a first block below the ACK number, or inside the
             * second block, reports data received twice (Wireshark's
             * "D-SACK Left Edge") */
            gboolean dsack = opt.length >= 10 &&
                             (((p[13] & HS_TCP_ACK) && SEQ_LE (RD32 (o + 6), RD32 (p + 8))) ||
                              (opt.length >= 18 && SEQ_LE (RD32 (o + 10), RD32 (o + 2)) &&
                               SEQ_LE (RD32 (o + 6), RD32 (o + 14))));
            guint b;

            for (b = 2; b + 8 <= opt.length; b += 8)
              g_string_append_printf (blocks, "%s%u–%u", b > 2 ? ", " : "",
                                      RD32 (o + b) - ack_base, RD32 (o + b + 4) - ack_base);
            f = add (group, sp, off, opt.length, _("SACK"), "%s", blocks->str);
            g_string_free (blocks, TRUE);

            for (b = 2; b + 8 <= opt.length; b += 8)
              {
                gboolean d = dsack && b == 2;

                add (f, sp, off + b, 4, d ? _("D-SACK left edge") : _("Left edge"),
                     _("%u (relative)"), RD32 (o + b) - ack_base);
                add (f, sp, off + b + 4, 4, d ? _("D-SACK right edge") : _("Right edge"),
                     _("%u (relative)"), RD32 (o + b + 4) - ack_base);
              }
          }
          break;

        case 8:
          f = add (group, sp, off, 10, _("Timestamps"), "TSval %u, TSecr %u", RD32 (o + 2),
                   RD32 (o + 6));
          add (f, sp, off + 2, 4, _("Timestamp value"), "%u", RD32 (o + 2));
          add (f, sp, off + 6, 4, _("Timestamp echo reply"), "%u", RD32 (o + 6));
          break;

        case 19:
          add (group, sp, off, opt.length, _("MD5 signature"),
               g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", opt.length), opt.length);
          break;

        case 28:
          add (group, sp, off, opt.length, _("User timeout"),
               g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", opt.length), opt.length);
          break;

        case 29:
          add (group, sp, off, opt.length, _("TCP Authentication Option"),
               g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", opt.length), opt.length);
          break;

        case 30:
          {
            static const char * const subtypes[] = {
              "MP_CAPABLE", "MP_JOIN", "DSS", "ADD_ADDR", "REMOVE_ADDR", "MP_PRIO", "MP_FAIL",
              "MP_FASTCLOSE", "MP_TCPRST",
            };
            guint sub = o[2] >> 4;

            if (sub < G_N_ELEMENTS (subtypes))
              add (group, sp, off, opt.length, _("Multipath TCP"), "%s", subtypes[sub]);
            else
              add (group, sp, off, opt.length, _("Multipath TCP"), _("subtype %u"), sub);
          }
          break;

        case 34:
          if (opt.length == 2)
            add (group, sp, off, 2, _("TCP Fast Open"), "%s", _("cookie request"));
          else
            add (group, sp, off, opt.length, _("TCP Fast Open"), _("cookie of %u bytes"),
                 opt.length - 2);
          break;

        case 253:
        case 254:
          add (group, sp, off, opt.length, _("Experimental option"), _("kind %u, %u bytes"),
               opt.kind, opt.length);
          break;

        default:
          {
            g_autofree char *label = g_strdup_printf (_("Unknown option (kind %u)"), opt.kind);

            add (group, sp, off, opt.length, label,
                 g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", opt.length), opt.length);
          }
          break;
        }

      if (opt.kind == 0)
        break;
    }
}

static const char * const tcp_flag_names[] = {
  N_("Fin"), N_("Syn"), N_("Reset"), N_("Push"), N_("Acknowledgment"), N_("Urgent"),
  N_("ECN-Echo"), N_("Congestion Window Reduced"), N_("Accurate ECN"),
};

/* The TCP layer: from the header bytes `p` (avail of them captured) when
 * there are some, else from the record alone. */
static void
fields_tcp (GPtrArray     *tree,
            const Stream  *st,
            const Decoded *d,
            const Span    *sp,
            const guint8  *p,
            guint          avail)
{
  const HsPacketRecord *rec = st->rec;
  const HsConnection *conn = st->conn;
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  gboolean analysed = rec->decode_status == HS_DECODE_TCP;
  guint sport = conn->endpoint[rec->direction].port;
  guint dport = conn->endpoint[!rec->direction].port;
  guint32 rseq = hs_capture_relative_seq (st->capture, st->index);
  guint32 rack = hs_capture_relative_ack (st->capture, st->index);
  guint flags = rec->tcp_flags;
  guint header_len = 0;
  guint32 nxtseq;
  HsField *tcp;
  HsField *group;
  g_autofree char *flag_text = NULL;
  guint i;

  if (p != NULL && avail >= 20)
    {
      flags = RD16 (p + 12) & 0xfff;
      header_len = (p[12] >> 4) * 4u;
    }
  else
    p = NULL;

  if (p == NULL)
    sp = &no_span;

  if (!analysed)
    tcp = top (tree, sp, avail, _("Transmission Control Protocol, Src Port: %u, Dst Port: %u, "
                                  "Seq: %u"), sport, dport, rseq);
  else if (flags & HS_TCP_ACK)
    tcp = top (tree, sp, avail, _("Transmission Control Protocol, Src Port: %u, Dst Port: %u, "
                                  "Seq: %u, Ack: %u, Len: %u"),
               sport, dport, rseq, rack, rec->payload_len);
  else
    tcp = top (tree, sp, avail, _("Transmission Control Protocol, Src Port: %u, Dst Port: %u, "
                                  "Seq: %u, Len: %u"), sport, dport, rseq, rec->payload_len);

  if (p == NULL && d->ok)
    add (tcp, sp, 0, 0, _("Note"), "%s",
         _("the TCP header is not in this frame’s bytes (the segment was rebuilt from IP "
           "fragments): the values come from the analysis"));

  add (tcp, sp, 0, 2, _("Source port"), "%u", sport);
  add (tcp, sp, 2, 2, _("Destination port"), "%u", dport);
  add (tcp, sp, 0, 0, _("Stream index"), "%u", rec->stream);
  add (tcp, sp, 0, 0, _("Conversation completeness"), "%s (%u)",
       completeness_label (conn->completeness), conn->completeness);
  if (analysed)
    add (tcp, sp, 0, 0, _("Segment length"), "%u", rec->payload_len);
  add (tcp, sp, 4, 4, _("Sequence number"), _("%u (relative sequence number)"), rseq);
  add (tcp, sp, 4, 4, _("Sequence number (raw)"), "%u", rec->seq);
  if (analysed)
    {
      nxtseq = rseq + rec->payload_len + ((flags & HS_TCP_SYN) ? 1 : 0) +
               ((flags & HS_TCP_FIN) ? 1 : 0);
      add (tcp, sp, 0, 0, _("Next sequence number"), _("%u (relative sequence number)"),
           nxtseq);
    }
  if (flags & HS_TCP_ACK)
    add (tcp, sp, 8, 4, _("Acknowledgment number"), _("%u (relative ack number)"), rack);
  else
    add (tcp, sp, 8, 4, _("Acknowledgment number"), _("%u (not used: the ACK flag is not set)"),
         rec->ack);
  add (tcp, sp, 8, 4, _("Acknowledgment number (raw)"), "%u", rec->ack);
  if (p != NULL)
    add (tcp, sp, 12, 1, _("Header length"), _("%u bytes (%u)"), header_len, header_len / 4);

  flag_text = hs_tcp_flags_to_string (flags);
  group = add (tcp, sp, 12, 2, _("Flags"), "0x%03x (%s)", flags, flag_text);
  add (group, sp, 12, 1, _("Reserved"), "%s", set_text (flags & 0xe00));
  for (i = G_N_ELEMENTS (tcp_flag_names); i > 0; i--)
    add (group, sp, i - 1 == 8 ? 12 : 13, 1, _(tcp_flag_names[i - 1]), "%s",
         set_text (flags & (1u << (i - 1))));

  add (tcp, sp, 14, 2, _("Window"), "%u", rec->window);
  add (tcp, sp, 14, 2, _("Calculated window size"), "%u", hs_packet_record_window (rec));
  switch (rec->win_scale_state)
    {
    case 0:
      add (tcp, sp, 14, 2, _("Window size scaling factor"), "%u", 1u << rec->win_shift);
      break;
    case 1:
      add (tcp, sp, 14, 2, _("Window size scaling factor"), "%s",
           _("unknown (the handshake was not captured)"));
      break;
    case 2:
      add (tcp, sp, 14, 2, _("Window size scaling factor"), "%s",
           _("not used (window scaling was not negotiated)"));
      break;
    default:
      /* a SYN's window is never scaled */
      break;
    }

  if (p != NULL)
    {
      add (tcp, sp, 16, 2, _("Checksum"), _("0x%04x (not verified)"), RD16 (p + 16));
      add (tcp, sp, 18, 2, _("Urgent pointer"), "%u", RD16 (p + 18));
      if (header_len > 20)
        fields_tcp_options (tcp, sp, p, header_len, avail,
                            stream_base (st, !rec->direction));
    }

  /* timestamps within the connection */
  {
    g_autofree char *since_first = format_seconds (rec->ts_ns - conn->first_ts_ns);

    group = add (tcp, sp, 0, 0, _("Timestamps"), NULL);
    add (group, sp, 0, 0, _("Time since the first frame of this connection"), "%s",
         since_first);
    if (st->pos > 0)
      {
        g_autofree char *since_prev =
          format_seconds (rec->ts_ns - stream_record (st, st->pos - 1)->ts_ns);

        add (group, sp, 0, 0, _("Time since the previous frame of this connection"), "%s",
             since_prev);
      }
  }

  /* SEQ/ACK analysis: only what the analysis found */
  if (analysed)
    {
      guint32 bif = hs_packet_record_bytes_in_flight (rec);
      gboolean acks = rec->related_frame != HS_NO_FRAME &&
                      rec->related_frame <= hs_capture_get_n_packets (st->capture) &&
                      !(rec->analysis & HS_ANALYSIS_DUPLICATE_ACK);

      if (acks || conn->irtt_ns >= 0 || bif > 0 || rec->analysis != 0)
        {
          group = add (tcp, sp, 0, 0, _("SEQ/ACK analysis"), NULL);

          if (acks)
            {
              const HsPacketRecord *acked = hs_capture_get_record (st->capture,
                                                                   rec->related_frame - 1);
              g_autofree char *rtt = format_seconds (rec->ts_ns - acked->ts_ns);

              add (group, sp, 0, 0, _("This is an ACK to the segment in frame"), "%u",
                   rec->related_frame);
              add (group, sp, 0, 0, _("The RTT to ACK the segment was"), "%s", rtt);
            }
          if (conn->irtt_ns >= 0)
            {
              g_autofree char *irtt = format_seconds (conn->irtt_ns);

              add (group, sp, 0, 0, _("iRTT"), "%s", irtt);
            }
          if (bif > 0)
            add (group, sp, 0, 0, _("Bytes in flight"), "%u", bif);

          if (rec->analysis != 0)
            {
              HsField *flags_group = add (group, sp, 0, 0, _("TCP analysis flags"), NULL);

              for (i = 0; i < G_N_ELEMENTS (info_flag_order); i++)
                {
                  guint flag = info_flag_order[i];

                  if ((rec->analysis & flag) == 0)
                    continue;
                  if (flag == RETRANSMISSION_FAMILY)
                    flag = retransmission_kind (rec->analysis);
                  add (flags_group, sp, 0, 0, hs_analysis_flag_label (flag), "%s",
                       analysis_short_text (st, rec, flag, pool));
                }
            }
        }
    }

  if (d->payload != NULL && d->payload_captured > 0)
    {
      Span psp = { d->payload_in_frame, d->payload_offset };

      if (d->payload_captured < rec->payload_len)
        add (tcp, &psp, 0, d->payload_captured, _("TCP payload"),
             _("%u bytes (%u captured)"), rec->payload_len, d->payload_captured);
      else
        add (tcp, &psp, 0, d->payload_captured, _("TCP payload"),
             g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", d->payload_captured),
             d->payload_captured);
    }
  else if (analysed && rec->payload_len > 0)
    add (tcp, &no_span, 0, 0, _("TCP payload"), _("%u bytes (none captured)"),
         rec->payload_len);
}

static const char *
tls_version_name (guint version)
{
  switch (version)
    {
    case 0x0300: return "SSLv3";
    case 0x0301: return "TLSv1";
    case 0x0302: return "TLSv1.1";
    case 0x0303: return "TLSv1.2";
    case 0x0304: return "TLSv1.3";
    default:     return "TLS";
    }
}

static const char *
tls_content_name (guint8 type)
{
  switch (type)
    {
    case 20: return "Change Cipher Spec";
    case 21: return "Alert";
    case 22: return "Handshake";
    case 23: return "Application Data";
    case 24: return "Heartbeat";
    default: return "Unknown";
    }
}

static void
fields_tls (GPtrArray     *tree,
            const Decoded *d)
{
  const guint8 *payload = d->payload;
  gsize len = d->payload_captured;
  Span sp = { d->payload_in_frame, d->payload_offset };
  gsize off = 0;
  HsField *tls;

  tls = top (tree, &sp, (guint) len, _("Transport Layer Security"));

  while (off < len && tls_record_header_ok (payload + off, len - off))
    {
      const guint8 *r = payload + off;
      guint rlen = RD16 (r + 3);
      gboolean complete = off + 5 + rlen <= len;
      guint avail = (guint) MIN ((gsize) rlen + 5, len - off);
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *label = NULL;
      g_autofree char *content = NULL;
      HsField *rf;

      if (complete)
        tls_record_names (r, names);
      else
        g_string_append (names, _("continues in later segments"));

      label = g_strdup_printf ("%s Record Layer: %s Protocol: %s", tls_version_name (RD16 (r + 1)),
                               tls_content_name (r[0]), names->str);
      rf = add (tls, &sp, (guint) off, avail, label, NULL);

      content = g_strdup_printf ("%s (%u)", tls_content_name (r[0]), r[0]);
      add (rf, &sp, (guint) off, 1, _("Content type"), "%s", content);
      add (rf, &sp, (guint) off + 1, 2, _("Version"), "%s (0x%04x)",
           tls_version_name (RD16 (r + 1)), RD16 (r + 1));
      add (rf, &sp, (guint) off + 3, 2, _("Length"), "%u", rlen);

      if (complete && r[0] == 22 && tls_handshake_plain (r + 5, rlen))
        {
          guint moff = 0;

          while (moff + 4 <= rlen)
            {
              const guint8 *m = r + 5 + moff;
              guint32 mlen = ((guint32) m[1] << 16) | ((guint32) m[2] << 8) | m[3];

              add (rf, &sp, (guint)(off + 5 + moff), 1, _("Handshake type"), "%s (%u)",
                   tls_handshake_name (m[0]), m[0]);
              add (rf, &sp, (guint)(off + 5 + moff + 1), 3, _("Handshake length"), "%u", mlen);
              moff += 4 + mlen;
            }
        }

      if (!complete)
        break;
      off += 5 + rlen;
    }
}

static void
fields_http (GPtrArray     *tree,
             const Decoded *d)
{
  const char *text = (const char *) d->payload;
  gsize len = d->payload_captured;
  Span sp = { d->payload_in_frame, d->payload_offset };
  gsize off = 0;
  gboolean first = TRUE;
  HsField *http;

  http = top (tree, &sp, (guint) len, _("Hypertext Transfer Protocol"));

  while (off < len)
    {
      const char *eol = memchr (text + off, '\n', len - off);
      gsize line_len = eol != NULL ? (gsize)(eol - (text + off)) + 1 : len - off;
      gsize content = line_len;
      g_autofree char *line = NULL;

      while (content > 0 && (text[off + content - 1] == '\n' || text[off + content - 1] == '\r'))
        content--;

      if (content == 0)
        {
          off += line_len;
          break;
        }

      line = g_utf8_make_valid (text + off, (gssize) content);

      if (first)
        add (http, &sp, (guint) off, (guint) line_len,
             hs_decode_app_tag (d->payload, len) == HS_APP_HTTP_RESPONSE ? _("Status line")
                                                                           : _("Request line"),
             "%s", line);
      else
        {
          char *colon = strchr (line, ':');

          if (colon != NULL)
            {
              *colon = 0;
              add (http, &sp, (guint) off, (guint) line_len, line, "%s", g_strchug (colon + 1));
            }
          else
            add (http, &sp, (guint) off, (guint) line_len, _("Header"), "%s", line);
        }

      first = FALSE;
      off += line_len;
    }

  if (off < len)
    add (http, &sp, (guint) off, (guint)(len - off), _("Body"),
         g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", (gulong)(len - off)),
         (guint)(len - off));
}

static void
fields_problems (GPtrArray            *tree,
                 const HsPacketRecord *rec,
                 const Decoded        *d)
{
  HsField *group;

  if (!(rec->problems & ~(guint) HS_PROBLEM_SNAPLEN_TRUNCATED) &&
      !(d->ok && d->dec.problem_text != NULL))
    return;

  group = top (tree, &no_span, 0, _("Problems"));
  if (d->ok && d->dec.problem_text != NULL)
    add (group, &no_span, 0, 0, _("Decoder"), "%s", d->dec.problem_text);
  if (rec->problems & HS_PROBLEM_BAD_TCP_OPTION)
    add (group, &no_span, 0, 0, _("TCP options"), "%s", _("an option has an impossible length"));
  if (rec->problems & HS_PROBLEM_BAD_HEADER_LENGTH)
    add (group, &no_span, 0, 0, _("TCP header length"), "%s",
         _("below 20 bytes or beyond the end of the segment"));
  if (rec->problems & HS_PROBLEM_BAD_IP_LENGTH)
    add (group, &no_span, 0, 0, _("IP length"), "%s",
         _("the IP header announces more bytes than the frame holds"));
}

GPtrArray *
hs_explain_fields (HsCapture *capture,
                   guint      index,
                   GBytes    *bytes)
{
  const HsPacketRecord *rec;
  GPtrArray *tree;
  Decoded d;
  Stream st;
  gboolean have_stream;
  gboolean tcp_done = FALSE;
  guint i;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (index < hs_capture_get_n_packets (capture), NULL);

  rec = hs_capture_get_record (capture, index);
  tree = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_field_free);
  decoded_init (&d, capture, index, bytes);
  have_stream = stream_init (&st, capture, index);

  fields_frame (tree, capture, index, &d);

  if (d.ok)
    {
      for (i = 0; i < d.dec.n_layers; i++)
        {
          const HsLayer *l = &d.dec.layers[i];

          if (l->kind == HS_LAYER_TCP)
            {
              if (have_stream)
                {
                  Span sp = { d.tcp_in_frame, d.tcp_offset };

                  fields_tcp (tree, &st, &d, &sp, d.tcp, d.tcp_captured);
                  tcp_done = TRUE;
                }
            }
          else if (l->kind != HS_LAYER_PAYLOAD)
            fields_layer (tree, &d, i);
        }
    }

  /* a segment rebuilt from fragments (or no bytes at all): from the record */
  if (have_stream && !tcp_done)
    fields_tcp (tree, &st, &d, &no_span, NULL, 0);

  if (d.ok && d.payload != NULL && d.payload_captured > 0 && rec->decode_status == HS_DECODE_TCP)
    {
      Span psp = { d.payload_in_frame, d.payload_offset };

      if (tls_record_header_ok (d.payload, d.payload_captured))
        fields_tls (tree, &d);
      else if (hs_decode_app_tag (d.payload, d.payload_captured) == HS_APP_HTTP_REQUEST ||
               hs_decode_app_tag (d.payload, d.payload_captured) == HS_APP_HTTP_RESPONSE)
        fields_http (tree, &d);
      else
        top (tree, &psp, d.payload_captured,
             g_dngettext (GETTEXT_PACKAGE, "Data (%u byte)", "Data (%u bytes)",
                          d.payload_captured),
             d.payload_captured);
    }

  if (d.ok && d.dec.status == HS_DECODE_ICMP_QUOTED)
    {
      HsField *q = top (tree, &no_span, 0, _("Quoted TCP header"));

      add (q, &no_span, 0, 0, _("Ports"), "%u → %u", d.dec.sport, d.dec.dport);
      add (q, &no_span, 0, 0, _("Sequence number (raw)"), "%u", d.dec.seq);
    }

  fields_problems (tree, rec, &d);

  return tree;
}
