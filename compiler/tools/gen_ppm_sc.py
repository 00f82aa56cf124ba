#!/usr/bin/env python3
"""Generates compiler/src/main/resources/dev/falcoc/schema/ppm-sc.tsv (run by hand when libs changes).

  gen_ppm_sc.py PPM_EVENTS_PUBLIC_H SCAP_PPM_SC_C > ppm-sc.tsv

Inputs from falcosecurity/libs tag 0.22.2 (Falco 0.42.1): driver/ppm_events_public.h (PPM_SC_X
names and values, PPME_* codes) and userspace/libscap/linux/scap_ppm_sc.c (g_events_to_sc_map).
Output: one line per ppm_sc code with a name: code, lower-case name (libscap's
scap_get_ppm_sc_name), and the event codes whose g_events_to_sc_map entry lists it. falco -L
names a rule's event types through these (libsinsp sc_set_to_event_names).
"""
import re, sys

def uncommented(path):
    src = open(path).read()
    return re.sub(r"//[^\n]*", "", re.sub(r"/\*.*?\*/", "", src, flags=re.S))

header, table = uncommented(sys.argv[1]), uncommented(sys.argv[2])
codes = {m.group(1): int(m.group(2)) for m in re.finditer(r"\b(PPME_[A-Z0-9_]+)\s*=\s*(\d+)", header)}
sc = {m.group(1): int(m.group(2)) for m in re.finditer(r"PPM_SC_X\((\w+),\s*(\d+)\)", header)}
body = table[table.index("g_events_to_sc_map[] = {"):]
body = body[:body.index("};")]
events_of = {v: [] for v in sc.values()}
for m in re.finditer(r"\[(PPME_[A-Z0-9_]+)\]\s*=\s*(NULL|\(ppm_sc_code\[\]\)\{([^}]*)\})", body):
    ev = codes[m.group(1)]
    for s in re.findall(r"PPM_SC_(\w+)", m.group(3) or ""):
        events_of[sc[s]].append(ev)
print("# ppm_sc code, name, event codes (libs 0.22.2 driver/ppm_events_public.h, libscap/linux/scap_ppm_sc.c)")
for name, v in sorted(sc.items(), key=lambda x: x[1]):
    print("%d\t%s\t%s" % (v, name.lower(), ",".join(map(str, sorted(events_of[v]))) or "-"))
