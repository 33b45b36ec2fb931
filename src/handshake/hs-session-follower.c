/* hs-session-follower.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-session-follower"

#include "config.h"

#include "hs-session-follower.h"

static void
on_packets_added (HsCapture         *capture,
                  guint              old_n_packets,
                  guint              old_n_connections,
                  HsSessionFollower *follower)
{
  follower->funcs->packets_added (follower->view, old_n_packets, old_n_connections);
}

static void
unwatch_capture (HsSessionFollower *follower)
{
  if (follower->capture != NULL && follower->packets_added_id != 0)
    g_signal_handler_disconnect (follower->capture, follower->packets_added_id);
  follower->packets_added_id = 0;
}

static void
follow_stream (HsSessionFollower *follower)
{
  guint stream = hs_session_get_stream (follower->session);

  if (follower->stream == stream)
    return;

  follower->stream = stream;
  follower->funcs->stream_changed (follower->view);
}

static void
follow_selection (HsSessionFollower *follower)
{
  guint index = hs_session_get_selected_index (follower->session);

  if (follower->selected_index == index)
    return;

  follower->selected_index = index;
  follower->funcs->selection_changed (follower->view);
}

/* Once for a new capture: with its stream and selection, so the view
 * changes once. */
static void
follow_capture (HsSessionFollower *follower)
{
  HsCapture *capture = hs_session_get_capture (follower->session);

  if (follower->capture == capture)
    {
      follow_stream (follower);
      follow_selection (follower);
      return;
    }

  unwatch_capture (follower);
  g_set_object (&follower->capture, capture);
  follower->stream = hs_session_get_stream (follower->session);
  follower->selected_index = hs_session_get_selected_index (follower->session);
  /* a live capture grows: the view follows it as it does */
  if (capture != NULL && hs_capture_is_live (capture) && follower->funcs->packets_added != NULL)
    follower->packets_added_id =
      g_signal_connect (capture, "packets-added", G_CALLBACK (on_packets_added), follower);

  follower->funcs->capture_changed (follower->view);
}

static void
on_session_capture (HsSessionFollower *follower)
{
  follow_capture (follower);
}

static void
on_session_stream (HsSessionFollower *follower)
{
  follow_stream (follower);
}

static void
on_session_selection (HsSessionFollower *follower)
{
  follow_selection (follower);
}

static void
on_session_time_range (HsSessionFollower *follower)
{
  follower->funcs->time_range_changed (follower->view);
}

void
hs_session_follower_init (HsSessionFollower            *follower,
                          gpointer                      view,
                          const HsSessionFollowerFuncs *funcs)
{
  g_return_if_fail (follower != NULL);
  g_return_if_fail (G_IS_OBJECT (view));
  g_return_if_fail (funcs != NULL);
  g_return_if_fail (funcs->capture_changed != NULL);
  g_return_if_fail (funcs->stream_changed != NULL);
  g_return_if_fail (funcs->selection_changed != NULL);

  *follower = (HsSessionFollower) {
    .view = view,
    .funcs = funcs,
    .stream = HS_NO_STREAM,
    .selected_index = G_MAXUINT,
  };

  follower->signals = g_signal_group_new (HS_TYPE_SESSION);
  g_signal_group_connect_swapped (follower->signals, "notify::capture",
                                  G_CALLBACK (on_session_capture), follower);
  g_signal_group_connect_swapped (follower->signals, "notify::stream",
                                  G_CALLBACK (on_session_stream), follower);
  g_signal_group_connect_swapped (follower->signals, "notify::selected-index",
                                  G_CALLBACK (on_session_selection), follower);
  if (funcs->time_range_changed != NULL)
    g_signal_group_connect_swapped (follower->signals, "notify::time-range",
                                    G_CALLBACK (on_session_time_range), follower);
}

gboolean
hs_session_follower_set_session (HsSessionFollower *follower,
                                 HsSession         *session)
{
  g_return_val_if_fail (follower != NULL && follower->signals != NULL, FALSE);
  g_return_val_if_fail (!session || HS_IS_SESSION (session), FALSE);

  if (!g_set_object (&follower->session, session))
    return FALSE;

  g_signal_group_set_target (follower->signals, session);
  if (session != NULL)
    follow_capture (follower);
  return TRUE;
}

void
hs_session_follower_clear (HsSessionFollower *follower)
{
  g_return_if_fail (follower != NULL);

  if (follower->signals != NULL)
    g_signal_group_set_target (follower->signals, NULL);
  g_clear_object (&follower->signals);
  g_clear_object (&follower->session);
  unwatch_capture (follower);
  g_clear_object (&follower->capture);
}

GParamSpec *
hs_session_follower_param_spec (void)
{
  return g_param_spec_object ("session", NULL, NULL, HS_TYPE_SESSION,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}
