/* hs-session-follower.h — what every view does to follow an HsSession
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "hs-session.h"

G_BEGIN_DECLS

/* A view embeds one HsSessionFollower and gives it the functions below;
 * the follower holds the session, watches it, remembers what the view was
 * told (capture, stream, selected packet) and calls the view only when
 * that changed.  A new view needs nothing else to follow the window's
 * session: its "session" property is set by the window's template.
 *
 * The follower's `capture`, `stream` and `selected_index` are what the view
 * shows; they are set before the matching function is called. */
typedef struct
{
  /* A new capture (or none), with its stream and selection: the view
   * changes once.  Required. */
  void (*capture_changed)    (gpointer view);
  /* Another connection of the same capture.  Required. */
  void (*stream_changed)     (gpointer view);
  /* Another packet selected (G_MAXUINT: none).  Required. */
  void (*selection_changed)  (gpointer view);
  /* A live capture added packets (the "packets-added" signal of
   * HsCapture); may be NULL. */
  void (*packets_added)      (gpointer view,
                              guint    old_n_packets,
                              guint    old_n_connections);
  /* The session's time range changed (hs_session_set_time_range()); may
   * be NULL. */
  void (*time_range_changed) (gpointer view);
} HsSessionFollowerFuncs;

typedef struct
{
  gpointer                      view;      /* not a reference: the owner */
  const HsSessionFollowerFuncs *funcs;
  HsSession                    *session;
  GSignalGroup                 *signals;
  HsCapture                    *capture;
  guint                         stream;
  guint                         selected_index;
  gulong                        packets_added_id;
} HsSessionFollower;

void       hs_session_follower_init        (HsSessionFollower            *follower,
                                            gpointer                      view,
                                            const HsSessionFollowerFuncs *funcs);
/* TRUE when `session` is another one: the caller notifies its "session"
 * property.  The view is told about the new session's capture at once. */
gboolean   hs_session_follower_set_session (HsSessionFollower            *follower,
                                            HsSession                    *session);
/* In the view's dispose: no call is made afterwards. */
void       hs_session_follower_clear       (HsSessionFollower            *follower);
/* The "session" property of a view. */
GParamSpec *hs_session_follower_param_spec (void);

G_END_DECLS
