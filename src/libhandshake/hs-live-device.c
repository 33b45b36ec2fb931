/* hs-live-device.c — the interfaces libpcap can capture on, and capture filters
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The half of hs-live-capture.h that needs no session: listing the
 * interfaces (pcap_findalldevs), their link types (opened once, remembered),
 * checking a tcpdump/BPF filter while it is typed (pcap_compile on a dead
 * handle, no privileges needed) and the advice shown when capturing is not
 * allowed.
 */

#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include <glib/gi18n-lib.h>
#include <pcap/pcap.h>

#include "hs-live-capture.h"

#define WHOLE_PACKETS 262144

void
hs_live_interface_free (HsLiveInterface *iface)
{
  if (iface == NULL)
    return;

  g_free (iface->name);
  g_free (iface->description);
  g_strfreev (iface->addresses);
  g_free (iface);
}

/* The number of leading one bits of a netmask of `len` bytes (a
 * non-contiguous mask counts up to its first zero bit). */
static guint
prefix_length (const guint8 *mask,
               gsize         len)
{
  guint bits = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint8 b = mask[i];

      if (b == 0xff)
        {
          bits += 8;
          continue;
        }
      while (b & 0x80)
        {
          bits++;
          b <<= 1;
        }
      break;
    }

  return bits;
}

/* "192.0.2.7/24" or "2001:db8::7/64"; NULL for other families. */
static char *
format_address (const struct pcap_addr *a)
{
  char text[INET6_ADDRSTRLEN] = { 0 };
  const void *addr;
  const guint8 *mask = NULL;
  gsize mask_len;
  guint max_bits;

  if (a->addr == NULL)
    return NULL;

  if (a->addr->sa_family == AF_INET)
    {
      addr = &((const struct sockaddr_in *)(const void *)a->addr)->sin_addr;
      if (a->netmask != NULL && a->netmask->sa_family == AF_INET)
        mask = (const guint8 *)&((const struct sockaddr_in *)(const void *)a->netmask)->sin_addr;
      mask_len = 4;
      max_bits = 32;
    }
  else if (a->addr->sa_family == AF_INET6)
    {
      addr = &((const struct sockaddr_in6 *)(const void *)a->addr)->sin6_addr;
      if (a->netmask != NULL && a->netmask->sa_family == AF_INET6)
        mask = (const guint8 *)&((const struct sockaddr_in6 *)(const void *)a->netmask)->sin6_addr;
      mask_len = 16;
      max_bits = 128;
    }
  else
    return NULL;

  if (inet_ntop (a->addr->sa_family, addr, text, sizeof text) == NULL)
    return NULL;

  return g_strdup_printf ("%s/%u", text, mask != NULL ? prefix_length (mask, mask_len) : max_bits);
}

GPtrArray *
hs_live_list_interfaces (GError **error)
{
  char errbuf[PCAP_ERRBUF_SIZE] = { 0 };
  pcap_if_t *devs = NULL;
  GPtrArray *list;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (pcap_findalldevs (&devs, errbuf) != 0)
    {
      g_set_error (error, HS_LIVE_ERROR, HS_LIVE_ERROR_FAILED,
                   /* Translators: %s is libpcap's message */
                   _("Cannot list the network interfaces: %s"), errbuf);
      return NULL;
    }

  list = g_ptr_array_new_with_free_func ((GDestroyNotify)hs_live_interface_free);

  for (pcap_if_t *d = devs; d != NULL; d = d->next)
    {
      HsLiveInterface *iface = g_new0 (HsLiveInterface, 1);
      GPtrArray *addresses = g_ptr_array_new ();

      iface->name = g_strdup (d->name);
      iface->description = g_strdup (d->description);
      iface->up = (d->flags & PCAP_IF_UP) != 0;
      iface->running = (d->flags & PCAP_IF_RUNNING) != 0;
      iface->loopback = (d->flags & PCAP_IF_LOOPBACK) != 0;
      iface->wireless = (d->flags & PCAP_IF_WIRELESS) != 0;

      for (const struct pcap_addr *a = d->addresses; a != NULL; a = a->next)
        {
          char *text = format_address (a);

          if (text != NULL)
            g_ptr_array_add (addresses, text);
        }
      g_ptr_array_add (addresses, NULL);
      iface->addresses = (char **)g_ptr_array_free (addresses, FALSE);

      g_ptr_array_add (list, iface);
    }

  pcap_freealldevs (devs);
  return list;
}

static GMutex linktype_lock;
static GHashTable *linktypes;  /* interface name -> DLT + 1 */

int
hs_live_interface_get_linktype (const char *name)
{
  char errbuf[PCAP_ERRBUF_SIZE] = { 0 };
  gpointer known;
  pcap_t *p;
  int linktype = DLT_EN10MB;

  g_return_val_if_fail (name != NULL, DLT_EN10MB);

  g_mutex_lock (&linktype_lock);
  if (linktypes == NULL)
    linktypes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  known = g_hash_table_lookup (linktypes, name);
  g_mutex_unlock (&linktype_lock);

  if (known != NULL)
    return GPOINTER_TO_INT (known) - 1;

  /* Opening without activating costs nothing and needs no privilege, but
   * only an activated handle knows its link type. */
  p = pcap_create (name, errbuf);
  if (p != NULL)
    {
      pcap_set_snaplen (p, 256);
      pcap_set_timeout (p, 1);
      if (pcap_activate (p) >= 0)
        linktype = pcap_datalink (p);
      pcap_close (p);
    }

  /* remembered even when it could not be opened: this runs on every
   * keystroke of the filter entry */
  g_mutex_lock (&linktype_lock);
  g_hash_table_replace (linktypes, g_strdup (name), GINT_TO_POINTER (linktype + 1));
  g_mutex_unlock (&linktype_lock);

  return linktype;
}

gboolean
hs_live_check_filter (const char  *filter,
                      int          linktype,
                      guint        snaplen,
                      GError     **error)
{
  struct bpf_program program;
  pcap_t *p;
  gboolean ok = TRUE;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (filter == NULL || filter[strspn (filter, " \t\r\n")] == 0)
    return TRUE;

  p = pcap_open_dead (linktype, snaplen > 0 ? (int)MIN (snaplen, WHOLE_PACKETS) : WHOLE_PACKETS);
  if (p == NULL)
    {
      g_set_error (error, HS_LIVE_ERROR, HS_LIVE_ERROR_FAILED,
                   _("Cannot check the capture filter: libpcap does not know link type %d"),
                   linktype);
      return FALSE;
    }

  if (pcap_compile (p, &program, filter, 1, PCAP_NETMASK_UNKNOWN) != 0)
    {
      g_set_error_literal (error, HS_LIVE_ERROR, HS_LIVE_ERROR_BAD_FILTER, pcap_geterr (p));
      ok = FALSE;
    }
  else
    pcap_freecode (&program);

  pcap_close (p);
  return ok;
}

char *
hs_live_permission_advice (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *quoted = NULL;
  GString *advice = g_string_new (NULL);

  if (exe == NULL)
    exe = g_strdup (g_get_prgname () != NULL ? g_get_prgname () : "handshake");
  /* quoted only when the shell needs it */
  if (exe[strspn (exe, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._+-")] != 0)
    quoted = g_shell_quote (exe);
  else
    quoted = g_strdup (exe);

  g_string_append (advice, _("Capturing packets needs the CAP_NET_RAW and CAP_NET_ADMIN "
                             "capabilities, which this program does not have."));
  g_string_append (advice, " ");
  /* Translators: followed by a command on its own line */
  g_string_append (advice, _("To allow it, give them to the program once, as an administrator:"));
  g_string_append_printf (advice, "\n\n    sudo setcap cap_net_raw,cap_net_admin=eip %s\n\n", quoted);
  g_string_append (advice, _("If Handshake runs as a Flatpak, a Snap or an AppImage, this path "
                             "is inside its sandbox: give the capabilities to the program on "
                             "the host instead, or use your distribution’s package. You can "
                             "also run Handshake from a root shell."));

  return g_string_free (advice, FALSE);
}
