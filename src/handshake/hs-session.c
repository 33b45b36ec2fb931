/* hs-session.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-session"

#include "config.h"

#include "hs-session.h"

struct _HsSession
{
  GObject    parent_instance;

  HsCapture *capture;
  guint      stream;          /* HS_NO_STREAM for none */
  guint      selected_index;  /* G_MAXUINT for none */
  gint64     range_start_ns;  /* the time range, when has_range */
  gint64     range_end_ns;
  guint      has_range : 1;
};

G_DEFINE_FINAL_TYPE (HsSession, hs_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAPTURE,
  PROP_STREAM,
  PROP_SELECTED_INDEX,
  PROP_TIME_RANGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hs_session_dispose (GObject *object)
{
  HsSession *self = HS_SESSION (object);

  g_clear_object (&self->capture);

  G_OBJECT_CLASS (hs_session_parent_class)->dispose (object);
}

static void
hs_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  HsSession *self = HS_SESSION (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;
    case PROP_STREAM:
      g_value_set_uint (value, self->stream);
      break;
    case PROP_SELECTED_INDEX:
      g_value_set_uint (value, self->selected_index);
      break;
    case PROP_TIME_RANGE:
      g_value_set_boolean (value, self->has_range);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  HsSession *self = HS_SESSION (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      hs_session_set_capture (self, g_value_get_object (value), HS_NO_STREAM);
      break;
    case PROP_STREAM:
      hs_session_set_stream (self, g_value_get_uint (value));
      break;
    case PROP_SELECTED_INDEX:
      hs_session_select_index (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_session_class_init (HsSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_session_dispose;
  object_class->get_property = hs_session_get_property;
  object_class->set_property = hs_session_set_property;

  properties[PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL, HS_TYPE_CAPTURE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STREAM] =
    g_param_spec_uint ("stream", NULL, NULL, 0, G_MAXUINT, HS_NO_STREAM,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_INDEX] =
    g_param_spec_uint ("selected-index", NULL, NULL, 0, G_MAXUINT, G_MAXUINT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* whether there is one; notified when it changes (get_time_range()) */
  properties[PROP_TIME_RANGE] =
    g_param_spec_boolean ("time-range", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_session_init (HsSession *self)
{
  self->stream = HS_NO_STREAM;
  self->selected_index = G_MAXUINT;
}

HsSession *
hs_session_new (void)
{
  return g_object_new (HS_TYPE_SESSION, NULL);
}

HsCapture *
hs_session_get_capture (HsSession *self)
{
  g_return_val_if_fail (HS_IS_SESSION (self), NULL);

  return self->capture;
}

void
hs_session_set_capture (HsSession *self,
                        HsCapture *capture,
                        guint      stream)
{
  gboolean stream_changed;
  gboolean selection_changed;

  g_return_if_fail (HS_IS_SESSION (self));
  g_return_if_fail (!capture || HS_IS_CAPTURE (capture));
  g_return_if_fail (stream == HS_NO_STREAM ||
                    (capture != NULL && stream < hs_capture_get_n_connections (capture)));

  /* the same document shown again: its connection, nothing selected */
  if (self->capture == capture)
    {
      hs_session_set_stream (self, stream);
      hs_session_select_index (self, G_MAXUINT);
      return;
    }

  stream_changed = self->stream != stream;
  selection_changed = self->selected_index != G_MAXUINT;
  hs_session_clear_time_range (self);

  /* all three change before any is notified: a view follows the new
   * capture with its first connection at once */
  g_set_object (&self->capture, capture);
  self->stream = stream;
  self->selected_index = G_MAXUINT;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTURE]);
  if (stream_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAM]);
  if (selection_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_INDEX]);
}

guint
hs_session_get_stream (HsSession *self)
{
  g_return_val_if_fail (HS_IS_SESSION (self), HS_NO_STREAM);

  return self->stream;
}

void
hs_session_set_stream (HsSession *self,
                       guint      stream)
{
  g_return_if_fail (HS_IS_SESSION (self));

  if (self->stream == stream)
    return;

  hs_session_clear_time_range (self);
  self->stream = stream;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAM]);
}

guint
hs_session_get_selected_index (HsSession *self)
{
  g_return_val_if_fail (HS_IS_SESSION (self), G_MAXUINT);

  return self->selected_index;
}

void
hs_session_select_index (HsSession *self,
                         guint      index)
{
  gboolean stream_changed = FALSE;

  g_return_if_fail (HS_IS_SESSION (self));

  if (index != G_MAXUINT &&
      (self->capture == NULL || index >= hs_capture_get_n_packets (self->capture)))
    return;
  if (self->selected_index == index)
    return;

  /* the packet's connection is shown with it */
  if (index != G_MAXUINT)
    {
      const HsPacketRecord *rec = hs_capture_get_record (self->capture, index);

      if (rec->stream != HS_NO_STREAM && rec->stream != self->stream)
        {
          hs_session_clear_time_range (self);
          self->stream = rec->stream;
          stream_changed = TRUE;
        }
    }
  self->selected_index = index;

  if (stream_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_INDEX]);
}

void
hs_session_set_time_range (HsSession *self,
                           gint64     start_ns,
                           gint64     end_ns)
{
  g_return_if_fail (HS_IS_SESSION (self));
  g_return_if_fail (start_ns <= end_ns);

  if (self->has_range && self->range_start_ns == start_ns && self->range_end_ns == end_ns)
    return;

  self->range_start_ns = start_ns;
  self->range_end_ns = end_ns;
  self->has_range = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_RANGE]);
}

void
hs_session_clear_time_range (HsSession *self)
{
  g_return_if_fail (HS_IS_SESSION (self));

  if (!self->has_range)
    return;

  self->has_range = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_RANGE]);
}

gboolean
hs_session_get_time_range (HsSession *self,
                           gint64    *start_ns,
                           gint64    *end_ns)
{
  g_return_val_if_fail (HS_IS_SESSION (self), FALSE);

  if (start_ns != NULL)
    *start_ns = self->has_range ? self->range_start_ns : 0;
  if (end_ns != NULL)
    *end_ns = self->has_range ? self->range_end_ns : 0;
  return self->has_range;
}
