/* hs-gen-random.h
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

/* The generator's random numbers (header only, inlined where they are drawn:
 * the simulation draws several per packet). */

#pragma once

#include <math.h>

#include <glib.h>

/* ------------------------------------------------------------------------ */
/* Random numbers: xoshiro256** seeded through splitmix64.                   */

typedef struct
{
  guint64 s[4];
} Rng;

static inline guint64
rotl64 (guint64 x,
        int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline void
rng_init (Rng     *r,
          guint64  seed)
{
  for (guint i = 0; i < 4; i++)
    r->s[i] = splitmix64 (&seed);
}

static inline guint64
rng_next (Rng *r)
{
  guint64 result = rotl64 (r->s[1] * 5, 7) * 9;
  guint64 t = r->s[1] << 17;

  r->s[2] ^= r->s[0];
  r->s[3] ^= r->s[1];
  r->s[1] ^= r->s[2];
  r->s[0] ^= r->s[3];
  r->s[2] ^= t;
  r->s[3] = rotl64 (r->s[3], 45);
  return result;
}

static inline double
rng_double (Rng *r)
{
  return (rng_next (r) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n). */
static inline guint32
rng_below (Rng     *r,
           guint32  n)
{
  return (guint32)(((rng_next (r) >> 32) * (guint64) n) >> 32);
}

static inline double
rng_uniform (Rng    *r,
             double  lo,
             double  hi)
{
  return lo + (hi - lo) * rng_double (r);
}

static inline gboolean
rng_chance (Rng    *r,
            double  p)
{
  return rng_double (r) < p;
}

static inline double
rng_exp (Rng    *r,
         double  mean)
{
  return -mean * log (1.0 - rng_double (r));
}

static inline double
rng_normal (Rng *r)
{
  double u1 = 1.0 - rng_double (r);
  double u2 = rng_double (r);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

/* Log-normal with the given mean (not median) and shape. */
static inline double
rng_lognormal (Rng    *r,
               double  mean,
               double  sigma)
{
  double mu = log (mean) - sigma * sigma / 2.0;

  return exp (mu + sigma * rng_normal (r));
}

static inline void
rng_fill (Rng    *r,
          guint8 *buf,
          gsize   len)
{
  for (gsize i = 0; i < len; i++)
    buf[i] = (guint8)(rng_next (r) >> 56);
}
