/* hs-explain.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-capture.h"
#include "hs-hexdump.h"

G_BEGIN_DECLS

/* Everything the window writes about a packet, built on demand from the
 * record (and, for the details, the packet's bytes read back from the file).
 * All text is translated.  The hex dump is declared in hs-hexdump.h,
 * included here. */

/* The colour class of a row: one per packet, the most serious wins, in this
 * order.  Each has a CSS class name and a legend label. */
typedef enum
{
  HS_ANOMALY_CLASS_NONE = 0,
  HS_ANOMALY_CLASS_MALFORMED,      /* decoder problem: malformed, bad header length */
  HS_ANOMALY_CLASS_RESET,          /* RST flag */
  HS_ANOMALY_CLASS_LOST,           /* previous segment not captured, ACKed unseen segment */
  HS_ANOMALY_CLASS_RETRANSMISSION, /* retransmission, fast and spurious retransmission */
  HS_ANOMALY_CLASS_OUT_OF_ORDER,
  HS_ANOMALY_CLASS_DUP_ACK,
  HS_ANOMALY_CLASS_WINDOW,         /* zero window, zero-window probe (ACK), window full */
  HS_ANOMALY_CLASS_WINDOW_UPDATE,
  HS_ANOMALY_CLASS_KEEP_ALIVE,     /* keep-alive, keep-alive ACK */
  HS_ANOMALY_CLASS_REUSED_PORTS,
  HS_ANOMALY_CLASS_HANDSHAKE,      /* SYN or FIN (not an anomaly: a phase marker) */
  HS_ANOMALY_CLASS_LAST
} HsAnomalyClass;

HsAnomalyClass  hs_anomaly_class_for_record   (const HsPacketRecord *record);
/* "retransmission", "dup-ack", ... (no prefix); NULL for NONE. */
const char     *hs_anomaly_class_css_name     (HsAnomalyClass        klass);
/* Legend label ("Retransmission"), translated. */
const char     *hs_anomaly_class_label        (HsAnomalyClass        klass);
/* One sentence for the legend tooltip, translated. */
const char     *hs_anomaly_class_description  (HsAnomalyClass        klass);

/* Whether the packet counts as a problem for "anomalies only": any analysis
 * flag except window update and keep-alive ACK, a RST, or a decoder problem. */
gboolean        hs_packet_record_is_anomaly   (const HsPacketRecord *record);

/* The Info column, as Wireshark users know it:
 * "[TCP Dup ACK 108#1] 443 → 51234 [ACK] Seq=1 Ack=2897 Win=501 Len=0",
 * "[TCP Retransmission] 51234 → 443 [PSH, ACK] Seq=1449 Ack=1 Win=502 Len=1448",
 * followed by the TLS/HTTP summary when there is one (which needs the bytes:
 * pass them, or NULL to use the TLS tag's generic name; an HTTP message's
 * bytes are read back then, as tshark's line needs them).  For a packet that
 * is not an analysed TCP segment: what it is ("UDP", "ARP", "IPv4 fragment",
 * "Malformed: …"). */
char           *hs_explain_info               (HsCapture            *capture,
                                               guint                 index,
                                               GBytes               *bytes);

/* Whether packet `index` is a keep-alive (as Wireshark flags it) that probes
 * a zero window: Linux probes a zero window with an old byte, which looks
 * like a keep-alive. */
gboolean        hs_explain_keep_alive_probes_window (HsCapture      *capture,
                                                     guint           index);

/* The TCP options at the end of the Info column, each after a space, as
 * tshark shows them: " MSS=1460 SACK_PERM TSval=… TSecr=… WS=1024",
 * " SLE=1 SRE=1001" (relative numbers); with `sack_only`, only the SACK
 * blocks.  "" when there are none, or without the bytes. */
char           *hs_explain_info_options       (HsCapture            *capture,
                                               guint                 index,
                                               GBytes               *bytes,
                                               gboolean              sack_only);

/* The application-layer summary alone, as the Info column shows it for a
 * TLS record or an HTTP message ("Client Hello", "GET / HTTP/1.1"), also
 * on the segment that ends an HTTP message tshark reassembles; NULL when
 * there is none (also for a segment tshark would not dissect, such as a
 * plain retransmission).  `bytes` as for hs_explain_info(): with NULL a
 * TLS record gets its tag's name ("Client Hello") and an HTTP message is
 * read back. */
char           *hs_explain_app_summary        (HsCapture            *capture,
                                               guint                 index,
                                               GBytes               *bytes);

/* "[SYN, ACK]" style flag list, without brackets: "SYN, ACK". */
char           *hs_tcp_flags_to_string        (guint                 flags);

/* Related packets, as 0-based indexes (G_MAXUINT when none):
 *  - the original transmission of a retransmitted segment (the earliest
 *    earlier segment of the same direction whose data covers this one's
 *    first byte);
 *  - the segment this ACK acknowledges (record->related_frame, not for dup ACKs);
 *  - the ACK a dup ACK duplicates (record->related_frame on dup ACKs).
 * hs_explain_related fills up to `max` indexes with a role each and returns
 * how many. */
typedef enum
{
  HS_RELATION_ORIGINAL = 0,   /* this packet retransmits that one */
  HS_RELATION_ACKED,          /* this ACK acknowledges that segment */
  HS_RELATION_DUPLICATED_ACK, /* this dup ACK repeats that ACK */
  HS_RELATION_ACKED_BY,       /* that ACK acknowledges this segment */
} HsRelation;

guint           hs_explain_related            (HsCapture            *capture,
                                               guint                 index,
                                               guint                *related,
                                               HsRelation           *roles,
                                               guint                 max);
/* What the related packet is to this one, translated: "the original
 * transmission", "the ACK this one repeats", …; and a name for machine
 * readers: "original", "acked", "duplicated_ack", "acked_by". */
const char     *hs_relation_describe          (HsRelation            role);
const char     *hs_relation_name              (HsRelation            role);
guint           hs_capture_find_original      (HsCapture            *capture,
                                               guint                 index);

/* A plain-language explanation of the packet: its role in the connection
 * (handshake step, data, ACK, teardown step) and one paragraph per anomaly,
 * naming the frames involved: why this is Dup ACK #2 of frame 108, which
 * bytes the receiver is still waiting for, what was lost, what a zero window
 * means for the sender.  Paragraphs are separated by "\n\n".  Plain text. */
char           *hs_explain_packet             (HsCapture            *capture,
                                               guint                 index);
/* The same in parts: the paragraphs (a NULL-terminated array) without the
 * states line, and in `states` (when not NULL) that line, "Client:
 * SYN-SENT → ESTABLISHED", one line per side whose state the packet
 * changes (NULL when it changes none). */
char          **hs_explain_paragraphs         (HsCapture            *capture,
                                               guint                 index,
                                               char                **states);
/* The details pane's heading: "Packet 12 · Retransmission", or "Packet 12"
 * for a packet of no anomaly class. */
char           *hs_explain_title              (HsCapture            *capture,
                                               guint                 index);

/* The decoded headers as a tree, for the details pane. */
typedef struct _HsField HsField;
struct _HsField
{
  char      *label;     /* "Header length", translated */
  char      *value;     /* "28 bytes (7)"; NULL for a group row */
  guint      offset;    /* bytes of the frame this field covers (for the hex */
  guint      length;    /* dump highlight); length 0 when not in the frame */
  GPtrArray *children;  /* of HsField, or NULL */
};

/* One top-level HsField per layer (Frame, Ethernet II, Internet Protocol
 * Version 4, Transmission Control Protocol with every option, the
 * application summary), decoded again from `bytes` (the packet's captured
 * bytes, from hs_capture_read_packet) with the record's analysis fields
 * (relative and raw seq/ack, window scaling, the analysis lines) added
 * under TCP.  Free with g_ptr_array_unref. */
GPtrArray      *hs_explain_fields             (HsCapture            *capture,
                                               guint                 index,
                                               GBytes               *bytes);
void            hs_field_free                 (HsField              *field);

/* A duration in words: "850 µs", "23.4 ms", "1.25 s", translated. */
char           *hs_format_duration            (gint64                ns);

G_END_DECLS
