// SPDX-License-Identifier: GPL-2.0
// falcoc capture probe: syscall exits (plus the open/connect enters kept against path races) and
// process lifecycle tracepoints, written as libscap exit-only events (header + u16 lengths +
// params, the layout of the runtime's decoder and of .scap event blocks) to one BPF ring buffer
// per CPU, without waking the reader per event. CO-RE: types come from the running kernel's BTF.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

#define SCRATCH 32768
#define DMASK 16383   /* data offsets are masked so the verifier sees every write in bounds */
#define STRMAX 4096
#define HDR 26
#define RB_SIZE (8 * 1024 * 1024)

/* libscap event codes (driver/ppm_events_public.h, exit-only layout) */
#define E_OPEN_X 3
#define E_CLOSE_X 5
#define E_SOCKET_X 19
#define E_CONNECT_E 22
#define E_CONNECT_X 23
#define E_CREAT_X 59
#define E_CHDIR_X 95
#define E_FCHDIR_X 97
#define E_SYMLINK_X 179
#define E_SYMLINKAT_X 181
#define E_PROCEXIT 186
#define E_SETUID_X 199
#define E_SETGID_X 201
#define E_CLONE_X 223
#define E_FORK_X 225
#define E_VFORK_X 227
#define E_MOUNT_X 257
#define E_EXECVE_X 293
#define E_UNLINK_X 301
#define E_UNLINKAT_X 303
#define E_OPENAT_E 306
#define E_OPENAT_X 307
#define E_OPENAT2_X 327
#define E_EXECVEAT_X 331
#define E_CLONE3_X 335
#define E_DUP2_X 363
#define E_DUP3_X 365
#define E_DUP_X 367

/* x86_64 syscall numbers */
#define NR_open 2
#define NR_close 3
#define NR_dup 32
#define NR_dup2 33
#define NR_socket 41
#define NR_connect 42
#define NR_clone 56
#define NR_fork 57
#define NR_vfork 58
#define NR_execve 59
#define NR_chdir 80
#define NR_fchdir 81
#define NR_creat 85
#define NR_unlink 87
#define NR_symlink 88
#define NR_setuid 105
#define NR_setgid 106
#define NR_mount 165
#define NR_openat 257
#define NR_unlinkat 263
#define NR_symlinkat 266
#define NR_dup3 292
#define NR_execveat 322
#define NR_clone3 435
#define NR_openat2 437
#define NR_MAX 512

struct scratch { __u8 b[SCRATCH]; };
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch_map SEC(".maps");

struct ring_inner {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, RB_SIZE);
};
/* one ring per CPU; userspace sets max_entries to the CPU count and inserts the rings */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1);
	__type(key, __u32);
	__array(values, struct ring_inner);
} rings SEC(".maps");

struct counters {
	__u64 evts;          /* events written */
	__u64 drops_buffer;  /* ring full */
	__u64 drops_size;    /* event larger than the scratch area */
	__u64 drops_noring;  /* no ring for this CPU */
};
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct counters);
} counters SEC(".maps");

/* syscall number -> traced; filled by userspace from the rules' event types + the state engine's */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, NR_MAX);
	__type(key, __u32);
	__type(value, __u8);
} interesting SEC(".maps");

struct config {
	__u64 boot_time;   /* ns since the epoch at boot: event ts = boot_time + ktime_get_boot_ns */
	__u32 self_tgid;   /* the capturing process, never traced (no feedback loop) */
	__u32 enabled;
};
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct config);
} settings SEC(".maps");

struct ev {
	__u8 *b;
	__u32 np, cur, off;
};

static __always_inline struct config *cfg(void)
{
	__u32 z = 0;
	return bpf_map_lookup_elem(&settings, &z);
}

static __always_inline int start(struct ev *e, __u32 np)
{
	__u32 z = 0;
	e->b = bpf_map_lookup_elem(&scratch_map, &z);
	if (!e->b)
		return -1;
	e->np = np;
	e->cur = 0;
	e->off = HDR + np * 2;
	return 0;
}

static __always_inline void set_len(struct ev *e, __u16 l)
{
	__u16 *p = (__u16 *)&e->b[(HDR + (e->cur & 63) * 2) & DMASK];
	*p = l;
	e->cur++;
	e->off += l;
}

static __always_inline void p_u64(struct ev *e, __u64 v)
{
	*(__u64 *)&e->b[e->off & DMASK] = v;
	set_len(e, 8);
}

static __always_inline void p_u32(struct ev *e, __u32 v)
{
	*(__u32 *)&e->b[e->off & DMASK] = v;
	set_len(e, 4);
}

static __always_inline void p_u16(struct ev *e, __u16 v)
{
	*(__u16 *)&e->b[e->off & DMASK] = v;
	set_len(e, 2);
}

static __always_inline void p_u8(struct ev *e, __u8 v)
{
	e->b[e->off & DMASK] = v;
	set_len(e, 1);
}

static __always_inline void p_empty(struct ev *e)
{
	set_len(e, 0);
}

static __always_inline void p_ustr(struct ev *e, const void *src)
{
	long n = src ? bpf_probe_read_user_str(&e->b[e->off & DMASK], STRMAX, src) : 0;
	set_len(e, n > 0 ? n : 0);
}

static __always_inline void p_kstr(struct ev *e, const void *src)
{
	long n = src ? bpf_probe_read_kernel_str(&e->b[e->off & DMASK], STRMAX, src) : 0;
	set_len(e, n > 0 ? n : 0);
}

static __always_inline void p_ubytes(struct ev *e, const void *src, __u64 n)
{
	if (!src || n == 0) {
		set_len(e, 0);
		return;
	}
	if (n > STRMAX - 1)
		n = STRMAX - 1;
	if (bpf_probe_read_user(&e->b[e->off & DMASK], n & (STRMAX - 1), src) != 0)
		n = 0;
	set_len(e, n);
}

static __always_inline void finish(struct ev *e, __u16 type, __u64 tid)
{
	struct config *c = cfg();
	__u64 *h = (__u64 *)e->b;
	h[0] = (c ? c->boot_time : 0) + bpf_ktime_get_boot_ns();
	h[1] = tid;
	*(__u32 *)&e->b[16] = e->off;
	*(__u16 *)&e->b[20] = type;
	*(__u32 *)&e->b[22] = e->np;

	__u32 z = 0;
	struct counters *cn = bpf_map_lookup_elem(&counters, &z);
	__u32 cpu = bpf_get_smp_processor_id();
	void *rb = bpf_map_lookup_elem(&rings, &cpu);
	__u32 len = e->off;
	if (len > SCRATCH - 1) {
		if (cn)
			cn->drops_size++;
		return;
	}
	if (!rb) {
		if (cn)
			cn->drops_noring++;
		return;
	}
	if (bpf_ringbuf_output(rb, e->b, len & (SCRATCH - 1), BPF_RB_NO_WAKEUP) != 0) {
		if (cn)
			cn->drops_buffer++;
	} else if (cn) {
		cn->evts++;
	}
}

static __always_inline int skip_self(void)
{
	struct config *c = cfg();
	if (!c || !c->enabled)
		return 1;
	return (bpf_get_current_pid_tgid() >> 32) == c->self_tgid;
}

static __always_inline int traced(__u32 nr)
{
	__u8 *on = bpf_map_lookup_elem(&interesting, &nr);
	return on && *on;
}

static __always_inline __u64 cur_tid(void)
{
	return bpf_get_current_pid_tgid() & 0xffffffff;
}

/* Linux O_* -> PPM_O_* */
static __always_inline __u32 open_flags(__u32 f)
{
	__u32 r = 0;
	switch (f & 3) {
	case 0: r |= 1; break;
	case 1: r |= 2; break;
	case 2: r |= 3; break;
	}
	if (f & 0100) r |= 4;
	if (f & 02000) r |= 8;
	if (f & 010000) r |= 16;
	if (f & 0200) r |= 32;
	if (f & 04000) r |= 64;
	if (f & 04000000) r |= 128;
	if (f & 01000) r |= 256;
	if (f & 040000) r |= 512;
	if (f & 0200000) r |= 1024;
	if (f & 0100000) r |= 2048;
	if (f & 02000000) r |= 4096;
	if (f & 020000000) r |= 8192;
	return r;
}

/* Linux CLONE_* -> PPM_CL_* */
static __always_inline __u32 clone_flags(__u64 f)
{
	__u32 r = 0;
	if (f & 0x400) r |= 1 << 0;        /* FILES */
	if (f & 0x200) r |= 1 << 1;        /* FS */
	if (f & 0x80000000ULL) r |= 1 << 2; /* IO */
	if (f & 0x8000000) r |= 1 << 3;    /* NEWIPC */
	if (f & 0x40000000) r |= 1 << 4;   /* NEWNET */
	if (f & 0x20000) r |= 1 << 5;      /* NEWNS */
	if (f & 0x20000000) r |= 1 << 6;   /* NEWPID */
	if (f & 0x4000000) r |= 1 << 7;    /* NEWUTS */
	if (f & 0x8000) r |= 1 << 8;       /* PARENT */
	if (f & 0x100000) r |= 1 << 9;     /* PARENT_SETTID */
	if (f & 0x2000) r |= 1 << 10;      /* PTRACE */
	if (f & 0x800) r |= 1 << 11;       /* SIGHAND */
	if (f & 0x40000) r |= 1 << 12;     /* SYSVSEM */
	if (f & 0x10000) r |= 1 << 13;     /* THREAD */
	if (f & 0x800000) r |= 1 << 14;    /* UNTRACED */
	if (f & 0x100) r |= 1 << 15;       /* VM */
	if (f & 0x10000000) r |= 1 << 20;  /* NEWUSER */
	if (f & 0x200000) r |= 1 << 23;    /* CHILD_CLEARTID */
	if (f & 0x1000000) r |= 1 << 24;   /* CHILD_SETTID */
	if (f & 0x80000) r |= 1 << 25;     /* SETTLS */
	if (f & 0x4000) r |= 1 << 27;      /* VFORK */
	if (f & 0x2000000) r |= 1 << 28;   /* NEWCGROUP */
	return r;
}

static __always_inline __s64 fdarg(__u64 v)
{
	return (__s64)(__s32)v;
}

static __always_inline struct file *fd_file(__s64 fd)
{
	if (fd < 0)
		return 0;
	struct task_struct *t = (void *)bpf_get_current_task();
	struct fdtable *fdt = BPF_CORE_READ(t, files, fdt);
	unsigned int max = BPF_CORE_READ(fdt, max_fds);
	if (fd >= max)
		return 0;
	struct file **fds = BPF_CORE_READ(fdt, fd);
	struct file *f = 0;
	bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]);
	return f;
}

/* pid number as seen from the task's own pid namespace */
static __always_inline __u64 vnr(struct pid *p)
{
	if (!p)
		return 0;
	unsigned int level = BPF_CORE_READ(p, level);
	struct upid up = {};
	bpf_probe_read_kernel(&up, sizeof(up), &p->numbers[level & 31]);
	return up.nr;
}

/* exe (argv[0]) and args (argv[1..], NUL-separated) from the current mm's argument area */
static __always_inline void p_exe_args(struct ev *e, struct task_struct *t)
{
	struct mm_struct *mm = BPF_CORE_READ(t, mm);
	unsigned long as = BPF_CORE_READ(mm, arg_start), ae = BPF_CORE_READ(mm, arg_end);
	if (!mm || ae <= as) {
		p_empty(e);
		p_empty(e);
		return;
	}
	long n = bpf_probe_read_user_str(&e->b[e->off & DMASK], STRMAX, (void *)as);
	if (n < 0)
		n = 0;
	set_len(e, n);
	unsigned long rest = ae - as;
	if (rest > (unsigned long)n)
		p_ubytes(e, (void *)(as + n), rest - n);
	else
		p_empty(e);
}

/* the 21 parameters of clone/fork/vfork/clone3 exit, for the calling or the new task */
static __always_inline void emit_clone(__u16 type, __s64 res, __u64 flags)
{
	struct ev e;
	if (start(&e, 21))
		return;
	struct task_struct *t = (void *)bpf_get_current_task();
	const struct cred *cr = BPF_CORE_READ(t, cred);
	p_u64(&e, res);
	p_exe_args(&e, t);
	p_u64(&e, BPF_CORE_READ(t, pid));
	p_u64(&e, BPF_CORE_READ(t, tgid));
	p_u64(&e, BPF_CORE_READ(t, real_parent, pid));
	p_empty(&e); /* cwd: inherited from the parent in userspace */
	p_u64(&e, BPF_CORE_READ(t, signal, rlim[7].rlim_cur));
	p_empty(&e); p_empty(&e); p_empty(&e); p_empty(&e); p_empty(&e); /* page faults, vm sizes */
	char comm[16];
	bpf_get_current_comm(comm, sizeof(comm));
	__builtin_memcpy(&e.b[e.off & DMASK], comm, 16);
	e.b[(e.off + 15) & DMASK] = 0;
	{
		__u32 l = 0;
		for (int i = 0; i < 16; i++) {
			if (comm[i] == 0) break;
			l++;
		}
		set_len(&e, l + 1);
	}
	p_empty(&e); /* cgroups */
	p_u32(&e, clone_flags(flags));
	p_u32(&e, BPF_CORE_READ(cr, euid.val));
	p_u32(&e, BPF_CORE_READ(cr, egid.val));
	p_u64(&e, vnr(BPF_CORE_READ(t, thread_pid)));
	p_u64(&e, vnr(BPF_CORE_READ(t, group_leader, thread_pid)));
	p_empty(&e); /* pidns_init_start_ts */
	finish(&e, type, cur_tid());
}

static __always_inline void emit_open(__u16 type, __s64 res, __u64 *a)
{
	struct ev e;
	int at = type == E_OPENAT_X || type == E_OPENAT2_X;
	if (start(&e, type == E_OPENAT_X ? 7 : type == E_OPENAT2_X ? 8 : 6))
		return;
	p_u64(&e, res);
	__u64 flags = 0, mode = 0, resolve = 0;
	if (type == E_OPENAT2_X) {
		struct open_how how = {};
		bpf_probe_read_user(&how, sizeof(how), (void *)a[2]);
		flags = how.flags;
		mode = how.mode;
		resolve = how.resolve;
	} else if (at) {
		flags = a[2];
		mode = a[3];
	} else if (type == E_CREAT_X) {
		flags = 0100 | 01000 | 1;
		mode = a[1];
	} else {
		flags = a[1];
		mode = a[2];
	}
	if (at)
		p_u64(&e, fdarg(a[0]));
	p_ustr(&e, (void *)(at ? a[1] : a[0]));
	if (type != E_CREAT_X)
		p_u32(&e, open_flags(flags));
	p_u32(&e, mode);
	if (type == E_OPENAT2_X)
		p_u32(&e, resolve);
	struct file *f = fd_file(res);
	struct inode *ino = f ? BPF_CORE_READ(f, f_inode) : 0;
	p_u32(&e, ino ? BPF_CORE_READ(ino, i_sb, s_dev) : 0);
	p_u64(&e, ino ? BPF_CORE_READ(ino, i_ino) : 0);
	if (type == E_CREAT_X)
		p_u16(&e, 0);
	finish(&e, type, cur_tid());
}

/* PT_SOCKADDR from a user sockaddr */
static __always_inline void p_sockaddr(struct ev *e, void *uaddr, __u64 ulen)
{
	__u16 fam = 0;
	if (!uaddr || ulen < 2 || bpf_probe_read_user(&fam, 2, uaddr)) {
		p_empty(e);
		return;
	}
	__u8 *d = &e->b[e->off & DMASK];
	if (fam == 2) {
		struct sockaddr_in sa = {};
		bpf_probe_read_user(&sa, sizeof(sa), uaddr);
		d[0] = 2;
		*(__u32 *)&d[1] = sa.sin_addr.s_addr;
		*(__u16 *)&d[5] = __builtin_bswap16(sa.sin_port);
		set_len(e, 7);
	} else if (fam == 10) {
		struct sockaddr_in6 sa = {};
		bpf_probe_read_user(&sa, sizeof(sa), uaddr);
		d[0] = 10;
		__builtin_memcpy(&d[1], &sa.sin6_addr, 16);
		*(__u16 *)&d[17] = __builtin_bswap16(sa.sin6_port);
		set_len(e, 19);
	} else if (fam == 1) {
		d[0] = 1;
		long n = bpf_probe_read_user_str(&e->b[(e->off + 1) & DMASK], 108, (char *)uaddr + 2);
		set_len(e, n > 0 ? 1 + n : 1);
	} else {
		d[0] = fam;
		set_len(e, 1);
	}
}

/* PT_SOCKTUPLE from the socket behind fd (local, then remote) */
static __always_inline void p_tuple(struct ev *e, __s64 fd)
{
	struct file *f = fd_file(fd);
	struct socket *so = f ? BPF_CORE_READ(f, private_data) : 0;
	struct sock *sk = so ? BPF_CORE_READ(so, sk) : 0;
	if (!sk) {
		p_empty(e);
		return;
	}
	__u16 fam = BPF_CORE_READ(sk, __sk_common.skc_family);
	__u8 *d = &e->b[e->off & DMASK];
	if (fam == 2) {
		d[0] = 2;
		*(__u32 *)&d[1] = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
		*(__u16 *)&d[5] = BPF_CORE_READ(sk, __sk_common.skc_num);
		*(__u32 *)&d[7] = BPF_CORE_READ(sk, __sk_common.skc_daddr);
		*(__u16 *)&d[11] = __builtin_bswap16(BPF_CORE_READ(sk, __sk_common.skc_dport));
		set_len(e, 13);
	} else if (fam == 10) {
		d[0] = 10;
		BPF_CORE_READ_INTO(&d[1], sk, __sk_common.skc_v6_rcv_saddr);
		*(__u16 *)&d[17] = BPF_CORE_READ(sk, __sk_common.skc_num);
		BPF_CORE_READ_INTO(&d[19], sk, __sk_common.skc_v6_daddr);
		*(__u16 *)&d[35] = __builtin_bswap16(BPF_CORE_READ(sk, __sk_common.skc_dport));
		set_len(e, 37);
	} else if (fam == 1) {
		d[0] = 1;
		*(__u64 *)&d[1] = (__u64)sk;
		*(__u64 *)&d[9] = 0;
		set_len(e, 17);
	} else {
		p_empty(e);
	}
}

static __always_inline void emit_simple2(__u16 type, __s64 res, __u64 v, int v_is_fd)
{
	struct ev e;
	if (start(&e, 2))
		return;
	p_u64(&e, res);
	if (v_is_fd)
		p_u64(&e, fdarg(v));
	else
		p_u32(&e, v);
	finish(&e, type, cur_tid());
}

static __always_inline void emit_path2(__u16 type, __s64 res, void *path)
{
	struct ev e;
	if (start(&e, 2))
		return;
	p_u64(&e, res);
	p_ustr(&e, path);
	finish(&e, type, cur_tid());
}

static __noinline void sys_exit_slow(__u32 nr, __s64 res, struct pt_regs *regs)
{
	__u64 a[6];
	a[0] = BPF_CORE_READ(regs, di);
	a[1] = BPF_CORE_READ(regs, si);
	a[2] = BPF_CORE_READ(regs, dx);
	a[3] = BPF_CORE_READ(regs, r10);
	a[4] = BPF_CORE_READ(regs, r8);
	a[5] = BPF_CORE_READ(regs, r9);
	struct ev e;
	switch (nr) {
	case NR_openat: emit_open(E_OPENAT_X, res, a); break;
	case NR_open: emit_open(E_OPEN_X, res, a); break;
	case NR_openat2: emit_open(E_OPENAT2_X, res, a); break;
	case NR_creat: emit_open(E_CREAT_X, res, a); break;
	case NR_close: emit_simple2(E_CLOSE_X, res, a[0], 1); break;
	case NR_fchdir: emit_simple2(E_FCHDIR_X, res, a[0], 1); break;
	case NR_dup: emit_simple2(E_DUP_X, res, a[0], 1); break;
	case NR_setuid: emit_simple2(E_SETUID_X, res, a[0], 0); break;
	case NR_setgid: emit_simple2(E_SETGID_X, res, a[0], 0); break;
	case NR_chdir: emit_path2(E_CHDIR_X, res, (void *)a[0]); break;
	case NR_unlink: emit_path2(E_UNLINK_X, res, (void *)a[0]); break;
	case NR_dup2:
	case NR_dup3:
		if (start(&e, nr == NR_dup3 ? 4 : 3))
			return;
		p_u64(&e, res);
		p_u64(&e, fdarg(a[0]));
		p_u64(&e, fdarg(a[1]));
		if (nr == NR_dup3)
			p_u32(&e, a[2] & 02000000 ? 4096 : 0);
		finish(&e, nr == NR_dup3 ? E_DUP3_X : E_DUP2_X, cur_tid());
		break;
	case NR_socket:
		if (start(&e, 5))
			return;
		p_u64(&e, res);
		p_u32(&e, a[0]);
		p_u32(&e, a[1]);
		p_u32(&e, a[2]);
		p_u32(&e, 0);
		finish(&e, E_SOCKET_X, cur_tid());
		break;
	case NR_connect:
		if (start(&e, 4))
			return;
		p_u64(&e, res);
		p_tuple(&e, fdarg(a[0]));
		p_u64(&e, fdarg(a[0]));
		p_sockaddr(&e, (void *)a[1], a[2]);
		finish(&e, E_CONNECT_X, cur_tid());
		break;
	case NR_symlink:
		if (start(&e, 3))
			return;
		p_u64(&e, res);
		p_ustr(&e, (void *)a[0]);
		p_ustr(&e, (void *)a[1]);
		finish(&e, E_SYMLINK_X, cur_tid());
		break;
	case NR_symlinkat:
		if (start(&e, 4))
			return;
		p_u64(&e, res);
		p_ustr(&e, (void *)a[0]);
		p_u64(&e, fdarg(a[1]));
		p_ustr(&e, (void *)a[2]);
		finish(&e, E_SYMLINKAT_X, cur_tid());
		break;
	case NR_unlinkat:
		if (start(&e, 4))
			return;
		p_u64(&e, res);
		p_u64(&e, fdarg(a[0]));
		p_ustr(&e, (void *)a[1]);
		p_u32(&e, a[2] & 0x200 ? 512 : 0);
		finish(&e, E_UNLINKAT_X, cur_tid());
		break;
	case NR_mount:
		if (start(&e, 5))
			return;
		p_u64(&e, res);
		p_ustr(&e, (void *)a[0]);
		p_ustr(&e, (void *)a[1]);
		p_ustr(&e, (void *)a[2]);
		p_u32(&e, (a[3] & 0xffff0000) == 0xc0ed0000 ? a[3] & 0xffff : a[3]);
		finish(&e, E_MOUNT_X, cur_tid());
		break;
	case NR_clone: emit_clone(E_CLONE_X, res, a[0]); break;
	case NR_fork: emit_clone(E_FORK_X, res, 0x11 /* SIGCHLD */); break;
	case NR_vfork: emit_clone(E_VFORK_X, res, 0x4000 | 0x100); break;
	case NR_clone3: {
		__u64 fl = 0;
		bpf_probe_read_user(&fl, 8, (void *)a[0]); /* clone_args.flags */
		emit_clone(E_CLONE3_X, res, fl);
		break;
	}
	case NR_execve:
	case NR_execveat:
		/* successful execs come from sched_process_exec; only failures here */
		/* libs 0.22 (Falco 0.42) execve/execveat exits have 30 parameters (no trailing filename) */
		if (res < 0 && start(&e, 30) == 0) {
			p_u64(&e, res);
			for (int i = 1; i < 30; i++)
				p_empty(&e);
			finish(&e, nr == NR_execve ? E_EXECVE_X : E_EXECVEAT_X, cur_tid());
		}
		break;
	}
}

SEC("raw_tp/sys_exit")
int falcoc_sys_exit(struct bpf_raw_tracepoint_args *ctx)
{
	struct pt_regs *regs = (struct pt_regs *)ctx->args[0];
	long id = BPF_CORE_READ(regs, orig_ax);
	if (id < 0 || id >= NR_MAX || !traced(id) || skip_self())
		return 0;
	sys_exit_slow(id, ctx->args[1], regs);
	return 0;
}

/* the enter events libsinsp keeps for openat and connect, so that a path or address changed by a
 * racing thread between entry and exit can be seen; per-syscall tracepoints, so that no other
 * syscall pays for them */
SEC("tracepoint/syscalls/sys_enter_openat")
int falcoc_enter_openat(struct trace_event_raw_sys_enter *ctx)
{
	if (!traced(NR_openat) || skip_self())
		return 0;
	struct ev e;
	if (start(&e, 4))
		return 0;
	p_u64(&e, fdarg(ctx->args[0]));
	p_ustr(&e, (void *)ctx->args[1]);
	p_u32(&e, open_flags(ctx->args[2]));
	p_u32(&e, ctx->args[3]);
	finish(&e, E_OPENAT_E, cur_tid());
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_connect")
int falcoc_enter_connect(struct trace_event_raw_sys_enter *ctx)
{
	if (!traced(NR_connect) || skip_self())
		return 0;
	struct ev e;
	if (start(&e, 2))
		return 0;
	p_u64(&e, fdarg(ctx->args[0]));
	p_sockaddr(&e, (void *)ctx->args[1], ctx->args[2]);
	finish(&e, E_CONNECT_E, cur_tid());
	return 0;
}

SEC("raw_tp/sched_process_exec")
int falcoc_exec(struct bpf_raw_tracepoint_args *ctx)
{
	if (!traced(NR_execve) || skip_self())
		return 0;
	struct task_struct *t = (struct task_struct *)ctx->args[0];
	struct linux_binprm *bprm = (struct linux_binprm *)ctx->args[2];
	const struct cred *cr = BPF_CORE_READ(t, cred);
	struct ev e;
	if (start(&e, 30))
		return 0;
	p_u64(&e, 0);
	p_exe_args(&e, t);
	p_u64(&e, BPF_CORE_READ(t, pid));
	p_u64(&e, BPF_CORE_READ(t, tgid));
	p_u64(&e, BPF_CORE_READ(t, real_parent, pid));
	p_empty(&e); /* cwd */
	p_u64(&e, BPF_CORE_READ(t, signal, rlim[7].rlim_cur));
	p_empty(&e); p_empty(&e); p_empty(&e); p_empty(&e); p_empty(&e);
	p_kstr(&e, &t->comm);
	p_empty(&e); /* cgroups */
	p_empty(&e); /* env */
	p_u32(&e, 0); /* tty */
	p_empty(&e); /* vpgid */
	p_u32(&e, BPF_CORE_READ(t, loginuid.val));
	p_u32(&e, 0); /* exe flags */
	p_u64(&e, BPF_CORE_READ(cr, cap_inheritable.val));
	p_u64(&e, BPF_CORE_READ(cr, cap_permitted.val));
	p_u64(&e, BPF_CORE_READ(cr, cap_effective.val));
	p_empty(&e); p_empty(&e); p_empty(&e); /* exe inode, ctime, mtime */
	p_u32(&e, BPF_CORE_READ(cr, euid.val));
	const char *fn = BPF_CORE_READ(bprm, filename);
	p_kstr(&e, fn); /* trusted_exepath: the resolved filename the kernel executed */
	p_empty(&e); /* pgid */
	p_u32(&e, BPF_CORE_READ(cr, egid.val));
	finish(&e, E_EXECVE_X, BPF_CORE_READ(t, pid));
	return 0;
}

SEC("raw_tp/sched_process_exit")
int falcoc_exit(struct bpf_raw_tracepoint_args *ctx)
{
	if (skip_self())
		return 0;
	struct task_struct *t = (struct task_struct *)ctx->args[0];
	int code = BPF_CORE_READ(t, exit_code);
	struct ev e;
	if (start(&e, 5))
		return 0;
	p_u64(&e, code);
	p_u64(&e, code >> 8);
	p_u8(&e, code & 0x7f);
	p_u8(&e, (code & 0x80) != 0);
	p_u64(&e, 0);
	finish(&e, E_PROCEXIT, BPF_CORE_READ(t, pid));
	return 0;
}
