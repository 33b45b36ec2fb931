/* hs-packet-item.c
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

#include "hs-packet-item.h"

struct _HsPacketItem
{
  GObject    parent_instance;

  HsCapture *capture;
  guint      index;
};

enum {
  PROP_0,
  PROP_CAPTURE,
  PROP_INDEX,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (HsPacketItem, hs_packet_item, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

static void
hs_packet_item_dispose (GObject *object)
{
  HsPacketItem *self = (HsPacketItem *) object;

  g_clear_object (&self->capture);

  G_OBJECT_CLASS (hs_packet_item_parent_class)->dispose (object);
}

static void
hs_packet_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HsPacketItem *self = HS_PACKET_ITEM (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;

    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_packet_item_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HsPacketItem *self = HS_PACKET_ITEM (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      self->capture = g_value_dup_object (value);
      break;

    case PROP_INDEX:
      self->index = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_packet_item_class_init (HsPacketItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_packet_item_dispose;
  object_class->get_property = hs_packet_item_get_property;
  object_class->set_property = hs_packet_item_set_property;

  properties [PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL,
                         HS_TYPE_CAPTURE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* 0-based; the frame number is index + 1 */
  properties [PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_packet_item_init (HsPacketItem *self)
{
}

HsPacketItem *
hs_packet_item_new (HsCapture *capture,
                    guint      index)
{
  HsPacketItem *self;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (index < hs_capture_get_n_packets (capture), NULL);

  /* made for every visible row: set the fields without property parsing */
  self = g_object_new (HS_TYPE_PACKET_ITEM, NULL);
  self->capture = g_object_ref (capture);
  self->index = index;

  return self;
}

HsCapture *
hs_packet_item_get_capture (HsPacketItem *self)
{
  g_return_val_if_fail (HS_IS_PACKET_ITEM (self), NULL);

  return self->capture;
}

guint
hs_packet_item_get_index (HsPacketItem *self)
{
  g_return_val_if_fail (HS_IS_PACKET_ITEM (self), 0);

  return self->index;
}

const HsPacketRecord *
hs_packet_item_get_record (HsPacketItem *self)
{
  g_return_val_if_fail (HS_IS_PACKET_ITEM (self), NULL);
  g_return_val_if_fail (self->capture != NULL, NULL);

  return hs_capture_get_record (self->capture, self->index);
}
