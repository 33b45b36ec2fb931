/* hs-explain-tree.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The header tree of the details pane, the frame and the layers below TCP
 * (link layers, tunnels, IP), each field with the bytes it covers. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-explain-tree-private.h"

/* ------------------------------------------------------------------------ */
/* The header tree                                                           */

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

const char *
_hs_set_text (gboolean set)
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
  const char *name = _hs_ethertype_name (type);

  if (name != NULL)
    return g_strdup_printf ("%s (0x%04x)", name, type);
  return g_strdup_printf ("0x%04x", type);
}

static char *
format_ip_proto (guint proto)
{
  const char *name = _hs_ip_proto_name (proto);

  if (name != NULL)
    return g_strdup_printf ("%s (%u)", name, proto);
  return g_strdup_printf ("%u", proto);
}

static char *
format_dscp_ecn (guint8 ds)
{
  static const char * const ecn[] = { "Not-ECT", "ECT(1)", "ECT(0)", "CE" };
  G_STATIC_ASSERT (G_N_ELEMENTS (ecn) == 4);
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

const char *
_hs_completeness_label (guint8 c)
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

void
_hs_fields_frame (GPtrArray *tree,
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

  g_assert (tree != NULL);
  g_assert (HS_IS_CAPTURE (capture));
  g_assert (d != NULL);

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
  since_first = _hs_format_seconds (rec->ts_ns - hs_capture_get_record (capture, 0)->ts_ns);
  add (frame, &no_span, 0, 0, _("Time since the first frame"), "%s", since_first);
  if (index > 0)
    {
      since_prev = _hs_format_seconds (rec->ts_ns - hs_capture_get_record (capture,
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
  add (group, sp, 6, 1, _("Reserved bit"), "%s", _hs_set_text (flags & 4));
  add (group, sp, 6, 1, _("Don’t fragment"), "%s", _hs_set_text (flags & 2));
  add (group, sp, 6, 1, _("More fragments"), "%s", _hs_set_text (flags & 1));
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

/* The name Wireshark gives a tunnel or tag header. */
static const char *
tunnel_name (guint8 kind)
{
  switch (kind)
    {
    case HS_TUNNEL_VXLAN:           return "Virtual eXtensible Local Area Network (VXLAN)";
    case HS_TUNNEL_ERSPAN:          return "Encapsulated Remote Switch Port Analyzer (ERSPAN)";
    case HS_TUNNEL_TEREDO:          return "Teredo IPv6 over UDP tunneling";
    case HS_TUNNEL_L2TP:            return "Layer 2 Tunneling Protocol (L2TP)";
    case HS_TUNNEL_GENEVE:          return "Generic Network Virtualization Encapsulation";
    case HS_TUNNEL_VXLAN_GPE:       return "Virtual eXtensible Local Area Network (GPE)";
    case HS_TUNNEL_CAPWAP:          return "Control And Provisioning of Wireless Access "
                                           "Points - Data";
    case HS_TUNNEL_LISP:            return "Locator/ID Separation Protocol (Data)";
    case HS_TUNNEL_NSH:             return "Network Service Header";
    case HS_TUNNEL_CISCO_METADATA:  return "Cisco MetaData";
    case HS_TUNNEL_FABRICPATH:      return "Cisco FabricPath";
    case HS_TUNNEL_PBB:             return "IEEE 802.1ah";
    case HS_TUNNEL_VNTAG:           return "VN-Tag";
    case HS_TUNNEL_ETAG:            return "IEEE 802.1BR E-Tag";
    case HS_TUNNEL_MACSEC:          return "802.1AE Security Tag";
    case HS_TUNNEL_ISL:             return "Cisco ISL";
    case HS_TUNNEL_ETHERIP:         return "Ethernet over IP";
    default:                        return NULL;
    }
}

static guint
rd24 (const guint8 *p)
{
  return ((guint) p[0] << 16) | ((guint) p[1] << 8) | p[2];
}

/* A tunnel or tag header: its name, and its main fields where the bytes
 * are there. */
static void
fields_tunnel (GPtrArray    *tree,
               const Span   *sp,
               guint8        kind,
               const guint8 *p,
               guint         avail)
{
  const char *name = tunnel_name (kind);
  HsField *node;

  node = top (tree, sp, avail, "%s", name != NULL ? name : _("Tunnel"));

  if (p != NULL)
    {
      g_autofree char *type = NULL;

      switch (kind)
        {
        case HS_TUNNEL_VXLAN:
          if (avail >= 8)
            add (node, sp, 4, 3, _("VXLAN network identifier"), "%u", rd24 (p + 4));
          break;

        case HS_TUNNEL_VXLAN_GPE:
          if (avail >= 8)
            {
              add (node, sp, 3, 1, _("Next protocol"), "%u", p[3]);
              add (node, sp, 4, 3, _("VXLAN network identifier"), "%u", rd24 (p + 4));
            }
          break;

        case HS_TUNNEL_GENEVE:
          if (avail >= 8)
            {
              type = format_ethertype (RD16 (p + 2));
              add (node, sp, 0, 1, _("Options length"),
                   g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", avail - 8), avail - 8);
              add (node, sp, 2, 2, _("Protocol type"), "%s", type);
              add (node, sp, 4, 3, _("Virtual network identifier"), "0x%06x", rd24 (p + 4));
            }
          break;

        case HS_TUNNEL_NSH:
          if (avail >= 8)
            {
              add (node, sp, 2, 1, _("Metadata type"), "%u", p[2]);
              add (node, sp, 3, 1, _("Next protocol"), "%u", p[3]);
              add (node, sp, 4, 3, _("Service path identifier"), "%u", rd24 (p + 4));
              add (node, sp, 7, 1, _("Service index"), "%u", p[7]);
            }
          break;

        case HS_TUNNEL_CAPWAP:
          if (avail >= 4)
            add (node, sp, 1, 3, _("Wireless binding ID"), "%u", (p[2] >> 1) & 0x1f);
          break;

        case HS_TUNNEL_CISCO_METADATA:
          if (avail >= 8)
            {
              type = format_ethertype (RD16 (p + 6));
              add (node, sp, 4, 2, _("Security group tag"), "%u", RD16 (p + 4));
              add (node, sp, 6, 2, _("Type"), "%s", type);
            }
          break;

        case HS_TUNNEL_FABRICPATH:
          if (avail >= 16)
            {
              guint ftag = RD16 (p + avail - 2);

              add (node, sp, avail - 2, 2, "FTAG", "%u", ftag >> 6);
              add (node, sp, avail - 2, 2, _("Time to live"), "%u", ftag & 0x3f);
            }
          break;

        case HS_TUNNEL_PBB:
          if (avail >= 18)
            {
              g_autofree char *dst = format_mac (p + 4);
              g_autofree char *src = format_mac (p + 10);

              type = format_ethertype (RD16 (p + 16));
              add (node, sp, 1, 3, "I-SID", "%u", rd24 (p + 1));
              add (node, sp, 4, 6, _("Destination"), "%s", dst);
              add (node, sp, 10, 6, _("Source"), "%s", src);
              add (node, sp, 16, 2, _("Type"), "%s", type);
            }
          break;

        case HS_TUNNEL_VNTAG:
          if (avail >= 6)
            {
              type = format_ethertype (RD16 (p + 4));
              add (node, sp, 0, 2, _("Destination VIF"), "%u", RD16 (p) & 0x3fff);
              add (node, sp, 2, 2, _("Source VIF"), "%u", RD16 (p + 2) & 0x0fff);
              add (node, sp, 4, 2, _("Type"), "%s", type);
            }
          break;

        case HS_TUNNEL_ETAG:
          if (avail >= 8)
            {
              type = format_ethertype (RD16 (p + 6));
              add (node, sp, 2, 2, "E-CID", "%u", ((guint) p[5] << 12) | (RD16 (p + 2) & 0xfff));
              add (node, sp, 6, 2, _("Type"), "%s", type);
            }
          break;

        case HS_TUNNEL_MACSEC:
          if (avail >= 6)
            {
              add (node, sp, 0, 1, _("Encrypted"), "%s", _hs_set_text (p[0] & 0x08));
              add (node, sp, 2, 4, _("Packet number"), "%u", RD32 (p + 2));
              if ((p[0] & 0x0c) == 0 && avail >= 8)
                {
                  type = format_ethertype (RD16 (p + avail - 2));
                  add (node, sp, avail - 2, 2, _("Type"), "%s", type);
                }
            }
          break;

        case HS_TUNNEL_ISL:
          if (avail >= 26)
            add (node, sp, 20, 2, _("VLAN ID"), "%u", RD16 (p + 20) >> 1);
          break;

        default:
          break;
        }
    }

  add (node, sp, 0, avail, _("Header length"),
       g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", avail), avail);
}

/* One layer below TCP (or of a packet without TCP). */
void
_hs_fields_layer (GPtrArray     *tree,
                  const Decoded *d,
                  guint          i)
{
  const HsLayer *l = &d->dec.layers[i];
  gboolean in_frame = i < d->dec.n_frame_layers;
  const guint8 *p = NULL;
  guint avail = l->length;
  Span sp = { in_frame, l->offset };
  HsField *node;

  g_assert (tree != NULL);
  g_assert (d != NULL);
  g_assert (i < d->dec.n_layers);

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
      fields_tunnel (tree, &sp, l->detail, p, avail);
      break;

    case HS_LAYER_TCP:
    case HS_LAYER_PAYLOAD:
    default:
      break;
    }
}
