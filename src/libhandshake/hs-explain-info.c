/* hs-explain-info.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Info column, as tshark 4.0 prints it: the analysis labels, the TCP
 * line with its options, or what a packet that is no analysed segment is. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-explain-private.h"

/* ------------------------------------------------------------------------ */
/* Flags                                                                     */

char *
hs_tcp_flags_to_string (guint flags)
{
  /* Wireshark 4.0's names, in bit order */
  static const char * const names[] = {
    "FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE",
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == 9);
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

/* ------------------------------------------------------------------------ */
/* The Info column                                                           */

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

  while (_hs_tcp_option_next (opts, size, captured, &pos, &opt))
    {
      const guint8 *o = opts + opt.offset;

      if (!_hs_tcp_option_valid (&opt))
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
            guint32 base = _hs_stream_base (st, !st->rec->direction);
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

const char *
_hs_ip_proto_name (guint proto)
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

const char *
_hs_ethertype_name (guint type)
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
char *
_hs_info_not_tcp (const HsPacketRecord *rec,
                  const Decoded        *d)
{
  const HsLayer *last = NULL;

  g_assert (rec != NULL);
  g_assert (d != NULL);

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
          const char *proto = _hs_ip_proto_name (d->dec.ip_proto);

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
      const char *proto = _hs_ip_proto_name (d->dec.ip_proto);

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
      name = _hs_ethertype_name (type);
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
  _hs_decoded_init (&d, capture, index, bytes);

  if (!_hs_stream_init (&st, capture, index))
    return _hs_info_not_tcp (rec, &d);

  str = g_string_new (NULL);
  app = g_string_new (NULL);

  append_analysis_labels (str, rec);
  prefix_len = str->len;

  switch (_hs_info_app (&st, &d, app))
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
  _hs_decoded_init (&d, capture, index, bytes);
  if (_hs_stream_init (&st, capture, index) && st.rec->decode_status == HS_DECODE_TCP &&
      !(st.rec->problems & HS_PROBLEM_BAD_HEADER_LENGTH))
    append_info_options (str, &st, &d, sack_only);

  return g_string_free (str, FALSE);
}
