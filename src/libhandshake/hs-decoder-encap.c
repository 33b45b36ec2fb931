/* hs-decoder-encap.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Tags and shims that sit between an Ethernet header and its payload, as
 * Wireshark 4.0 decodes them by default: Cisco FabricPath and ISL (which
 * replace the Ethernet header), Cisco SGT metadata, 802.1ah PBB, VN-Tag,
 * 802.1BR E-Tag, MACsec without encryption, and NSH (also reached from GRE,
 * VXLAN-GPE and itself). */

#include "config.h"

#include "hs-decoder-private.h"

#define ETHERTYPE_FABRICPATH  0x8903
#define ETHERTYPE_CMD         0x8909
#define ETHERTYPE_PBB         0x88e7
#define ETHERTYPE_VNTAG       0x8926
#define ETHERTYPE_ETAG        0x893f
#define ETHERTYPE_MACSEC      0x88e5
#define ETHERTYPE_NSH         0x894f

#define MACSEC_ICV_LEN 16

/* Cisco FabricPath: outer hierarchical MAC addresses, an optional 802.1ad
 * tag, the FabricPath tag (ethertype 0x8903, FTAG, TTL), then a whole
 * Ethernet frame.  Wireshark detects it with a heuristic that runs before
 * the ethertype, on every Ethernet frame, and always takes the last four
 * bytes for the FabricPath FCS. */
static void
decode_fabricpath (DecodeCtx    *ctx,
                   const guint8 *p,
                   guint         cap,
                   guint         rep,
                   guint         hlen)
{
  if (cap < hlen)
    {
      truncated (ctx, cap, rep, "FabricPath header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_TUNNEL, HS_TUNNEL_FABRICPATH, p, hlen);
  p += hlen;
  cap -= hlen;
  rep -= hlen;

  if (rep < 4)
    {
      set_status (ctx, HS_DECODE_MALFORMED, "FabricPath frame shorter than its FCS");
      return;
    }
  rep -= 4;
  cap = MIN (cap, rep);

  _hs_decode_ethernet (ctx, p, cap, rep);
}

/* Cisco ISL: a 26-byte header in an 802.3 frame sent to 01-00-0c-00-00 or
 * 0c-00-0c-00-00, then the frame with its own FCS; the ISL CRC follows. */
static void
decode_isl (DecodeCtx    *ctx,
            const guint8 *p,
            guint         cap,
            guint         rep)
{
  guint len;

  if (cap < 26)
    {
      truncated (ctx, cap, rep, "ISL header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_TUNNEL, HS_TUNNEL_ISL, p, 26);

  /* Only Ethernet frames (type 0). */
  if ((p[5] >> 4) != 0)
    return;

  /* The length counts from after itself, without the CRC. */
  len = RD16 (p + 12);
  if (len + 14 < rep)
    {
      rep = len + 14;
      cap = MIN (cap, rep);
    }
  if (rep < 26 + 4)
    {
      set_status (ctx, HS_DECODE_MALFORMED, "ISL frame shorter than its header");
      return;
    }

  rep -= 26 + 4;                /* the encapsulated frame's FCS */
  cap = MIN (cap - 26, rep);
  _hs_decode_ethernet (ctx, p + 26, cap, rep);
}

gboolean
_hs_decode_encap_ethernet (DecodeCtx    *ctx,
                           const guint8 *p,
                           guint         cap,
                           guint         rep)
{
  guint16 type;

  g_assert (ctx != NULL && ctx->out != NULL);
  g_assert (cap >= 14);

  type = RD16 (p + 12);

  if (type == ETHERTYPE_FABRICPATH)
    {
      decode_fabricpath (ctx, p, cap, rep, 16);
      return TRUE;
    }

  if ((type == 0x8100 || type == 0x88a8) && cap >= 18 && RD16 (p + 16) == ETHERTYPE_FABRICPATH)
    {
      decode_fabricpath (ctx, p, cap, rep, 20);
      return TRUE;
    }

  if (type <= 1500 && (p[0] == 0x01 || p[0] == 0x0c) &&
      p[1] == 0x00 && p[2] == 0x0c && p[3] == 0x00 && p[4] == 0x00)
    {
      decode_isl (ctx, p, cap, rep);
      return TRUE;
    }

  return FALSE;
}

/* A fixed-length tag whose last two bytes are the next ethertype. */
static void
decode_tag (DecodeCtx    *ctx,
            HsTunnelKind  kind,
            guint         len,
            gboolean      allow_length,
            const char   *text,
            const guint8 *p,
            guint         cap,
            guint         rep)
{
  if (cap < len)
    {
      truncated (ctx, cap, rep, text);
      return;
    }

  add_layer (ctx, HS_LAYER_TUNNEL, kind, p, len);
  _hs_decode_ethertype (ctx, RD16 (p + len - 2), allow_length, p + len, cap - len, rep - len);
}

/* IEEE 802.1AE.  Wireshark goes on into the payload only when neither the
 * E (encrypted) nor the C (changed) bit is set: the data is then the user
 * data, starting with its ethertype, followed by a 16-byte ICV. */
static void
decode_macsec (DecodeCtx    *ctx,
               const guint8 *p,
               guint         cap,
               guint         rep)
{
  guint sectag, data_len;
  guint8 tci;

  if (cap < 1)
    {
      truncated (ctx, cap, rep, "MACsec SecTAG truncated");
      return;
    }

  tci = p[0];
  sectag = (tci & 0x20) ? 14 : 6;   /* SC: an explicit SCI */

  /* Wireshark does not take shorter frames for MACsec at all. */
  if (cap <= sectag + MACSEC_ICV_LEN)
    {
      if (cap < rep)
        truncated (ctx, cap, rep, "MACsec frame truncated");
      else
        set_status (ctx, HS_DECODE_NOT_TCP, "MACsec frame too short");
      return;
    }

  if (tci & 0x0c)
    {
      add_layer (ctx, HS_LAYER_TUNNEL, HS_TUNNEL_MACSEC, p, sectag);
      set_status (ctx, HS_DECODE_NOT_TCP, "MACsec frame is encrypted or modified");
      return;
    }

  /* The short length gives the data length of frames under 64 bytes. */
  if ((p[1] & 0x3f) != 0)
    data_len = p[1] & 0x3f;
  else
    data_len = rep - sectag - MACSEC_ICV_LEN;

  if (data_len < 2)
    {
      set_status (ctx, HS_DECODE_MALFORMED, "MACsec data shorter than its ethertype");
      return;
    }

  add_layer (ctx, HS_LAYER_TUNNEL, HS_TUNNEL_MACSEC, p, sectag + 2);
  rep = data_len - 2;
  cap = MIN (cap - sectag - 2, rep);
  _hs_decode_ethertype (ctx, RD16 (p + sectag), FALSE, p + sectag + 2, cap, rep);
}

/* Network Service Header (RFC 8300). */
void
_hs_decode_nsh (DecodeCtx    *ctx,
                const guint8 *p,
                guint         cap,
                guint         rep)
{
  guint len;

  g_assert (ctx != NULL && ctx->out != NULL);
  g_assert (p != NULL || cap == 0);

  if (!enter (ctx))
    return;

  if (cap < 8)
    {
      truncated (ctx, cap, rep, "NSH header truncated");
      return;
    }

  /* Wireshark corrects a length that does not fit the MD type. */
  len = (RD16 (p) & 0x3f) * 4u;
  switch (p[2])
    {
    case 1:
      len = 24;
      break;

    case 2:
      len = MAX (len, 8u);
      break;

    default:
      len = MAX (len, 4u);
      break;
    }

  if (len > cap)
    {
      truncated (ctx, cap, rep, "NSH header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_TUNNEL, HS_TUNNEL_NSH, p, len);
  if (len >= cap)
    return;

  switch (p[3])
    {
    case 1:
      _hs_decode_ipv4 (ctx, p + len, cap - len, rep - len);
      break;

    case 2:
      _hs_decode_ipv6 (ctx, p + len, cap - len, rep - len);
      break;

    case 3:
      _hs_decode_ethernet (ctx, p + len, cap - len, rep - len);
      break;

    case 4:
      _hs_decode_nsh (ctx, p + len, cap - len, rep - len);
      break;

    case 5:
      _hs_decode_mpls (ctx, p + len, cap - len, rep - len);
      break;

    default:
      break;
    }
}

gboolean
_hs_decode_encap_ethertype (DecodeCtx    *ctx,
                            guint16       type,
                            const guint8 *p,
                            guint         cap,
                            guint         rep)
{
  g_assert (ctx != NULL && ctx->out != NULL);
  g_assert (p != NULL || cap == 0);

  switch (type)
    {
    case ETHERTYPE_CMD:
      /* version, length, option length and type, SGT, ethertype */
      decode_tag (ctx, HS_TUNNEL_CISCO_METADATA, 8, FALSE, "Cisco metadata truncated",
                  p, cap, rep);
      return TRUE;

    case ETHERTYPE_PBB:
      /* I-TAG, customer destination and source, then an 802.1Q-like
       * type or length */
      decode_tag (ctx, HS_TUNNEL_PBB, 18, TRUE, "802.1ah header truncated", p, cap, rep);
      return TRUE;

    case ETHERTYPE_VNTAG:
      decode_tag (ctx, HS_TUNNEL_VNTAG, 6, FALSE, "VN-Tag truncated", p, cap, rep);
      return TRUE;

    case ETHERTYPE_ETAG:
      decode_tag (ctx, HS_TUNNEL_ETAG, 8, FALSE, "E-Tag truncated", p, cap, rep);
      return TRUE;

    case ETHERTYPE_MACSEC:
      decode_macsec (ctx, p, cap, rep);
      return TRUE;

    case ETHERTYPE_NSH:
      _hs_decode_nsh (ctx, p, cap, rep);
      return TRUE;

    default:
      return FALSE;
    }
}
