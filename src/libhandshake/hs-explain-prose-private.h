/* hs-explain-prose-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-explain-private.h"

G_BEGIN_DECLS

/* What the files of the explanation's prose share: its state, the
 * sentence helpers and one function per paragraph. */

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

static inline void
para (Explain *e,
      char    *text)
{
  g_ptr_array_add (e->paras, text);
}

/* Relative number of a raw sequence number of direction `dir`. */
static inline guint32
rel (const Explain *e,
     guint          dir,
     guint32        raw)
{
  return raw - e->base[dir];
}

static inline guint
frame_of (const Explain *e,
          guint          pos)
{
  return e->st.pkts[pos] + 1;
}

static inline gint64
ns_since (const Explain *e,
          guint          pos)
{
  return e->st.rec->ts_ns - stream_record (&e->st, pos)->ts_ns;
}

/* hs-explain-prose.c */
void     _hs_append_sentence_space         (GString *str);
char    *_hs_join_sentences                (char       *text,
                                            const char *more);

/* hs-explain-prose-segment.c */
void     _hs_explain_syn                   (Explain *e);
gboolean _hs_rst_refuses_syn               (Explain *e);
void     _hs_explain_rst                   (Explain *e);
void     _hs_explain_fin                   (Explain *e);
void     _hs_explain_ack                   (Explain *e);
void     _hs_explain_data                  (Explain *e);

/* hs-explain-prose-anomaly.c */
void     _hs_explain_dup_ack               (Explain *e);
void     _hs_explain_retransmission        (Explain *e);
void     _hs_explain_fast_retransmission   (Explain *e);
void     _hs_explain_spurious              (Explain *e);
void     _hs_explain_out_of_order          (Explain *e);
void     _hs_explain_lost                  (Explain *e);
void     _hs_explain_ack_unseen            (Explain *e);
void     _hs_explain_zero_window           (Explain *e);
void     _hs_explain_zero_window_probe     (Explain *e);
void     _hs_explain_zero_window_probe_ack (Explain *e);
void     _hs_explain_window_full           (Explain *e);
void     _hs_explain_window_update         (Explain *e);
void     _hs_explain_keep_alive            (Explain *e);
void     _hs_explain_keep_alive_ack        (Explain *e);
void     _hs_explain_reused_ports          (Explain *e);

G_END_DECLS
