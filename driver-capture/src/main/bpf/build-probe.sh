#!/usr/bin/env bash
# Called by Maven (generate-resources): builds the eBPF probe when the toolchain exists, otherwise
# says loudly that the live driver was not built and lets the rest of the build go on.
set -u
export PATH="$PATH:/usr/sbin:/sbin"
OUT="$1"; HDRS="$2"
cd "$(dirname "$0")"
missing=()
command -v clang >/dev/null || missing+=(clang)
command -v bpftool >/dev/null || missing+=(bpftool)
[ -f /usr/include/bpf/bpf_helpers.h ] || missing+=(libbpf-dev)
[ -r /sys/kernel/btf/vmlinux ] || missing+=("kernel BTF (/sys/kernel/btf/vmlinux)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "[falcoc] WARNING: live driver NOT built (missing: ${missing[*]}); 'falcoc run' works with --replay only"
  exit 0
fi
if ! make -s OUT="$OUT" HDRS="$HDRS"; then
  echo "[falcoc] WARNING: live driver NOT built: compiling the eBPF probe failed (see above)"
  exit 0
fi
echo "[falcoc] live driver built: $OUT/dev/falcoc/driver/probe.bpf.o"
