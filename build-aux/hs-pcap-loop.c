/* hs-pcap-loop.c
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

/* The benchmark's baseline: the least a program can do to read a capture
 * with libpcap.  Opens FILE, calls pcap_next_ex() until the end and prints
 * the number of packets and of captured and original bytes.
 *
 *   hs-pcap-loop FILE
 */

#include <stdio.h>
#include <stdlib.h>

#include <pcap/pcap.h>

int
main (int   argc,
      char *argv[])
{
  char errbuf[PCAP_ERRBUF_SIZE];
  struct pcap_pkthdr *hdr;
  const unsigned char *data;
  unsigned long long packets = 0;
  unsigned long long caplen = 0;
  unsigned long long len = 0;
  unsigned int check = 0;
  pcap_t *p;
  int rc;

  if (argc != 2)
    {
      fprintf (stderr, "usage: hs-pcap-loop FILE\n");
      return 2;
    }

  p = pcap_open_offline (argv[1], errbuf);
  if (p == NULL)
    {
      fprintf (stderr, "hs-pcap-loop: %s\n", errbuf);
      return 1;
    }

  while ((rc = pcap_next_ex (p, &hdr, &data)) == 1)
    {
      packets++;
      caplen += hdr->caplen;
      len += hdr->len;
      if (hdr->caplen > 0)
        check += data[0];
    }
  if (rc == PCAP_ERROR)
    {
      fprintf (stderr, "hs-pcap-loop: %s\n", pcap_geterr (p));
      pcap_close (p);
      return 1;
    }
  pcap_close (p);

  printf ("packets %llu captured-bytes %llu bytes %llu check %u\n",
          packets, caplen, len, check & 0xff);
  return 0;
}
