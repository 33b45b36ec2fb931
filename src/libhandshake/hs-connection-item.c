/* hs-connection-item.c
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

#include "hs-connection-item.h"

struct _HsConnectionItem
{
  GObject    parent_instance;

  HsCapture *capture;
  guint      stream;
};

enum {
  PROP_0,
  PROP_CAPTURE,
  PROP_STREAM,
  PROP_N_PROBLEMS,
  PROP_TITLE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (HsConnectionItem, hs_connection_item, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Flags that are not problems: a window update and a keep-alive ACK are
 * normal, healthy traffic. */
#define NOT_PROBLEMS (HS_ANALYSIS_WINDOW_UPDATE | HS_ANALYSIS_KEEP_ALIVE_ACK)

static void
hs_connection_item_dispose (GObject *object)
{
  HsConnectionItem *self = (HsConnectionItem *) object;

  g_clear_object (&self->capture);

  G_OBJECT_CLASS (hs_connection_item_parent_class)->dispose (object);
}

static void
hs_connection_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HsConnectionItem *self = HS_CONNECTION_ITEM (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;

    case PROP_STREAM:
      g_value_set_uint (value, self->stream);
      break;

    case PROP_N_PROBLEMS:
      g_value_set_uint (value, hs_connection_item_get_n_problems (self));
      break;

    case PROP_TITLE:
      g_value_take_string (value, hs_connection_item_dup_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_connection_item_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  HsConnectionItem *self = HS_CONNECTION_ITEM (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      self->capture = g_value_dup_object (value);
      break;

    case PROP_STREAM:
      self->stream = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_connection_item_class_init (HsConnectionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_connection_item_dispose;
  object_class->get_property = hs_connection_item_get_property;
  object_class->set_property = hs_connection_item_set_property;

  properties [PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL,
                         HS_TYPE_CAPTURE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_STREAM] =
    g_param_spec_uint ("stream", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /* derived from the capture, for expressions and sorters (notified when
   * a live capture changes the connection) */
  properties [PROP_N_PROBLEMS] =
    g_param_spec_uint ("n-problems", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* HsConnectionItem::changed: a live capture changed the connection
   * (packets, bytes, state, anomaly counts, duration). */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
hs_connection_item_init (HsConnectionItem *self)
{
}

HsConnectionItem *
hs_connection_item_new (HsCapture *capture,
                        guint      stream)
{
  HsConnectionItem *self;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (stream < hs_capture_get_n_connections (capture), NULL);

  self = g_object_new (HS_TYPE_CONNECTION_ITEM, NULL);
  self->capture = g_object_ref (capture);
  self->stream = stream;

  return self;
}

HsCapture *
hs_connection_item_get_capture (HsConnectionItem *self)
{
  g_return_val_if_fail (HS_IS_CONNECTION_ITEM (self), NULL);

  return self->capture;
}

guint
hs_connection_item_get_stream (HsConnectionItem *self)
{
  g_return_val_if_fail (HS_IS_CONNECTION_ITEM (self), 0);

  return self->stream;
}

const HsConnection *
hs_connection_item_get_connection (HsConnectionItem *self)
{
  g_return_val_if_fail (HS_IS_CONNECTION_ITEM (self), NULL);
  g_return_val_if_fail (self->capture != NULL, NULL);

  return hs_capture_get_connection (self->capture, self->stream);
}

guint
hs_connection_item_get_n_problems (HsConnectionItem *self)
{
  const HsConnection *conn;
  guint n = 0;
  guint bit;

  g_return_val_if_fail (HS_IS_CONNECTION_ITEM (self), 0);

  if (!(conn = hs_connection_item_get_connection (self)))
    return 0;

  for (bit = 0; bit < HS_ANALYSIS_N_FLAGS; bit++)
    {
      if (((1u << bit) & NOT_PROBLEMS) == 0)
        n += conn->flag_counts[bit];
    }

  return n;
}

char *
hs_connection_item_dup_title (HsConnectionItem *self)
{
  const HsConnection *conn;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_return_val_if_fail (HS_IS_CONNECTION_ITEM (self), NULL);

  if (!(conn = hs_connection_item_get_connection (self)))
    return NULL;

  a = hs_connection_dup_endpoint (conn, 0);
  b = hs_connection_dup_endpoint (conn, 1);

  return g_strconcat (a, " → ", b, NULL);
}

gboolean
hs_connection_item_matches (HsConnectionItem *self,
                            const char       *needle)
{
  const HsConnection *conn;
  g_autofree char *folded = NULL;
  guint side;

  g_return_val_if_fail (HS_IS_CONNECTION_ITEM (self), FALSE);

  if (needle == NULL || needle[0] == '\0')
    return TRUE;

  if (!(conn = hs_connection_item_get_connection (self)))
    return FALSE;

  /* addresses and ports are ASCII: folding ASCII is enough, and a
   * non-ASCII needle can never match */
  folded = g_ascii_strdown (needle, -1);

  /* "addr:port" contains the address and the port on their own */
  for (side = 0; side < 2; side++)
    {
      g_autofree char *endpoint = hs_connection_dup_endpoint (conn, side);
      g_autofree char *lower = g_ascii_strdown (endpoint, -1);

      if (strstr (lower, folded) != NULL)
        return TRUE;
    }

  return FALSE;
}

void
hs_connection_item_changed (HsConnectionItem *self)
{
  g_return_if_fail (HS_IS_CONNECTION_ITEM (self));

  g_signal_emit (self, signals [CHANGED], 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_PROBLEMS]);
}

GListModel *
hs_capture_list_connections (HsCapture *capture)
{
  GListStore *store;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);

  store = g_list_store_new (HS_TYPE_CONNECTION_ITEM);
  hs_connection_list_grow (G_LIST_MODEL (store), capture);

  return G_LIST_MODEL (store);
}

guint
hs_connection_list_grow (GListModel *list,
                         HsCapture  *capture)
{
  g_autoptr(GPtrArray) items = NULL;
  guint first;
  guint n;
  guint i;

  g_return_val_if_fail (G_IS_LIST_STORE (list), 0);
  g_return_val_if_fail (HS_IS_CAPTURE (capture), 0);

  first = g_list_model_get_n_items (list);
  n = hs_capture_get_n_connections (capture);
  if (n <= first)
    return 0;

  items = g_ptr_array_new_full (n - first, g_object_unref);
  for (i = first; i < n; i++)
    g_ptr_array_add (items, hs_connection_item_new (capture, i));

  /* one items-changed for the lot */
  g_list_store_splice (G_LIST_STORE (list), first, 0, items->pdata, items->len);

  return n - first;
}
