/* hs-explain-tree-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-explain-private.h"

G_BEGIN_DECLS

/* What the two files of the header tree share: where a layer's bytes are
 * and the row builders. */

/* Where a layer's bytes are: its offset in the frame, or nowhere in the
 * frame (a header rebuilt from fragments or decompressed): then every
 * field gets length 0. */
typedef struct
{
  gboolean in_frame;
  guint    base;
} Span;

static const Span no_span = { FALSE, 0 };

static inline HsField *
field_new (char  *label,
           char  *value,
           guint  offset,
           guint  length)
{
  HsField *field = g_new0 (HsField, 1);

  field->label = label;
  field->value = value;
  field->offset = offset;
  field->length = length;

  return field;
}

static inline HsField *
field_append (HsField *parent,
              HsField *child)
{
  if (parent->children == NULL)
    parent->children = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_field_free);
  g_ptr_array_add (parent->children, child);

  return child;
}

static inline HsField *add (HsField    *parent,
                            const Span *sp,
                            guint       off,
                            guint       len,
                            const char *label,
                            const char *format,
                            ...) G_GNUC_PRINTF (6, 7);

/* A child of `parent` covering bytes off..off+len of its layer; `format`
 * NULL makes a row without a value. */
static inline HsField *
add (HsField    *parent,
     const Span *sp,
     guint       off,
     guint       len,
     const char *label,
     const char *format,
     ...)
{
  char *value = NULL;

  if (format != NULL)
    {
      va_list args;

      va_start (args, format);
      value = g_strdup_vprintf (format, args);
      va_end (args);
    }

  if (!sp->in_frame || len == 0)
    return field_append (parent, field_new (g_strdup (label), value, 0, 0));
  return field_append (parent, field_new (g_strdup (label), value, sp->base + off, len));
}

static inline HsField *top (GPtrArray  *tree,
                            const Span *sp,
                            guint       len,
                            const char *format,
                            ...) G_GNUC_PRINTF (4, 5);

/* A top-level row (a layer) whose label is printf'd. */
static inline HsField *
top (GPtrArray  *tree,
     const Span *sp,
     guint       len,
     const char *format,
     ...)
{
  HsField *field;
  va_list args;

  va_start (args, format);
  field = field_new (g_strdup_vprintf (format, args), NULL,
                     sp->in_frame && len > 0 ? sp->base : 0, sp->in_frame ? len : 0);
  va_end (args);

  g_ptr_array_add (tree, field);
  return field;
}

/* hs-explain-tree.c */
const char  *_hs_set_text           (gboolean set);
const char  *_hs_completeness_label (guint8 c);
void         _hs_fields_frame       (GPtrArray *tree,
                                     HsCapture *capture,
                                     guint      index,
                                     Decoded   *d);
void         _hs_fields_layer       (GPtrArray     *tree,
                                     const Decoded *d,
                                     guint          i);

G_END_DECLS
