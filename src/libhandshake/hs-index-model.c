/* hs-index-model.c
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

#include <string.h>

#include "hs-capture-private.h"
#include "hs-explain.h"
#include "hs-index-model.h"
#include "hs-packet-item.h"

struct _HsIndexModel
{
  GObject    parent_instance;

  HsCapture *capture;
  guint32   *indices;     /* ascending packet indexes; NULL when all */
  guint      n_items;
  guint      n_allocated; /* of indices, while following a live capture */
  gulong     added_handler;

  /* what a filtered model keeps, to follow a live capture */
  guint32    stream;
  guint      analysis_mask;
  guint      all : 1;     /* every packet: position == index */
  guint      problems_only : 1;
};

enum {
  PROP_0,
  PROP_CAPTURE,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};

static GType
hs_index_model_get_item_type (GListModel *model)
{
  return HS_TYPE_PACKET_ITEM;
}

static guint
hs_index_model_get_n_items (GListModel *model)
{
  return HS_INDEX_MODEL (model)->n_items;
}

static gpointer
hs_index_model_get_item (GListModel *model,
                         guint       position)
{
  HsIndexModel *self = HS_INDEX_MODEL (model);

  if (position >= self->n_items)
    return NULL;

  return hs_packet_item_new (self->capture, self->all ? position : self->indices[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = hs_index_model_get_item_type;
  iface->get_n_items = hs_index_model_get_n_items;
  iface->get_item = hs_index_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (HsIndexModel, hs_index_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GParamSpec *properties [N_PROPS];

static inline gboolean
record_matches (const HsPacketRecord *rec,
                guint                 analysis_mask,
                gboolean              problems_only)
{
  if (analysis_mask != 0 && (rec->analysis & analysis_mask) == 0)
    return FALSE;
  if (problems_only && !hs_packet_record_is_anomaly (rec))
    return FALSE;
  return TRUE;
}

static void
hs_index_model_dispose (GObject *object)
{
  HsIndexModel *self = (HsIndexModel *) object;

  if (self->added_handler != 0)
    g_clear_signal_handler (&self->added_handler, self->capture);
  g_clear_object (&self->capture);

  G_OBJECT_CLASS (hs_index_model_parent_class)->dispose (object);
}

static void
hs_index_model_finalize (GObject *object)
{
  HsIndexModel *self = (HsIndexModel *) object;

  g_clear_pointer (&self->indices, g_free);

  G_OBJECT_CLASS (hs_index_model_parent_class)->finalize (object);
}

static void
hs_index_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HsIndexModel *self = HS_INDEX_MODEL (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;

    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, HS_TYPE_PACKET_ITEM);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_index_model_class_init (HsIndexModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_index_model_dispose;
  object_class->finalize = hs_index_model_finalize;
  object_class->get_property = hs_index_model_get_property;

  properties [PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL,
                         HS_TYPE_CAPTURE,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL,
                        G_TYPE_OBJECT,
                        (G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_index_model_init (HsIndexModel *self)
{
}

static void
append_index (HsIndexModel *self,
              guint32       index)
{
  if (self->n_items == self->n_allocated)
    {
      self->n_allocated = MAX (64, self->n_allocated + self->n_allocated / 2);
      self->indices = g_renew (guint32, self->indices, self->n_allocated);
    }
  self->indices[self->n_items++] = index;
}

/* A batch of a live capture: the new packets this view keeps go at the end
 * (packets are appended in index order), in one items-changed. */
static void
on_packets_added (HsCapture    *capture,
                  guint         old_n_packets,
                  guint         old_n_connections,
                  HsIndexModel *self)
{
  guint n_packets = hs_capture_get_n_packets (capture);
  guint old_n_items = self->n_items;
  guint i;

  g_assert (HS_IS_CAPTURE (capture));
  g_assert (HS_IS_INDEX_MODEL (self));

  if (self->all)
    self->n_items = n_packets;
  else if (self->stream != HS_NO_STREAM)
    {
      const guint32 *packets;
      guint n;

      /* only the stream's new packets are looked at */
      packets = hs_capture_get_stream_packets (capture, self->stream, &n);
      for (i = hs_capture_stream_lower_bound (capture, self->stream, old_n_packets); i < n; i++)
        {
          const HsPacketRecord *rec = hs_capture_get_record (capture, packets[i]);

          if (record_matches (rec, self->analysis_mask, self->problems_only))
            append_index (self, packets[i]);
        }
    }
  else
    {
      for (i = old_n_packets; i < n_packets; i++)
        {
          if (record_matches (hs_capture_get_record (capture, i),
                              self->analysis_mask, self->problems_only))
            append_index (self, i);
        }
    }

  if (self->n_items == old_n_items)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), old_n_items, 0, self->n_items - old_n_items);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

/* `filtered`: the model says what it keeps (all, or stream and filters)
 * and follows a live capture; a model of given indexes does not. */
static HsIndexModel *
index_model_new (HsCapture *capture,
                 guint32   *indices,
                 guint      n_items,
                 gboolean   all,
                 gboolean   filtered,
                 guint32    stream,
                 guint      analysis_mask,
                 gboolean   problems_only)
{
  HsIndexModel *self = g_object_new (HS_TYPE_INDEX_MODEL, NULL);

  g_assert (HS_IS_CAPTURE (capture));

  self->capture = g_object_ref (capture);
  self->indices = indices;
  self->n_items = n_items;
  self->n_allocated = n_items;
  self->all = !!all;
  self->stream = stream;
  self->analysis_mask = analysis_mask;
  self->problems_only = !!problems_only;

  if ((all || filtered) && hs_capture_is_live (capture))
    self->added_handler = g_signal_connect (capture, "packets-added",
                                            G_CALLBACK (on_packets_added), self);

  return self;
}

HsIndexModel *
hs_index_model_new_all (HsCapture *capture)
{
  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);

  return index_model_new (capture, NULL, hs_capture_get_n_packets (capture), TRUE,
                          TRUE, HS_NO_STREAM, 0, FALSE);
}

HsIndexModel *
hs_index_model_new_take (HsCapture *capture,
                         guint32   *indices,
                         guint      n_indices)
{
  guint n_packets;
  guint i;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (indices != NULL || n_indices == 0, NULL);

  n_packets = hs_capture_get_n_packets (capture);

  for (i = 0; i < n_indices; i++)
    {
      if G_UNLIKELY (indices[i] >= n_packets || (i > 0 && indices[i] <= indices[i - 1]))
        {
          g_critical ("%s: index %u at position %u is out of range or not ascending",
                      G_STRFUNC, indices[i], i);
          g_free (indices);
          return NULL;
        }
    }

  if (n_indices == 0)
    g_clear_pointer (&indices, g_free);

  return index_model_new (capture, indices, n_indices, FALSE, FALSE, HS_NO_STREAM, 0, FALSE);
}

HsIndexModel *
hs_index_model_new_filtered (HsCapture *capture,
                             guint32    stream,
                             guint      analysis_mask,
                             gboolean   problems_only)
{
  guint32 *indices;
  guint n = 0;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (stream == HS_NO_STREAM ||
                        stream < hs_capture_get_n_connections (capture), NULL);

  if (stream != HS_NO_STREAM)
    {
      const guint32 *packets;
      guint n_packets;
      guint i;

      packets = hs_capture_get_stream_packets (capture, stream, &n_packets);
      indices = g_new (guint32, MAX (n_packets, 1));

      if (analysis_mask == 0 && !problems_only)
        {
          if (n_packets > 0)
            memcpy (indices, packets, n_packets * sizeof (guint32));
          n = n_packets;
        }
      else
        {
          for (i = 0; i < n_packets; i++)
            {
              const HsPacketRecord *rec = hs_capture_get_record (capture, packets[i]);

              if (record_matches (rec, analysis_mask, problems_only))
                indices[n++] = packets[i];
            }
        }
    }
  else
    {
      const HsPacketRecord *records;
      guint first;
      guint n_records;
      guint chunk;

      if (analysis_mask == 0 && !problems_only)
        return hs_index_model_new_all (capture);

      indices = g_new (guint32, MAX (hs_capture_get_n_packets (capture), 1));

      for (chunk = 0;
           (records = _hs_capture_get_chunk (capture, chunk, &first, &n_records)) != NULL;
           chunk++)
        {
          guint i;

          for (i = 0; i < n_records; i++)
            {
              if (record_matches (&records[i], analysis_mask, problems_only))
                indices[n++] = first + i;
            }
        }
    }

  /* a live view keeps its room to grow */
  if (n == 0)
    g_clear_pointer (&indices, g_free);
  else if (!hs_capture_is_live (capture))
    indices = g_renew (guint32, indices, n);

  return index_model_new (capture, indices, n, FALSE, TRUE, stream, analysis_mask, problems_only);
}

HsCapture *
hs_index_model_get_capture (HsIndexModel *self)
{
  g_return_val_if_fail (HS_IS_INDEX_MODEL (self), NULL);

  return self->capture;
}

guint
hs_index_model_get_index (HsIndexModel *self,
                          guint         position)
{
  g_return_val_if_fail (HS_IS_INDEX_MODEL (self), G_MAXUINT);
  g_return_val_if_fail (position < self->n_items, G_MAXUINT);

  return self->all ? position : self->indices[position];
}

gboolean
hs_index_model_find (HsIndexModel *self,
                     guint         index,
                     guint        *position)
{
  guint lo = 0;
  guint hi;
  gboolean found;

  g_return_val_if_fail (HS_IS_INDEX_MODEL (self), FALSE);

  if (self->all)
    {
      found = index < self->n_items;
      lo = found ? index : self->n_items;
    }
  else
    {
      /* first position whose index is >= `index` */
      hi = self->n_items;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (self->indices[mid] < index)
            lo = mid + 1;
          else
            hi = mid;
        }
      found = lo < self->n_items && self->indices[lo] == index;
    }

  if (position != NULL)
    *position = MIN (lo, self->n_items > 0 ? self->n_items - 1 : 0);

  return found;
}
