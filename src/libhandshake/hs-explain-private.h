/* hs-explain-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-app-summary-private.h"
#include "hs-explain.h"
#include "hs-format.h"

G_BEGIN_DECLS

/* What the parts of the explanation share (see hs-explain.c): the packet's
 * connection and its neighbours, its bytes decoded again, the TCP option
 * walker, the Info column's pieces the prose and the tree reuse. */

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

typedef struct
{
  guint    offset;   /* from the first option byte */
  guint    length;   /* bytes it takes, as far as captured */
  guint8   kind;
  gboolean bad;      /* an impossible length: nothing after it is parsed */
  gboolean cut;      /* it runs beyond the captured bytes */
} TcpOption;

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

G_STATIC_ASSERT (G_N_ELEMENTS (info_flag_order) == 13);

/* hs-explain.c */
char        *_hs_format_bytes        (guint64 value);
char        *_hs_format_seconds      (gint64 ns);
gboolean     _hs_stream_init         (Stream    *st,
                                      HsCapture *capture,
                                      guint      index);
guint32      _hs_stream_base         (const Stream *st,
                                      guint         dir);
guint        _hs_stream_find_prev    (const Stream *st,
                                      guint         dir,
                                      guint         analysis,
                                      guint         tcp_flags);
gboolean     _hs_stream_prev_max_end (const Stream *st,
                                      guint         dir,
                                      gboolean      probes,
                                      guint32      *end,
                                      guint        *frame_pos);
int          _hs_stream_client_dir   (const Stream *st);
/* Whether connection `c` is between a:pa and b:pb (either way round). */
gboolean     _hs_connection_between  (const HsConnection *c,
                                      guint8              ip_version,
                                      const guint8       *a,
                                      guint16             pa,
                                      const guint8       *b,
                                      guint16             pb);
void         _hs_decoded_init        (Decoded   *d,
                                      HsCapture *capture,
                                      guint      index,
                                      GBytes    *bytes);
gboolean     _hs_tcp_option_next     (const guint8 *opts,
                                      guint         size,
                                      guint         captured,
                                      guint        *pos,
                                      TcpOption    *opt);
gboolean     _hs_tcp_option_valid    (const TcpOption *opt);

/* hs-explain-app.c */
AppInfo      _hs_http_continuation   (const Stream *st,
                                      GString      *out,
                                      guint        *start_out);
AppInfo      _hs_info_app            (const Stream  *st,
                                      const Decoded *d,
                                      GString       *out);

/* hs-explain-info.c */
const char  *_hs_ip_proto_name       (guint proto);
const char  *_hs_ethertype_name      (guint type);
char        *_hs_info_not_tcp        (const HsPacketRecord *rec,
                                      const Decoded        *d);

/* ------------------------------------------------------------------------ */
/* Small helpers                                                             */

/* Strings built for one sentence, freed together. */
static inline const char *
keep (GPtrArray *pool,
      char      *str)
{
  g_ptr_array_add (pool, str);
  return str;
}

static inline const char *
count (GPtrArray *pool,
       guint64    value)
{
  return keep (pool, hs_format_count (value));
}

/* "1 byte", "1,448 bytes" */
static inline const char *
count_bytes (GPtrArray *pool,
             guint64    value)
{
  return keep (pool, _hs_format_bytes (value));
}

static inline const char *
duration (GPtrArray *pool,
          gint64     ns)
{
  return keep (pool, hs_format_duration (ns));
}

static inline guint32
segment_end (const HsPacketRecord *r)
{
  return r->seq + r->payload_len +
         ((r->tcp_flags & HS_TCP_SYN) ? 1 : 0) +
         ((r->tcp_flags & HS_TCP_FIN) ? 1 : 0);
}

/* A segment that takes sequence space: data, SYN or FIN. */
static inline gboolean
is_segment (const HsPacketRecord *r)
{
  return r->decode_status == HS_DECODE_TCP &&
         (r->payload_len > 0 || (r->tcp_flags & (HS_TCP_SYN | HS_TCP_FIN)) != 0);
}

static inline const HsPacketRecord *
stream_record (const Stream *st,
               guint         pos)
{
  g_assert (pos < st->n_pkts);

  return hs_capture_get_record (st->capture, st->pkts[pos]);
}

static inline HsAnalysisFlags
retransmission_kind (guint analysis)
{
  if (analysis & HS_ANALYSIS_SPURIOUS_RETRANSMISSION)
    return HS_ANALYSIS_SPURIOUS_RETRANSMISSION;
  if (analysis & HS_ANALYSIS_FAST_RETRANSMISSION)
    return HS_ANALYSIS_FAST_RETRANSMISSION;
  return HS_ANALYSIS_RETRANSMISSION;
}

G_END_DECLS
