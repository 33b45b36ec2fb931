/* hs-explain-tree-tcp.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The header tree from TCP up: the TCP header with every option and the
 * analysis of the record, TLS records, HTTP headers, the problems; and
 * hs_explain_fields(), which puts the layers together. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-explain-tree-private.h"

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

  while (_hs_tcp_option_next (opts, size, captured, &pos, &opt))
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
      if (!_hs_tcp_option_valid (&opt))
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
G_STATIC_ASSERT (G_N_ELEMENTS (tcp_flag_names) == 9);

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

  g_assert (tree != NULL);
  g_assert (st != NULL && st->rec != NULL);
  g_assert (d != NULL && sp != NULL);

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
       _hs_completeness_label (conn->completeness), conn->completeness);
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
  add (group, sp, 12, 1, _("Reserved"), "%s", _hs_set_text (flags & 0xe00));
  for (i = G_N_ELEMENTS (tcp_flag_names); i > 0; i--)
    add (group, sp, i - 1 == 8 ? 12 : 13, 1, _(tcp_flag_names[i - 1]), "%s",
         _hs_set_text (flags & (1u << (i - 1))));

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
                            _hs_stream_base (st, !rec->direction));
    }

  /* timestamps within the connection */
  {
    g_autofree char *since_first = _hs_format_seconds (rec->ts_ns - conn->first_ts_ns);

    group = add (tcp, sp, 0, 0, _("Timestamps"), NULL);
    add (group, sp, 0, 0, _("Time since the first frame of this connection"), "%s",
         since_first);
    if (st->pos > 0)
      {
        g_autofree char *since_prev =
          _hs_format_seconds (rec->ts_ns - stream_record (st, st->pos - 1)->ts_ns);

        add (group, sp, 0, 0, _("Time since the previous frame of this connection"), "%s",
             since_prev);
      }
  }

  /* SEQ/ACK analysis: only what the analysis found */
  if (analysed)
    {
      guint32 bif = hs_packet_record_bytes_in_flight (rec);
      guint32 acks_frame = hs_packet_record_acks_frame (rec);   /* a dup ACK's too */
      gboolean acks = acks_frame != HS_NO_FRAME &&
                      acks_frame <= hs_capture_get_n_packets (st->capture);

      if (acks || conn->irtt_ns >= 0 || bif > 0 || rec->analysis != 0)
        {
          group = add (tcp, sp, 0, 0, _("SEQ/ACK analysis"), NULL);

          if (acks)
            {
              const HsPacketRecord *acked = hs_capture_get_record (st->capture, acks_frame - 1);
              g_autofree char *rtt = _hs_format_seconds (rec->ts_ns - acked->ts_ns);

              add (group, sp, 0, 0, _("This is an ACK to the segment in frame"), "%u",
                   acks_frame);
              /* as Wireshark, which leaves out an RTT of 0 */
              if (rec->ts_ns != acked->ts_ns)
                add (group, sp, 0, 0, _("The RTT to ACK the segment was"), "%s", rtt);
            }
          if (conn->irtt_ns >= 0)
            {
              g_autofree char *irtt = _hs_format_seconds (conn->irtt_ns);

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

  while (off < len && _hs_tls_record_header_ok (payload + off, len - off))
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
        _hs_tls_record_names (r, names);
      else
        g_string_append (names, _("continues in later segments"));

      label = g_strdup_printf ("%s Record Layer: %s Protocol: %s",
                               _hs_tls_version_name (RD16 (r + 1)),
                               _hs_tls_content_name (r[0]), names->str);
      rf = add (tls, &sp, (guint) off, avail, label, NULL);

      content = g_strdup_printf ("%s (%u)", _hs_tls_content_name (r[0]), r[0]);
      add (rf, &sp, (guint) off, 1, _("Content type"), "%s", content);
      add (rf, &sp, (guint) off + 1, 2, _("Version"), "%s (0x%04x)",
           _hs_tls_version_name (RD16 (r + 1)), RD16 (r + 1));
      add (rf, &sp, (guint) off + 3, 2, _("Length"), "%u", rlen);

      if (complete && r[0] == 22 && _hs_tls_handshake_plain (r + 5, rlen))
        {
          guint moff = 0;

          while (moff + 4 <= rlen)
            {
              const guint8 *m = r + 5 + moff;
              guint32 mlen = ((guint32) m[1] << 16) | ((guint32) m[2] << 8) | m[3];

              add (rf, &sp, (guint)(off + 5 + moff), 1, _("Handshake type"), "%s (%u)",
                   _hs_tls_handshake_name (m[0]), m[0]);
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
  _hs_decoded_init (&d, capture, index, bytes);
  have_stream = _hs_stream_init (&st, capture, index);

  _hs_fields_frame (tree, capture, index, &d);

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
            _hs_fields_layer (tree, &d, i);
        }
    }

  /* a segment rebuilt from fragments (or no bytes at all): from the record */
  if (have_stream && !tcp_done)
    fields_tcp (tree, &st, &d, &no_span, NULL, 0);

  if (d.ok && d.payload != NULL && d.payload_captured > 0 && rec->decode_status == HS_DECODE_TCP)
    {
      Span psp = { d.payload_in_frame, d.payload_offset };

      if (_hs_tls_record_header_ok (d.payload, d.payload_captured))
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
