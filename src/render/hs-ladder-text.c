/* hs-ladder-text.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the ladder writes: a packet's label and badge, built on demand and
 * kept in a small cache that is dropped when it grows (scrolling through
 * a million packets does not keep a million strings), and the summary of
 * a collapsed row or a bundle. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-explain.h"
#include "hs-ladder-layout-impl.h"

/* Dropped and started again past this many positions' texts. */
#define TEXT_CACHE_MAX 4096

void
_hs_ladder_text_free (gpointer data)
{
  Text *text = data;

  g_free (text->label);
  g_free (text->badge);
  g_free (text);
}

/* ------------------------------------------------------------------------ */
/* Text                                                                      */

static void
append_part (GString    *str,
             const char *part)
{
  if (str->len > 0)
    g_string_append (str, " · ");
  g_string_append (str, part);
}

static char *
build_label (HsLadderLayout       *self,
             guint                 pos,
             const HsPacketRecord *r)
{
  guint index = self->pkts[pos];
  g_autofree char *flags = hs_tcp_flags_to_string (r->tcp_flags);
  GString *str = g_string_new (flags);

  /* Wireshark's words, untranslated, as in the Info column */
  g_string_append_printf (str, "  Seq=%u", hs_capture_relative_seq (self->capture, index));
  if (r->tcp_flags & HS_TCP_ACK)
    g_string_append_printf (str, " Ack=%u", hs_capture_relative_ack (self->capture, index));
  g_string_append_printf (str, " Win=%u", hs_packet_record_window (r));
  if (r->decode_status == HS_DECODE_TCP)
    g_string_append_printf (str, " Len=%u", r->payload_len);
  else
    g_string_append_printf (str, " · %s", _("Malformed packet"));

  /* the bytes only for the packets that have something to say: the
   * options of a SYN and SACK blocks as in the Info column, the summary */
  if (r->app != HS_APP_NONE || (r->tcp_flags & HS_TCP_SYN) || r->has_sack)
    {
      g_autoptr(GBytes) bytes = hs_capture_read_packet (self->capture, index, NULL);
      g_autofree char *options = hs_explain_info_options (self->capture, index, bytes,
                                                          !(r->tcp_flags & HS_TCP_SYN));
      g_autofree char *summary = hs_explain_app_summary (self->capture, index, bytes);

      g_string_append (str, options);

      /* the Info column's trailing space after an HTTP request line */
      if (summary != NULL && *g_strchomp (summary) != '\0')
        g_string_append_printf (str, " · %s", summary);
    }
  else if (r->payload_len > 0)
    {
      /* the end of an HTTP message, which the Info column shows there */
      g_autofree char *summary = hs_explain_app_summary (self->capture, index, NULL);

      if (summary != NULL && *g_strchomp (summary) != '\0')
        g_string_append_printf (str, " · %s", summary);
    }

  return g_string_free (str, FALSE);
}

static char *
build_badge (HsLadderLayout       *self,
             guint                 pos,
             const HsPacketRecord *r,
             guint                 orig)
{
  GString *str = g_string_new (NULL);
  guint a = r->analysis;

  if (r->decode_status == HS_DECODE_MALFORMED || (r->problems & MALFORMED_PROBLEMS))
    append_part (str, _("Malformed"));
  if (r->tcp_flags & HS_TCP_RST)
    append_part (str, _("Reset"));
  if (a & HS_ANALYSIS_LOST_SEGMENT)
    append_part (str, _("Previous segment not captured"));
  if (a & HS_ANALYSIS_ACK_LOST_SEGMENT)
    append_part (str, _("ACKed unseen segment"));

  if (a & RETRANSMISSION_FAMILY)
    {
      g_autofree char *text = NULL;

      /* Translators: %u is a frame number, as in the packet list */
      if (orig != G_MAXUINT && (a & HS_ANALYSIS_SPURIOUS_RETRANSMISSION))
        text = g_strdup_printf (_("Spurious retransmission of #%u"), orig + 1);
      else if (orig != G_MAXUINT && (a & HS_ANALYSIS_FAST_RETRANSMISSION))
        text = g_strdup_printf (_("Fast retransmission of #%u"), orig + 1);
      else if (orig != G_MAXUINT)
        text = g_strdup_printf (_("Retransmission of #%u"), orig + 1);
      else if (a & HS_ANALYSIS_SPURIOUS_RETRANSMISSION)
        text = g_strdup (_("Spurious retransmission"));
      else if (a & HS_ANALYSIS_FAST_RETRANSMISSION)
        text = g_strdup (_("Fast retransmission"));
      else
        text = g_strdup (_("Retransmission"));
      append_part (str, text);
    }

  if (a & HS_ANALYSIS_OUT_OF_ORDER)
    append_part (str, _("Out of order"));
  if (a & HS_ANALYSIS_DUPLICATE_ACK)
    {
      /* Translators: the n-th duplicate of an ACK, as Wireshark counts them */
      g_autofree char *text = g_strdup_printf (_("Dup ACK #%u"),
                                               hs_packet_record_dupack_num (r));

      append_part (str, text);
    }
  if (a & HS_ANALYSIS_ZERO_WINDOW_PROBE)
    append_part (str, _("Zero window probe"));
  if (a & HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK)
    append_part (str, _("Zero window probe ACK"));
  /* a probe's ACK says the window is still zero: once is enough */
  if ((a & HS_ANALYSIS_ZERO_WINDOW) && !(a & HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK))
    append_part (str, _("Zero window"));
  if (a & HS_ANALYSIS_WINDOW_FULL)
    append_part (str, _("Window full"));
  if (a & HS_ANALYSIS_WINDOW_UPDATE)
    append_part (str, _("Window update"));
  /* Linux probes a zero window with an old byte, which Wireshark calls a
   * keep-alive */
  if ((a & HS_ANALYSIS_KEEP_ALIVE) &&
      hs_explain_keep_alive_probes_window (self->capture, self->pkts[pos]))
    append_part (str, _("Zero window probe (keep-alive)"));
  else if (a & HS_ANALYSIS_KEEP_ALIVE)
    append_part (str, _("Keep-alive"));
  if (a & HS_ANALYSIS_KEEP_ALIVE_ACK)
    append_part (str, _("Keep-alive ACK"));
  if (a & HS_ANALYSIS_REUSED_PORTS)
    append_part (str, _("Ports reused"));

  if (str->len == 0)
    {
      g_string_free (str, TRUE);
      return NULL;
    }

  return g_string_free (str, FALSE);
}

/* The cache entry of a position, empty when new. */
static Text *
get_text (HsLadderLayout *self,
          guint           pos)
{
  Text *text;

  text = g_hash_table_lookup (self->texts, GUINT_TO_POINTER (pos));
  if (text != NULL)
    return text;

  /* bounded: the painters ask for what is on screen, over and over */
  if (g_hash_table_size (self->texts) >= TEXT_CACHE_MAX)
    g_hash_table_remove_all (self->texts);

  text = g_new0 (Text, 1);
  text->original = HS_LADDER_NO_POS;
  text->original_frame = G_MAXUINT;
  g_hash_table_insert (self->texts, GUINT_TO_POINTER (pos), text);

  return text;
}

/* The original of a retransmission, looked for once. */
static void
text_find_original (HsLadderLayout       *self,
                    Text                 *text,
                    guint                 pos,
                    const HsPacketRecord *r)
{
  if (text->has_original)
    return;

  text->has_original = TRUE;
  if ((r->analysis & RETRANSMISSION_FAMILY) == 0)
    return;

  text->original_frame = hs_capture_find_original (self->capture, self->pkts[pos]);
  if (text->original_frame != G_MAXUINT)
    text->original = hs_ladder_layout_find_frame (self, text->original_frame);
}

const char *
hs_ladder_layout_get_label (HsLadderLayout *self,
                            guint           pos)
{
  Text *text;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (pos < self->n_pkts, NULL);

  text = get_text (self, pos);
  if (!text->has_label)
    {
      text->label = build_label (self, pos, _hs_ladder_layout_get_record (self, pos));
      text->has_label = TRUE;
      self->stats.labels_built++;
    }

  return text->label;
}

const char *
hs_ladder_layout_get_badge (HsLadderLayout *self,
                            guint           pos)
{
  Text *text;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (pos < self->n_pkts, NULL);

  text = get_text (self, pos);
  if (!text->has_badge)
    {
      const HsPacketRecord *r = _hs_ladder_layout_get_record (self, pos);

      text_find_original (self, text, pos, r);
      text->badge = build_badge (self, pos, r, text->original_frame);
      text->has_badge = TRUE;
      self->stats.labels_built++;
    }

  return text->badge;
}

char *
hs_ladder_layout_dup_run_summary (HsLadderLayout *self,
                                  guint           row)
{
  const HsLadderRow *r;
  const Run *runs;
  g_autofree char *count = NULL;
  g_autofree char *size = NULL;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->n_rows, NULL);

  r = &self->rows[row];
  if (r->kind == HS_LADDER_ROW_PACKET)
    return NULL;

  runs = (const Run *) self->runs->data;
  hi = self->runs->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (runs[mid].first < r->first)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_assert (lo < self->runs->len && runs[lo].first == r->first);

  count = hs_format_count (r->n);
  size = g_format_size (runs[lo].bytes);

  if (r->kind == HS_LADDER_ROW_BUNDLE)
    {
      g_autofree char *duration = hs_format_duration (pos_time (self, r->first + r->n - 1) -
                                                      pos_time (self, r->first));

      /* Translators: time-true ladder, packets too close together in time
       * to be drawn one by one: "40 packets in 1.2 ms, 57.9 kB" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s packet in %s, %s",
                                           "%s packets in %s, %s", r->n),
                              count, duration, size);
    }

  /* Translators: a collapsed run of ordinary packets: "1,204 segments, 3.1 MB" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s segment, %s", "%s segments, %s",
                                       r->n),
                          count, size);
}

/* ------------------------------------------------------------------------ */
/* Private                                                                   */

guint
_hs_ladder_layout_get_original (HsLadderLayout *self,
                                guint           pos)
{
  const HsPacketRecord *r;
  Text *text;

  g_assert (pos < self->n_pkts);

  r = _hs_ladder_layout_get_record (self, pos);
  if ((r->analysis & RETRANSMISSION_FAMILY) == 0)
    return HS_LADDER_NO_POS;

  text = get_text (self, pos);
  text_find_original (self, text, pos, r);
  return text->original;
}
