#!/usr/bin/env python3
"""Generates the runtime's schema resources (run by hand when the libs schema changes).

  gen_runtime_schema.py EVENTS_SCHEMA_JSON PPM_EVENTS_PUBLIC_H CONVERTER_TABLE_CPP OUTDIR

Falco 0.42 ships libs 0.22: the converter table must come from tag 0.22.2, and the event table
(schema 4.5.1 in events-schema.json) is trimmed back to 0.22's parameter counts (TRIM below).

events.tsv: id, dir, name, category, flags, params (name:type:fmt:dirfd:flagvalues) from the shared
events-schema.json. convert.tsv: libscap's savefile converter rules (libs
userspace/libscap/engine/savefile/converter/table.cpp) as data: key (event code, nparams), action,
target code, instructions (E=enter param, O=old param, Z=empty, D=default, C=container-json callback).
"""
import json, re, sys

schema, header, table, out = sys.argv[1:5]
d = json.load(open(schema))
# parameters appended after libs 0.22 (event id -> parameter count in 0.22.2)
TRIM = {19: 4, 151: 3, 293: 30}
with open(out + "/events.tsv", "w") as f:
    f.write("# generated from events-schema.json (libs driver/event_table.c, schema %s)\n" % d["schema_version"])
    for e in d["events"]:
        ps = []
        params = e["params"][:TRIM[e["id"]]] if e["id"] in TRIM else e["params"]
        for p in params:
            vals = ",".join("%s=%d" % (k, v) for k, v in (p.get("values") or {}).items())
            ps.append("%s:%s:%s:%s:%s" % (p["name"], p["type"], p["fmt"], p.get("dirfd_param", -1), vals))
        f.write("%d\t%s\t%s\t%d\t%s\t%s\n" % (e["id"], e["dir"], e["name"], e["category"],
                                               ",".join(e["flags"]) or "-", "|".join(ps) or "-"))

codes = {}
for m in re.finditer(r"\b(PPME_[A-Z0-9_]+)\s*=\s*(\d+)", open(header).read()):
    codes[m.group(1)] = int(m.group(2))

src = open(table).read()
src = re.sub(r"//[^\n]*", "", src)
src = re.sub(r"/\*.*?\*/", "", src, flags=re.S)
rows = []
parts = re.split(r"conversion_key\{", src)[1:]
for part in parts:
    m = re.match(r"(PPME_\w+),\s*(\d+)\}(.*)", part, re.S)
    code, n, body = codes[m.group(1)], int(m.group(2)), m.group(3)
    action = re.search(r"\.action\((C_ACTION_\w+)\)", body).group(1)[9:]
    dt = re.search(r"\.desired_type\((PPME_\w+)\)", body)
    target = codes[dt.group(1)] if dt else -1
    instrs = []
    im = re.search(r"\.instrs\(\{(.*)\}\)", body, re.S)
    if im:
        for i in re.finditer(r"\{\s*(C_INSTR_\w+)\s*,\s*(\d+)\s*(?:,\s*(CIF_\w+))?[^}]*\}", im.group(1)):
            c = {"C_INSTR_FROM_ENTER": "E", "C_INSTR_FROM_OLD": "O", "C_INSTR_FROM_EMPTY": "Z",
                 "C_INSTR_FROM_DEFAULT": "D", "C_INSTR_FROM_CALLBACK": "C"}[i.group(1)]
            fl = "e" if i.group(3) == "CIF_FALLBACK_TO_EMPTY" else ""
            instrs.append("%s%s%s" % (c, i.group(2), fl))
    rows.append((code, n, action, target, instrs))
with open(out + "/convert.tsv", "w") as f:
    f.write("# generated from libs userspace/libscap/engine/savefile/converter/table.cpp (Apache-2.0)\n")
    f.write("#code\tnparams\taction\ttarget\tinstructions\n")
    for r in rows:
        f.write("%d\t%d\t%s\t%d\t%s\n" % (r[0], r[1], r[2], r[3], ",".join(r[4]) or "-"))
print(len(d["events"]), "events,", len(rows), "conversions")
