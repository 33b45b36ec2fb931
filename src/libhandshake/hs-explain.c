/* hs-explain.c
 *
 * Copyright 2026 The Handshake authors
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
 * Wireshark does, without separators.
 *
 * This file holds what every part shares (hs-explain-private.h): the
 * packet's connection and the packets around it (Stream), the packet's
 * bytes decoded again (Decoded), the TCP option walker and the related
 * packets.  The parts: hs-explain-anomaly.c (row classes),
 * hs-explain-info.c and hs-explain-app.c (the Info column),
 * hs-explain-prose*.c (the explanation), hs-explain-tree*.c (the header
 * tree), hs-hexdump.c (the hex dump) and hs-app-summary.c (TLS and HTTP
 * from the bytes). */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-explain-private.h"

/* ------------------------------------------------------------------------ */
/* Numbers in words                                                          */

/* "1 byte", "1,448 bytes" */
char *
_hs_format_bytes (guint64 value)
{
  g_autofree char *num = hs_format_count (value);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s byte", "%s bytes",
                                       (gulong) MIN (value, G_MAXULONG)),
                          num);
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

/* Wireshark's seconds: "0.014000000 seconds" */
char *
_hs_format_seconds (gint64 ns)
{
  gboolean negative = ns < 0;
  guint64 abs_ns = negative ? (guint64)(-(ns + 1)) + 1 : (guint64) ns;

  return g_strdup_printf (_("%s%llu.%09u seconds"), negative ? "-" : "",
                          (unsigned long long)(abs_ns / 1000000000),
                          (guint)(abs_ns % 1000000000));
}

/* ------------------------------------------------------------------------ */
/* The packet's connection and the packets around it                         */

gboolean
_hs_stream_init (Stream    *st,
                 HsCapture *capture,
                 guint      index)
{
  g_assert (st != NULL);
  g_assert (HS_IS_CAPTURE (capture));

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

/* Base (relative 0) of a direction's sequence numbers, as this packet's
 * relative numbers use it. */
guint32
_hs_stream_base (const Stream *st,
                 guint         dir)
{
  g_assert (st != NULL && st->rec != NULL);
  g_assert (dir <= 1);

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
guint
_hs_stream_find_prev (const Stream *st,
                      guint         dir,
                      guint         analysis,
                      guint         tcp_flags)
{
  guint i;
  guint steps = 0;

  g_assert (st != NULL && st->rec != NULL);

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
gboolean
_hs_stream_prev_max_end (const Stream *st,
                         guint         dir,
                         gboolean      probes,
                         guint32      *end,
                         guint        *frame_pos)
{
  gboolean found = FALSE;
  guint i;
  guint steps = 0;

  g_assert (st != NULL && st->rec != NULL);
  g_assert (dir <= 1);
  g_assert (end != NULL && frame_pos != NULL);

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
int
_hs_stream_client_dir (const Stream *st)
{
  guint i;

  g_assert (st != NULL);

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

  if (!_hs_stream_init (&st, capture, index) || !is_segment (st.rec))
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

gboolean
_hs_connection_between (const HsConnection *c,
                        guint8              ip_version,
                        const guint8       *a,
                        guint16             pa,
                        const guint8       *b,
                        guint16             pb)
{
  guint alen = ip_version == 6 ? 16 : 4;

  if (c->ip_version != ip_version)
    return FALSE;
  for (guint d = 0; d < 2; d++)
    {
      if (c->endpoint[d].port == pa && c->endpoint[!d].port == pb &&
          memcmp (c->endpoint[d].addr, a, alen) == 0 &&
          memcmp (c->endpoint[!d].addr, b, alen) == 0)
        return TRUE;
    }
  return FALSE;
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

      if (r->direction == st->rec->direction)
        continue;
      if (hs_packet_record_acks_frame (r) == frame)   /* a dup ACK's too */
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

  if (max == 0 || !_hs_stream_init (&st, capture, index))
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
  /* a duplicate ACK may acknowledge a segment all the same (a keep-alive,
   * a retransmission) */
  if ((st.rec->analysis & HS_ANALYSIS_DUPLICATE_ACK) &&
      st.rec->dupack_acks_frame != HS_NO_FRAME &&
      st.rec->dupack_acks_frame <= hs_capture_get_n_packets (capture))
    ADD_RELATED (st.rec->dupack_acks_frame - 1, HS_RELATION_ACKED);

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

void
_hs_decoded_init (Decoded   *d,
                  HsCapture *capture,
                  guint      index,
                  GBytes    *bytes)
{
  const HsPacketRecord *rec = hs_capture_get_record (capture, index);
  const guint8 *rebuilt = NULL;
  gsize size = 0;
  guint i;

  g_assert (d != NULL);
  g_assert (HS_IS_CAPTURE (capture));
  g_assert (rec != NULL);

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

/* Walks the options: `size` bytes of options according to the data
 * offset, of which `captured` are in the buffer.  Stops after End of
 * Option List, a bad option or one that was cut. */
gboolean
_hs_tcp_option_next (const guint8 *opts,
                     guint         size,
                     guint         captured,
                     guint        *pos,
                     TcpOption    *opt)
{
  guint i = *pos;
  guint limit = MIN (size, captured);
  guint olen;

  g_assert (opts != NULL || captured == 0);
  g_assert (pos != NULL && opt != NULL);

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
gboolean
_hs_tcp_option_valid (const TcpOption *opt)
{
  g_assert (opt != NULL);

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
