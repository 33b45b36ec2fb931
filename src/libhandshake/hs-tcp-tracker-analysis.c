/* hs-tcp-tracker-analysis.c
 *
 * The tcp.analysis checks of one segment, in Wireshark's order, and the
 * port and heuristic rules they depend on.
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

#include "config.h"

#include "hs-tcp-tracker-private.h"

/* The TCP ports tshark 4.0.17 hands to a port-based dissector ("tshark -G
 * decodes", tcp.port): those dissectors get the payload before any
 * heuristic does. */
static const guint16 ws_registered_ports[] = {
      0,     7,    13,    19,    20,    21,    22,    23,    25,    37,    42,    43,
     49,    53,    70,    79,    80,    88,   102,   104,   110,   111,   119,   123,
    139,   143,   161,   162,   179,   199,   210,   323,   324,   389,   427,   443,
    445,   464,   465,   473,   500,   502,   512,   513,   514,   515,   524,   547,
    548,   554,   564,   587,   631,   636,   639,   646,   647,   674,   705,   802,
    829,   853,   854,   862,   873,   925,   988,   993,   995,  1080,  1090,  1099,
   1102,  1153,  1194,  1213,  1300,  1344,  1433,  1521,  1533,  1547,  1723,  1755,
   1861,  1863,  1883,  1900,  1935,  1978,  1979,  1998,  2000,  2001,  2065,  2099,
   2123,  2126,  2152,  2190,  2221,  2234,  2240,  2269,  2321,  2322,  2345,  2401,
   2404,  2424,  2427,  2433,  2443,  2501,  2502,  2571,  2575,  2600,  2710,  2727,
   2812,  2855,  2869,  2944,  2945,  3002,  3003,  3006,  3014,  3016,  3017,  3018,
   3019,  3050,  3128,  3132,  3205,  3245,  3246,  3247,  3248,  3249,  3250,  3251,
   3252,  3268,  3288,  3306,  3333,  3334,  3357,  3369,  3386,  3389,  3452,  3478,
   3496,  3567,  3632,  3671,  3689,  3724,  3804,  3860,  3863,  3868,  3918,  4002,
   4058,  4155,  4189,  4222,  4223,  4224,  4249,  4250,  4321,  4342,  4369,  4420,
   4551,  4555,  4556,  4661,  4662,  4663,  4712,  4730,  4737,  4739,  4788,  4840,
   4880,  5000,  5010,  5060,  5061,  5066,  5084,  5094,  5190,  5222,  5253,  5353,
   5432,  5445,  5500,  5501,  5534,  5555,  5671,  5672,  5683,  5684,  5701,  5721,
   5868,  5900,  5901,  5985,  5997,  6000,  6001,  6002,  6003,  6004,  6005,  6006,
   6007,  6008,  6009,  6010,  6011,  6012,  6013,  6014,  6015,  6016,  6017,  6018,
   6019,  6020,  6021,  6022,  6023,  6024,  6025,  6026,  6027,  6028,  6029,  6030,
   6031,  6032,  6033,  6034,  6035,  6036,  6037,  6038,  6039,  6040,  6041,  6042,
   6043,  6044,  6045,  6046,  6047,  6048,  6049,  6050,  6051,  6052,  6053,  6054,
   6055,  6056,  6057,  6058,  6059,  6060,  6061,  6062,  6063,  6068,  6075,  6084,
   6121,  6160,  6346,  6379,  6417,  6653,  6666,  6667,  6668,  6881,  6882,  6883,
   6884,  6885,  6886,  6887,  6888,  6889,  7000,  7075,  7171,  7172,  7236,  7275,
   7276,  7871,  7890,  7900,  7911,  7930,  8004,  8009,  8010,  8023,  8074,  8080,
   8085,  8088,  8554,  8567,  8883,  9000,  9009,  9042,  9092,  9168,  9300,  9418,
   9600,  9955,  9956,  9999, 10000, 10288, 11207, 11210, 11211, 11371, 13400, 13819,
  14001, 15740, 17500, 17755, 17756, 19006, 19042, 19043, 19506, 19543, 19999, 20000,
  20256, 21064, 22222, 24800, 27017, 29418, 30000, 30001, 30002, 30003, 30004, 30005,
  30006, 30007, 30008, 30009, 30010, 30011, 30012, 30013, 30014, 30015, 30016, 30017,
  30018, 30019, 30020, 30021, 30022, 30023, 30024, 30025, 30026, 30027, 30028, 30029,
  30030, 30031, 30032, 30033, 30034, 30035, 30036, 30037, 30038, 30039, 30040, 30041,
  30042, 30043, 30044, 30045, 30046, 30047, 30048, 30049, 30050, 30051, 30052, 30053,
  30054, 30055, 30056, 30057, 30058, 30059, 30060, 30061, 30062, 30063, 30064, 30065,
  30066, 30067, 30068, 30069, 30070, 30071, 30072, 30073, 30074, 30075, 30076, 30077,
  30078, 30079, 30080, 30081, 30082, 30083, 30084, 30085, 30086, 30087, 30088, 30089,
  30090, 30091, 30092, 30093, 30094, 30095, 30096, 30097, 30098, 30099, 30100, 30101,
  30102, 30103, 30104, 30105, 30106, 30107, 30108, 30109, 30110, 30111, 30112, 30113,
  30114, 30115, 30116, 30117, 30118, 30119, 30120, 30121, 30122, 30123, 30124, 30125,
  30126, 30127, 30128, 30129, 30130, 30131, 30132, 30133, 30134, 30135, 30136, 30137,
  30138, 30139, 30140, 30141, 30142, 30143, 30144, 30145, 30146, 30147, 30148, 30149,
  30150, 30151, 30152, 30153, 30154, 30155, 30156, 30157, 30158, 30159, 30160, 30161,
  30162, 30163, 30164, 30165, 30166, 30167, 30168, 30169, 30170, 30171, 30172, 30173,
  30174, 30175, 30176, 30177, 30178, 30179, 30180, 30181, 30182, 30183, 30184, 30185,
  30186, 30187, 30188, 30189, 30190, 30191, 30192, 30193, 30194, 30195, 30196, 30197,
  30198, 30199, 30200, 34980, 44321, 44322, 44818, 48049, 48898, 57000,
};

static gboolean
is_registered_port (guint16 port)
{
  guint lo = 0;
  guint hi = G_N_ELEMENTS (ws_registered_ports);

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (ws_registered_ports[mid] == port)
        return TRUE;
      if (ws_registered_ports[mid] < port)
        lo = mid + 1;
      else
        hi = mid;
    }

  return FALSE;
}

/* Whether TCP hands this segment's payload to a sub-dissector at all:
 * keep-alives go to "data", and tcp.no_subdissector_on_error keeps plain
 * retransmissions and out-of-order segments away. */
static gboolean
reaches_subdissector (const HsDecodedPacket *pkt,
                      guint16                analysis)
{
  if (pkt->payload_len == 0)
    return FALSE;
  if (analysis & (HS_ANALYSIS_KEEP_ALIVE | HS_ANALYSIS_OUT_OF_ORDER))
    return FALSE;
  if ((analysis & HS_ANALYSIS_RETRANSMISSION) &&
      !(analysis & (HS_ANALYSIS_FAST_RETRANSMISSION | HS_ANALYSIS_SPURIOUS_RETRANSMISSION)))
    return FALSE;
  return TRUE;
}

/* Wireshark's VNC heuristic (packet-vnc.c, test_vnc_protocol) creates a new
 * conversation on the same addresses and ports when a 12-byte payload looks
 * like an RFB version message ("RFB xxx.yyy\n").  The TCP dissector then
 * finds that conversation for the following segments and gives them a new
 * tcp.stream with fresh analysis state.  Plainly an artefact, but tshark
 * 4.0 does it, so we do it too (measured on vnc.pcap). */
gboolean
_hs_tcp_vnc_heuristic_splits (const HsDecodedPacket *pkt,
                              guint16                analysis)
{
  const guint8 *p = pkt->payload;

  if (p == NULL || pkt->payload_captured != 12 || !reaches_subdissector (pkt, analysis))
    return FALSE;

  if (is_registered_port (pkt->sport) || is_registered_port (pkt->dport))
    return FALSE;

  if (g_ascii_tolower (p[0]) != 'r' ||
      g_ascii_tolower (p[1]) != 'f' ||
      g_ascii_tolower (p[2]) != 'b' ||
      p[3] != ' ' ||
      p[7] != '.')
    return FALSE;

  return p[11] == '\n' || p[11] == 0;
}

/* Wireshark's SOCKS dissector (TCP port 1080) follows the handshake, and
 * once it is done hands the proxied bytes on under the remote port: the
 * first time, looking up "its" TCP conversation (the client's address and
 * port, the proxy's address and the remote port) makes a new one, which
 * takes a tcp.stream number that no packet carries.  Measured with tshark
 * 4.0.17 on SOCKS 4, 4a and 5 (tests/data/linux-socks.pcapng and crafted
 * captures): the number is taken at the first payload after the proxy's
 * reply to the request, in either direction; without a reply, never.
 * Steps `track`'s state with one segment from the side `from_client`;
 * TRUE when this segment takes that number. */
gboolean
_hs_tcp_socks_step (HsTrack               *track,
                    gboolean               from_client,
                    const HsDecodedPacket *pkt,
                    guint16                analysis)
{
  const guint8 *p = pkt->payload;
  guint n = pkt->payload_captured;

  if (track->socks == HS_SOCKS_NONE || track->socks == HS_SOCKS_PROXIED ||
      !reaches_subdissector (pkt, analysis))
    return FALSE;

  switch ((HsSocksState) track->socks)
    {
    case HS_SOCKS_START:
      if (!from_client || n < 1)
        track->socks = HS_SOCKS_NONE;
      else if (p[0] == 4)
        track->socks = HS_SOCKS_V4_REPLY;
      else if (p[0] == 5)
        track->socks = HS_SOCKS_V5_METHOD;
      else
        track->socks = HS_SOCKS_NONE;
      return FALSE;

    case HS_SOCKS_V5_METHOD:
      if (!from_client)
        {
          if (n >= 2 && p[1] == 2)
            track->socks = HS_SOCKS_V5_AUTH;
          else if (n >= 2 && p[1] == 0xff)
            track->socks = HS_SOCKS_NONE;
          else
            track->socks = HS_SOCKS_V5_REQUEST;
        }
      return FALSE;

    case HS_SOCKS_V5_AUTH:
      if (!from_client)
        track->socks = HS_SOCKS_V5_REQUEST;
      return FALSE;

    case HS_SOCKS_V5_REQUEST:
      if (from_client)
        track->socks = HS_SOCKS_V5_REPLY;
      return FALSE;

    case HS_SOCKS_V4_REPLY:
    case HS_SOCKS_V5_REPLY:
      if (!from_client)
        track->socks = HS_SOCKS_DONE;
      return FALSE;

    case HS_SOCKS_DONE:
      track->socks = HS_SOCKS_PROXIED;
      return TRUE;

    case HS_SOCKS_NONE:
    case HS_SOCKS_PROXIED:
    default:
      return FALSE;
    }
}

/* ------------------------------------------------------------------------ */
/* The checks, in Wireshark's order (tcp_analyze_sequence_number)            */

void
_hs_tcp_analyze_segment (HsTrack               *track,
                         HsFlow                *fwd,
                         HsFlow                *rev,
                         guint32                frame,
                         gint64                 ts_ns,
                         const HsDecodedPacket *pkt,
                         HsVerdict             *v)
{
  guint32 seq = pkt->seq;
  guint32 ack = pkt->ack;
  guint32 seglen = pkt->payload_len;
  guint32 window = pkt->window;
  guint16 flags = pkt->flags;
  guint32 nextseq;
  guint32 acked_frame;

  g_assert (track != NULL);
  g_assert (fwd != NULL && rev != NULL);
  g_assert (pkt != NULL);
  g_assert (v != NULL);

  /* Base sequence numbers: the sender's from its first segment, the
   * receiver's from the first acknowledgement when it has none. */
  if (!fwd->base_set)
    {
      fwd->base_seq = (flags & HS_TCP_SYN) ? seq : seq - 1;
      fwd->base_set = TRUE;
    }
  if (!rev->base_set && (flags & HS_TCP_ACK))
    {
      rev->base_seq = ack - 1;
      rev->base_set = TRUE;
    }

  if (flags & HS_TCP_ACK)
    rev->valid_bif = TRUE;

  /* 1. Zero window probe: skips 2-9 */
  if (seglen == 1 && seq == fwd->nextseq && rev->window == 0)
    {
      v->flags |= HS_ANALYSIS_ZERO_WINDOW_PROBE;
      goto finished_fwd;
    }

  /* 2. Zero window */
  if (window == 0 && (flags & (HS_TCP_RST | HS_TCP_FIN | HS_TCP_SYN)) == 0)
    v->flags |= HS_ANALYSIS_ZERO_WINDOW;

  /* 3. Previous segment not captured */
  if (fwd->nextseq &&
      GT_SEQ (seq, fwd->nextseq) &&
      (flags & HS_TCP_RST) == 0)
    {
      v->flags |= HS_ANALYSIS_LOST_SEGMENT;
      /* no bytes in flight until the peer sends an ACK */
      fwd->valid_bif = FALSE;
    }

  /* 4. Keep-alive */
  if ((seglen == 0 || seglen == 1) &&
      seq == fwd->nextseq - 1 &&
      (flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)) == 0)
    v->flags |= HS_ANALYSIS_KEEP_ALIVE;

  /* 5. Window update */
  if (seglen == 0 &&
      window != 0 &&
      window != fwd->window &&
      seq == fwd->nextseq &&
      ack == fwd->lastack &&
      (flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)) == 0)
    v->flags |= HS_ANALYSIS_WINDOW_UPDATE;

  /* 6. Window full: exact edge of the peer's window, scaled unless the
   * peer's last window came from its SYN or SYN/ACK */
  if (seglen > 0 &&
      rev->win_scale != -1 &&
      (flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)) == 0)
    {
      guint shift = (rev->is_first_ack || rev->win_scale == -2) ? 0 : (guint)rev->win_scale;

      if ((guint32)(seq + seglen) == (guint32)(rev->lastack + (rev->window << shift)))
        v->flags |= HS_ANALYSIS_WINDOW_FULL;
    }

  /* 7. Keep-alive ACK: skips 8-9 */
  if (seglen == 0 &&
      window != 0 &&
      window == fwd->window &&
      seq == fwd->nextseq &&
      ack == fwd->lastack &&
      (rev->lastsegmentflags & HS_ANALYSIS_KEEP_ALIVE) &&
      (flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)) == 0)
    {
      v->flags |= HS_ANALYSIS_KEEP_ALIVE_ACK;
      goto finished_fwd;
    }

  /* 8. Zero window probe ACK: skips 9 */
  if (seglen == 0 &&
      window == 0 &&
      window == fwd->window &&
      seq == fwd->nextseq &&
      ack == fwd->lastack &&
      (rev->lastsegmentflags & HS_ANALYSIS_ZERO_WINDOW_PROBE) &&
      (flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)) == 0)
    {
      v->flags |= HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK;
      goto finished_fwd;
    }

  /* 9. Duplicate ACK */
  if (seglen == 0 &&
      window != 0 &&
      window == fwd->window &&
      seq == fwd->nextseq &&
      ack == fwd->lastack &&
      (flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)) == 0)
    {
      /* MPTCP tolerates duplicate ACKs in some circumstances (RFC 8684
       * 4): Wireshark ignores one when a kind of MPTCP option appeared in
       * the conversation since this side's previous segment */
      if (!(track->has_mptcp && track->mp_operations != fwd->mp_operations))
        {
          if (fwd->dupacknum == G_MAXUINT32)
            fwd->dupacknum = 1;
          else
            fwd->dupacknum++;
          v->flags |= HS_ANALYSIS_DUPLICATE_ACK;
          v->dupack_num = fwd->dupacknum;
          v->dupack_frame = fwd->lastnondupack;
        }
    }

finished_fwd:
  /* 10. a new ACK value restarts the duplicate count */
  if (ack != fwd->lastack)
    {
      fwd->lastnondupack = frame;
      fwd->dupacknum = 0;
    }

  /* 11. ACKed unseen segment */
  if (rev->maxseqtobeacked &&
      GT_SEQ (ack, rev->maxseqtobeacked) &&
      (flags & HS_TCP_ACK))
    {
      /* Measured (4.0.17): when the peer's contiguous edge lags behind its
       * highest sequence number (a hole), the ACK is flagged and the edge
       * catches up; otherwise it is flagged only if the peer's dup-ACK
       * counter is 0, which is then parked at -1 so repeats stay silent.
       * (The stored 3.7 source has "edge > nextseq" here, which never
       * holds; tshark behaves as a sequence-space "edge < nextseq".) */
      if (LT_SEQ (rev->maxseqtobeacked, rev->nextseq))
        {
          rev->maxseqtobeacked = rev->nextseq;
          v->flags |= HS_ANALYSIS_ACK_LOST_SEGMENT;
        }
      else
        {
          if (rev->dupacknum == 0)
            v->flags |= HS_ANALYSIS_ACK_LOST_SEGMENT;
          rev->dupacknum = G_MAXUINT32;
        }
    }

  /* 12. The retransmission family */
  if (seglen > 0 || (flags & (HS_TCP_SYN | HS_TCP_FIN)))
    {
      gboolean not_advanced = fwd->nextseq && LT_SEQ (seq, fwd->nextseq);
      guint64 t;
      guint64 ooo_thres;

      if (v->flags & HS_ANALYSIS_KEEP_ALIVE)
        goto finished_checking;

      /* new data restarting at the byte of a probe or keep-alive */
      if (seglen > 1 && fwd->nextseq - 1 == seq)
        not_advanced = FALSE;

      if (seglen > 0 &&
          rev->lastack &&
          LE_SEQ (seq + seglen, rev->lastack))
        {
          /* also tcp.analysis.retransmission, as in Wireshark's tree */
          v->flags |= HS_ANALYSIS_SPURIOUS_RETRANSMISSION | HS_ANALYSIS_RETRANSMISSION;
          goto finished_checking;
        }

      /* tcp.fastrt_supersedes_ooo (default): Fast before Out-Of-Order.
       * Time differences are unsigned, as in Wireshark: a packet older than
       * the reference never counts as "within".  The dup-ACK counter is
       * unsigned too, so its parked -1 counts as ">= 2" (measured). */
      t = (guint64)ts_ns - (guint64)rev->lastack_ts;
      if (not_advanced &&
          rev->dupacknum >= 2 &&
          rev->lastack == seq &&
          t < (guint64)HS_FAST_RETRANS_NS)
        {
          v->flags |= HS_ANALYSIS_FAST_RETRANSMISSION | HS_ANALYSIS_RETRANSMISSION;
          goto finished_checking;
        }

      t = (guint64)ts_ns - (guint64)fwd->nextseq_ts;
      ooo_thres = track->ts_first_rtt == 0 ? (guint64)HS_OOO_DEFAULT_NS
                                           : (guint64)track->ts_first_rtt;
      if (not_advanced &&
          t < ooo_thres &&
          fwd->nextseq != seq + seglen + ((flags & (HS_TCP_SYN | HS_TCP_FIN)) ? 1 : 0))
        {
          v->flags |= HS_ANALYSIS_OUT_OF_ORDER;
          goto finished_checking;
        }

      if (not_advanced)
        v->flags |= HS_ANALYSIS_RETRANSMISSION;
    }

finished_checking:
  /* 13. State update */
  nextseq = seq + seglen;
  if ((seglen || (flags & (HS_TCP_SYN | HS_TCP_FIN))) &&
      fwd->unacked.len < HS_MAX_UNACKED)
    {
      /* SYN and FIN take one sequence number (only counted here, as in
       * Wireshark, so not once the list is full) */
      if (flags & (HS_TCP_SYN | HS_TCP_FIN))
        nextseq += 1;
      _hs_tcp_unacked_push (&fwd->unacked, frame, seq, nextseq);
    }

  if (GT_SEQ (nextseq, fwd->nextseq) || !fwd->nextseq)
    {
      if (!(v->flags & HS_ANALYSIS_ZERO_WINDOW_PROBE))
        {
          fwd->nextseq = nextseq;
          fwd->nextseq_ts = ts_ns;
        }
    }

  if (seq == fwd->maxseqtobeacked || !fwd->maxseqtobeacked)
    {
      if (!(v->flags & HS_ANALYSIS_ZERO_WINDOW_PROBE))
        fwd->maxseqtobeacked = fwd->nextseq;
    }

  fwd->window = window;
  fwd->lastack = ack;
  fwd->lastack_ts = ts_ns;
  if (track->has_mptcp)
    fwd->mp_operations = track->mp_operations;
  fwd->lastsegmentflags = v->flags;

  /* ACK matching against the peer's segments (ACK flag or not: measured) */
  acked_frame = _hs_tcp_unacked_ack (&rev->unacked, ack);
  if (acked_frame != 0)
    v->acks_frame = acked_frame;

  /* Bytes in flight (payload method) and the SACK subtraction */
  if (seglen != 0 && fwd->unacked.len > 0 && fwd->valid_bif)
    {
      guint32 in_flight = _hs_tcp_unacked_span (&fwd->unacked, fwd->base_seq);
      guint i;

      if (rev->n_sack > 0)
        {
          guint32 delivered = 0;

          for (i = 0; i < rev->n_sack; i++)
            delivered += rev->sack_right[i] - rev->sack_left[i];
          in_flight -= delivered;
        }

      if (in_flight > 0 && in_flight < 2000000000)
        {
          v->bytes_in_flight = in_flight;
          if (flags & (HS_TCP_SYN | HS_TCP_FIN))
            v->bytes_in_flight -= 1;
        }
    }
}
