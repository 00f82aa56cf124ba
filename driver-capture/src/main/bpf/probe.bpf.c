// SPDX-License-Identifier: GPL-2.0
// falcoc capture probe: syscall exits and process lifecycle tracepoints, written as libscap exit-only events (header + u16 lengths +
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
#define E_OPENAT_X 307
#define E_OPENAT2_X 327
#define E_EXECVEAT_X 331
#define E_CLONE3_X 335
#define E_DUP2_X 363
#define E_DUP3_X 365
#define E_DUP_X 367
#define E_LINK_X 309
#define E_LINKAT_X 311
#define E_INIT_MODULE_X 411
#define E_FINIT_MODULE_X 413

#define E_BIND_X 21
#define E_LISTEN_X 25
#define E_SENDTO_X 31
#define E_RECVFROM_X 35
#define E_SHUTDOWN_X 37
#define E_SOCKETPAIR_X 43
#define E_SENDMSG_X 49
#define E_RECVMSG_X 53
#define E_PIPE_X 61
#define E_EVENTFD_X 63
#define E_SIGNALFD_X 127
#define E_TIMERFD_CREATE_X 137
#define E_INOTIFY_INIT_X 139
#define E_FCNTL_X 151
#define E_PTRACE_X 169
#define E_RENAME_X 175
#define E_RENAMEAT_X 177
#define E_SETRESUID_X 193
#define E_SETRESGID_X 195
#define E_SETNS_X 241
#define E_ACCEPT_X 247
#define E_CHROOT_X 267
#define E_SETSID_X 275
#define E_MKDIR_X 277
#define E_RMDIR_X 279
#define E_UNSHARE_X 285
#define E_SETPGID_X 295
#define E_MKDIRAT_X 305
#define E_FCHMODAT_X 313
#define E_CHMOD_X 315
#define E_FCHMOD_X 317
#define E_RENAMEAT2_X 319
#define E_USERFAULTFD_X 321
#define E_CAPSET_X 353
#define E_BPF_X 369
#define E_EPOLL_CREATE_X 375
#define E_EPOLL_CREATE1_X 377
#define E_UMOUNT2_X 391
#define E_ACCEPT4_X 389
#define E_PIPE2_X 393
#define E_INOTIFY_INIT1_X 395
#define E_EVENTFD2_X 397
#define E_SIGNALFD4_X 399
#define E_PRCTL_X 401
#define E_MEMFD_CREATE_X 405
#define E_PIDFD_GETFD_X 407
#define E_PIDFD_OPEN_X 409
#define E_SETREUID_X 427
#define E_SETREGID_X 429

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
#define NR_link 86
#define NR_linkat 265
#define NR_init_module 175
#define NR_finit_module 313
#define NR_pipe 22
#define NR_sendto 44
#define NR_recvfrom 45
#define NR_sendmsg 46
#define NR_recvmsg 47
#define NR_shutdown 48
#define NR_bind 49
#define NR_listen 50
#define NR_socketpair 53
#define NR_accept 43
#define NR_fcntl 72
#define NR_rename 82
#define NR_mkdir 83
#define NR_rmdir 84
#define NR_chmod 90
#define NR_fchmod 91
#define NR_ptrace 101
#define NR_setpgid 109
#define NR_setsid 112
#define NR_setreuid 113
#define NR_setregid 114
#define NR_setresuid 117
#define NR_setresgid 119
#define NR_capset 126
#define NR_prctl 157
#define NR_chroot 161
#define NR_umount2 166
#define NR_epoll_create 213
#define NR_inotify_init 253
#define NR_mkdirat 258
#define NR_renameat 264
#define NR_fchmodat 268
#define NR_unshare 272
#define NR_signalfd 282
#define NR_timerfd_create 283
#define NR_eventfd 284
#define NR_accept4 288
#define NR_signalfd4 289
#define NR_eventfd2 290
#define NR_epoll_create1 291
#define NR_pipe2 293
#define NR_inotify_init1 294
#define NR_setns 308
#define NR_renameat2 316
#define NR_memfd_create 319
#define NR_bpf 321
#define NR_userfaultfd 323
#define NR_pidfd_open 434
#define NR_pidfd_getfd 438
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

/* A kernel pointer read as a number (through bpf_probe_read) made readable by direct loads again:
 * a plain load costs a few ns, a bpf_probe_read_kernel helper call several times that. */
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym;
#define KCAST(p, T) ((T *)bpf_rdonly_cast((void *)(p), bpf_core_type_id_kernel(T)))

/* the file behind fd in the current task's table, or 0; direct loads but for the fd array slot */
static __always_inline struct file *fd_file(__s64 fd)
{
	if (fd < 0)
		return 0;
	struct task_struct *t = bpf_get_current_task_btf();
	struct fdtable *fdt = t->files->fdt;
	if (!fdt || fd >= fdt->max_fds)
		return 0;
	struct file *f = 0;
	bpf_probe_read_kernel(&f, sizeof(f), &fdt->fd[fd]);
	return f ? KCAST(f, struct file) : 0;
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
	struct inode *ino = f ? f->f_inode : 0;
	p_u32(&e, ino ? ino->i_sb->s_dev : 0);
	p_u64(&e, ino ? ino->i_ino : 0);
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

/* the six syscall arguments; a struct so that global functions (verified once each) may take them */
struct sysargs {
	__u64 a[6];
};

/* Path components are gathered leaf to root, then written root first. */
#define PATH_DEPTH 16
#define PATH_POS (SCRATCH - 16)
#define PATH_DEPTH_AT (SCRATCH - 12)
#define NAME_MAX_ 256

/* Linux socket/pipe/inotify flags -> PPM_O_NONBLOCK | PPM_O_CLOEXEC (| PPM_O_DIRECT) */
static __always_inline __u32 fd_flags(__s64 f)
{
	__u32 r = 0;
	if (f < 0)
		return 0;
	if (f & 04000) r |= 1 << 6;
	if (f & 02000000) r |= 1 << 12;
	if (f & 040000) r |= 1 << 9;
	return r;
}

/* Linux PTRACE_* request -> PPM_PTRACE_* */
static __always_inline __u16 ptrace_req(__u64 r)
{
	switch (r) {
	case 0: return 1;       /* TRACEME */
	case 1: return 2;       /* PEEKTEXT */
	case 2: return 3;       /* PEEKDATA */
	case 3: return 4;       /* PEEKUSR */
	case 4: return 5;       /* POKETEXT */
	case 5: return 6;       /* POKEDATA */
	case 6: return 7;       /* POKEUSR */
	case 7: return 8;       /* CONT */
	case 8: return 9;       /* KILL */
	case 9: return 10;      /* SINGLESTEP */
	case 16: return 11;     /* ATTACH */
	case 17: return 12;     /* DETACH */
	case 24: return 13;     /* SYSCALL */
	case 0x4200: return 14; /* SETOPTIONS */
	case 0x4201: return 15; /* GETEVENTMSG */
	case 0x4202: return 16; /* GETSIGINFO */
	case 0x4203: return 17; /* SETSIGINFO */
	case 0x4204: return 18; /* GETREGSET */
	case 0x4205: return 19; /* SETREGSET */
	case 0x4206: return 20; /* SEIZE */
	case 0x4207: return 21; /* INTERRUPT */
	case 0x4208: return 22; /* LISTEN */
	case 0x4209: return 23; /* PEEKSIGINFO */
	case 0x420a: return 24; /* GETSIGMASK */
	case 0x420b: return 25; /* SETSIGMASK */
	case 12: return 26;     /* GETREGS */
	case 13: return 27;     /* SETREGS */
	case 14: return 28;     /* GETFPREGS */
	case 15: return 29;     /* SETFPREGS */
	case 18: return 30;     /* GETFPXREGS */
	case 19: return 31;     /* SETFPXREGS */
	case 21: return 32;     /* OLDSETOPTIONS */
	case 25: return 33;     /* GET_THREAD_AREA */
	case 26: return 34;     /* SET_THREAD_AREA */
	case 30: return 35;     /* ARCH_PRCTL */
	case 31: return 36;     /* SYSEMU */
	case 32: return 37;     /* SYSEMU_SINGLESTEP */
	case 33: return 38;     /* SINGLEBLOCK */
	}
	return 0;
}

/* Linux F_* fcntl command -> PPM_FCNTL_* */
static __always_inline __u8 fcntl_cmd(__u64 c)
{
	switch (c) {
	case 0: return 1;   case 1: return 2;   case 2: return 3;   case 3: return 4;
	case 4: return 5;   case 5: return 6;   case 6: return 8;   case 7: return 9;
	case 8: return 10;  case 9: return 12;  case 10: return 13; case 11: return 15;
	case 15: return 21; case 16: return 22;
	case 1024: return 23; case 1025: return 24; case 1029: return 25; case 1030: return 26;
	case 1026: return 27; case 1031: return 28; case 1032: return 29;
	case 36: return 30; case 37: return 31; case 38: return 32;
	}
	return 0;
}

/* a string the kernel holds, written without its NUL at pos; returns bytes written */
static __always_inline long put_kname(__u8 *b, __u32 pos, const void *name)
{
	long n = bpf_probe_read_kernel_str(&b[pos & DMASK], NAME_MAX_, name);
	return n > 0 ? n - 1 : 0;
}

/* the path of a cgroup's kernfs node ("/" for the root) written at pos; returns the new pos */
static __always_inline __u32 put_kernfs_path(__u8 *b, __u32 pos, struct kernfs_node *kn)
{
	struct kernfs_node *chain[PATH_DEPTH];
	int depth = 0;
	for (int i = 0; i < PATH_DEPTH; i++) {
		struct kernfs_node *parent = kn ? BPF_CORE_READ(kn, __parent) : 0;
		if (!parent)
			break;
		chain[i] = kn;
		depth = i + 1;
		kn = parent;
	}
	if (depth == 0) {
		b[pos & DMASK] = '/';
		return pos + 1;
	}
	/* position and depth go through memory so that every iteration looks alike to the verifier */
	volatile __u32 *vpos = (__u32 *)&b[PATH_POS], *vdepth = (__u32 *)&b[PATH_DEPTH_AT];
	*vpos = pos;
	*vdepth = depth;
	for (int i = PATH_DEPTH - 1; i >= 0; i--) {
		if (i >= *vdepth)
			continue;
		pos = *vpos & DMASK;
		b[pos] = '/';
		pos++;
		*vpos = pos + put_kname(b, pos, BPF_CORE_READ(chain[i & (PATH_DEPTH - 1)], name));
	}
	return *vpos;
}

/* Walk positions live in the scratch area's tail, not on the stack: read back from memory they are
 * unknown to the verifier, so a bpf_loop callback converges after one pass instead of being checked
 * once per distinct position range. */
#define WALK_POS (SCRATCH - 8)
#define WALK_END (SCRATCH - 4)

/* one "subsystem=/path" entry of the css_set in data */
static long cg_entry(__u32 i, void *data)
{
	struct css_set *cs = *(struct css_set **)data;
	__u32 z = 0;
	__u8 *b = bpf_map_lookup_elem(&scratch_map, &z);
	if (!b || i >= 16)
		return 1;
	__u32 pos = *(__u32 *)&b[WALK_POS];
	if (pos >= *(__u32 *)&b[WALK_END])
		return 1;
	struct cgroup_subsys_state *css = 0;
	bpf_core_read(&css, sizeof(css), &cs->subsys[i]);
	if (!css)
		return 0;
	pos &= DMASK;
	pos += put_kname(b, pos, BPF_CORE_READ(css, ss, name));
	b[pos & DMASK] = '=';
	pos++;
	pos = put_kernfs_path(b, pos, BPF_CORE_READ(css, cgroup, kn));
	b[pos & DMASK] = 0;
	*(__u32 *)&b[WALK_POS] = pos + 1;
	return 0;
}

/* cgroups: "subsystem=/path" for every subsystem of the task's css_set, NUL-separated (libscap's list) */
static __always_inline void p_cgroups(struct ev *e, struct task_struct *t)
{
	struct css_set *cs = BPF_CORE_READ(t, cgroups);
	if (!cs) {
		p_empty(e);
		return;
	}
	*(__u32 *)&e->b[WALK_POS] = e->off;
	*(__u32 *)&e->b[WALK_END] = e->off + STRMAX;
	bpf_loop(bpf_core_enum_value(enum cgroup_subsys_id, CGROUP_SUBSYS_COUNT), cg_entry, &cs, 0);
	set_len(e, *(__u32 *)&e->b[WALK_POS] - e->off);
}

/* dentry walk state in the scratch tail (see WALK_POS): current dentry and mount, depth, chain */
#define DW_D (SCRATCH - 256)
#define DW_M (SCRATCH - 248)
#define DW_DEPTH (SCRATCH - 240)
#define DW_CHAIN (SCRATCH - 512)

/* one step from a dentry towards the root, crossing mount points; a bpf_loop callback */
static long dentry_step(__u32 i, void *data)
{
	__u32 z = 0;
	__u8 *b = bpf_map_lookup_elem(&scratch_map, &z);
	if (!b)
		return 1;
	struct dentry *d = *(struct dentry **)&b[DW_D];
	struct mount *m = *(struct mount **)&b[DW_M];
	__u32 depth = *(__u32 *)&b[DW_DEPTH];
	struct dentry *root = BPF_CORE_READ(m, mnt.mnt_root);
	struct dentry *parent = BPF_CORE_READ(d, d_parent);
	if (d == root || d == parent) {
		struct mount *mp = BPF_CORE_READ(m, mnt_parent);
		if (d != root || !mp || mp == m)
			return 1;
		*(struct dentry **)&b[DW_D] = BPF_CORE_READ(m, mnt_mountpoint);
		*(struct mount **)&b[DW_M] = mp;
		return 0;
	}
	if (depth >= PATH_DEPTH)
		return 1;
	*(struct dentry **)&b[DW_CHAIN + (depth & (PATH_DEPTH - 1)) * 8] = d;
	*(__u32 *)&b[DW_DEPTH] = depth + 1;
	*(struct dentry **)&b[DW_D] = parent;
	return 0;
}

/* the absolute path of a dentry under a mount ("/" for the root), as a NUL-terminated parameter */
static __always_inline void p_dpath(struct ev *e, struct dentry *d, struct vfsmount *vm)
{
	__u8 *b = e->b;
	*(struct dentry **)&b[DW_D] = d;
	*(struct mount **)&b[DW_M] = (void *)((char *)vm - bpf_core_field_offset(struct mount, mnt));
	*(__u32 *)&b[DW_DEPTH] = 0;
	bpf_loop(2 * PATH_DEPTH, dentry_step, 0, 0);
	__u32 pos = e->off, start = e->off;
	volatile __u32 *vpos = (__u32 *)&b[PATH_POS], *vdepth = (__u32 *)&b[DW_DEPTH];
	if (*vdepth == 0) {
		b[pos & DMASK] = '/';
		pos++;
	}
	*vpos = pos;
	for (int i = PATH_DEPTH - 1; i >= 0; i--) {
		if (i >= *vdepth)
			continue;
		pos = *vpos & DMASK;
		b[pos] = '/';
		pos++;
		struct dentry *c = *(struct dentry **)&b[DW_CHAIN + i * 8];
		*vpos = pos + put_kname(b, pos, BPF_CORE_READ(c, d_name.name));
	}
	pos = *vpos & DMASK;
	b[pos] = 0;
	pos++;
	set_len(e, pos - start);
}

static __always_inline void p_cwd(struct ev *e, struct task_struct *t)
{
	struct fs_struct *fs = BPF_CORE_READ(t, fs);
	if (!fs) {
		p_empty(e);
		return;
	}
	p_dpath(e, BPF_CORE_READ(fs, pwd.dentry), BPF_CORE_READ(fs, pwd.mnt));
}

/* the controlling terminal as libscap encodes it (new_encode_dev of major, minor_start + index), 0 when none */
static __always_inline __u32 tty_of(struct task_struct *t)
{
	struct tty_struct *tty = BPF_CORE_READ(t, signal, tty);
	if (!tty)
		return 0;
	__u32 major = BPF_CORE_READ(tty, driver, major);
	__u32 minor = BPF_CORE_READ(tty, driver, minor_start) + BPF_CORE_READ(tty, index);
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

static __always_inline void p_comm(struct ev *e)
{
	char comm[16];
	bpf_get_current_comm(comm, sizeof(comm));
	__builtin_memcpy(&e->b[e->off & DMASK], comm, 16);
	e->b[(e->off + 15) & DMASK] = 0;
	__u32 l = 0;
	for (int i = 0; i < 16; i++) {
		if (comm[i] == 0)
			break;
		l++;
	}
	set_len(e, l + 1);
}

/* the 21 parameters of clone/fork/vfork/clone3 exit, for the calling or the new task */
__noinline int emit_clone(__u16 type, __s64 res, __u64 flags)
{
	struct ev e;
	if (start(&e, 21))
		return 0;
	struct task_struct *t = (void *)bpf_get_current_task();
	const struct cred *cr = BPF_CORE_READ(t, cred);
	p_u64(&e, res);
	p_exe_args(&e, t);
	p_u64(&e, BPF_CORE_READ(t, pid));
	p_u64(&e, BPF_CORE_READ(t, tgid));
	p_u64(&e, BPF_CORE_READ(t, real_parent, pid));
	p_cwd(&e, t);
	p_u64(&e, BPF_CORE_READ(t, signal, rlim[7].rlim_cur));
	p_empty(&e); p_empty(&e); p_empty(&e); p_empty(&e); p_empty(&e); /* page faults, vm sizes */
	p_comm(&e);
	p_cgroups(&e, t);
	p_u32(&e, clone_flags(flags));
	p_u32(&e, BPF_CORE_READ(cr, euid.val));
	p_u32(&e, BPF_CORE_READ(cr, egid.val));
	p_u64(&e, vnr(BPF_CORE_READ(t, thread_pid)));
	p_u64(&e, vnr(BPF_CORE_READ(t, group_leader, thread_pid)));
	p_empty(&e); /* pidns_init_start_ts */
	finish(&e, type, cur_tid());
	return 0;
}

/* PT_SOCKTUPLE of the socket behind fd. Outbound (connect, send*): local then remote; inbound
 * (accept, recv*): remote then local. A remote the kernel does not know (unconnected UDP) comes
 * from the user's sockaddr, as in libscap. */
static __always_inline void p_tuple(struct ev *e, __s64 fd, int inbound, void *uaddr)
{
	struct file *f = fd_file(fd);
	void *priv = f ? f->private_data : 0;
	struct sock *sk = priv ? KCAST(priv, struct socket)->sk : 0;
	if (!sk) {
		p_empty(e);
		return;
	}
	__u16 fam = sk->__sk_common.skc_family;
	__u8 *d = &e->b[e->off & DMASK];
	if (fam == 2) {
		__u32 lip = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr), rip = BPF_CORE_READ(sk, __sk_common.skc_daddr);
		__u16 lport = BPF_CORE_READ(sk, __sk_common.skc_num);
		__u16 rport = __builtin_bswap16(BPF_CORE_READ(sk, __sk_common.skc_dport));
		if (rport == 0 && uaddr) {
			struct sockaddr_in sa = {};
			bpf_probe_read_user(&sa, sizeof(sa), uaddr);
			rip = sa.sin_addr.s_addr;
			rport = __builtin_bswap16(sa.sin_port);
		}
		d[0] = 2;
		*(__u32 *)&d[1] = inbound ? rip : lip;
		*(__u16 *)&d[5] = inbound ? rport : lport;
		*(__u32 *)&d[7] = inbound ? lip : rip;
		*(__u16 *)&d[11] = inbound ? lport : rport;
		set_len(e, 13);
	} else if (fam == 10) {
		__u8 *l = &d[inbound ? 19 : 1], *r = &d[inbound ? 1 : 19];
		BPF_CORE_READ_INTO(l, sk, __sk_common.skc_v6_rcv_saddr);
		BPF_CORE_READ_INTO(r, sk, __sk_common.skc_v6_daddr);
		__u16 lport = BPF_CORE_READ(sk, __sk_common.skc_num);
		__u16 rport = __builtin_bswap16(BPF_CORE_READ(sk, __sk_common.skc_dport));
		if (rport == 0 && uaddr) {
			struct sockaddr_in6 sa = {};
			bpf_probe_read_user(&sa, sizeof(sa), uaddr);
			__builtin_memcpy(r, &sa.sin6_addr, 16);
			rport = __builtin_bswap16(sa.sin6_port);
		}
		d[0] = 10;
		*(__u16 *)&d[17] = inbound ? rport : lport;
		*(__u16 *)&d[35] = inbound ? lport : rport;
		set_len(e, 37);
	} else if (fam == 1) {
		struct unix_sock *us = (void *)sk;
		struct sock *peer = BPF_CORE_READ(us, peer);
		d[0] = 1;
		/* outbound: peer (destination) first and the peer's path; inbound: ours first and our path */
		*(__u64 *)&d[1] = inbound ? (__u64)sk : (__u64)peer;
		*(__u64 *)&d[9] = inbound ? (__u64)peer : (__u64)sk;
		struct unix_sock *named = inbound ? us : (struct unix_sock *)peer;
		struct unix_address *ua = named ? BPF_CORE_READ(named, addr) : 0;
		long n = 0;
		if (ua) {
			n = bpf_probe_read_kernel_str(&e->b[(e->off + 17) & DMASK], 108, &ua->name[0].sun_path);
			if (n == 1) /* abstract socket: skip the leading NUL */
				n = bpf_probe_read_kernel_str(&e->b[(e->off + 17) & DMASK], 107, &ua->name[0].sun_path[1]);
		} else if (!inbound && uaddr) {
			n = bpf_probe_read_user_str(&e->b[(e->off + 17) & DMASK], 108, (char *)uaddr + 2);
		}
		if (n <= 0) {
			e->b[(e->off + 17) & DMASK] = 0;
			n = 1;
		}
		set_len(e, 17 + n);
	} else {
		p_empty(e);
	}
}

#define SNAPLEN 80

static __always_inline __u64 snap(__s64 n)
{
	return n <= 0 ? 0 : n > SNAPLEN ? SNAPLEN : n;
}

/* the first bytes of an iovec array's data (the first iovec only), the rest of the msghdr in m */
static __always_inline void p_iov_data(struct ev *e, struct user_msghdr *m, __u64 n)
{
	struct iovec iov = {};
	if (!m->msg_iov || m->msg_iovlen == 0 || bpf_probe_read_user(&iov, sizeof(iov), m->msg_iov)) {
		p_empty(e);
		return;
	}
	p_ubytes(e, iov.iov_base, n < iov.iov_len ? n : iov.iov_len);
}

static __always_inline __u32 iov_total(struct user_msghdr *m)
{
	__u64 sum = 0;
	for (int i = 0; i < 8; i++) {
		if (i >= m->msg_iovlen)
			break;
		struct iovec iov = {};
		bpf_probe_read_user(&iov, sizeof(iov), &m->msg_iov[i]);
		sum += iov.iov_len;
	}
	return sum;
}

__noinline int emit_net(__u32 nr, __s64 res, struct sysargs *x)
{
	struct ev e;
	if (!x)
		return 0;
	__u64 *a = x->a;
	switch (nr) {
	case NR_socket: /* libs 0.22 (Falco 0.42): 4 parameters, no trailing flags */
		if (start(&e, 4))
			return 0;
		p_u64(&e, res);
		p_u32(&e, a[0]);
		p_u32(&e, a[1]);
		p_u32(&e, a[2]);
		finish(&e, E_SOCKET_X, cur_tid());
		break;
	case NR_connect:
		if (start(&e, 4))
			return 0;
		p_u64(&e, res);
		p_tuple(&e, fdarg(a[0]), 0, (void *)a[1]);
		p_u64(&e, fdarg(a[0]));
		p_sockaddr(&e, (void *)a[1], a[2]);
		finish(&e, E_CONNECT_X, cur_tid());
		break;
	case NR_accept:
	case NR_accept4: {
		if (start(&e, nr == NR_accept4 ? 6 : 5))
			return 0;
		p_u64(&e, res);
		if (res >= 0)
			p_tuple(&e, res, 1, 0);
		else
			p_empty(&e);
		__u32 qlen = 0, qmax = 0;
		struct file *lf = res >= 0 ? fd_file(fdarg(a[0])) : 0;
		struct socket *ls = lf ? BPF_CORE_READ(lf, private_data) : 0;
		struct sock *lsk = ls ? BPF_CORE_READ(ls, sk) : 0;
		if (lsk) {
			qlen = BPF_CORE_READ(lsk, sk_ack_backlog);
			qmax = BPF_CORE_READ(lsk, sk_max_ack_backlog);
		}
		p_u8(&e, qlen && qmax ? (__u8)((__u64)qlen * 100 / qmax) : 0);
		p_u32(&e, qlen);
		p_u32(&e, qmax);
		if (nr == NR_accept4)
			p_u32(&e, fd_flags((__s32)a[3]));
		finish(&e, nr == NR_accept4 ? E_ACCEPT4_X : E_ACCEPT_X, cur_tid());
		break;
	}
	case NR_bind:
		if (start(&e, 3))
			return 0;
		p_u64(&e, res);
		p_sockaddr(&e, (void *)a[1], a[2]);
		p_u64(&e, fdarg(a[0]));
		finish(&e, E_BIND_X, cur_tid());
		break;
	case NR_listen:
		if (start(&e, 3))
			return 0;
		p_u64(&e, res);
		p_u64(&e, fdarg(a[0]));
		p_u32(&e, a[1]);
		finish(&e, E_LISTEN_X, cur_tid());
		break;
	case NR_shutdown:
		if (start(&e, 3))
			return 0;
		p_u64(&e, res);
		p_u64(&e, fdarg(a[0]));
		p_u8(&e, a[1]);
		finish(&e, E_SHUTDOWN_X, cur_tid());
		break;
	case NR_sendto:
		if (start(&e, 5))
			return 0;
		p_u64(&e, res);
		p_ubytes(&e, (void *)a[1], snap(res > 0 ? res : (__s64)(__u32)a[2]));
		p_u64(&e, fdarg(a[0]));
		p_u32(&e, a[2]);
		if (res >= 0)
			p_tuple(&e, fdarg(a[0]), 0, (void *)a[4]);
		else
			p_empty(&e);
		finish(&e, E_SENDTO_X, cur_tid());
		break;
	case NR_recvfrom:
		if (start(&e, 5))
			return 0;
		p_u64(&e, res);
		if (res >= 0) {
			p_ubytes(&e, (void *)a[1], snap(res));
			p_tuple(&e, fdarg(a[0]), 1, (void *)a[4]);
		} else {
			p_empty(&e);
			p_empty(&e);
		}
		p_u64(&e, fdarg(a[0]));
		p_u32(&e, a[2]);
		finish(&e, E_RECVFROM_X, cur_tid());
		break;
	case NR_sendmsg: {
		if (start(&e, 5))
			return 0;
		struct user_msghdr m = {};
		p_u64(&e, res);
		if (bpf_probe_read_user(&m, sizeof(m), (void *)a[1])) {
			p_empty(&e);
			p_u64(&e, fdarg(a[0]));
			p_empty(&e);
			p_empty(&e);
		} else {
			p_iov_data(&e, &m, res > 0 ? snap(res) : SNAPLEN);
			p_u64(&e, fdarg(a[0]));
			p_u32(&e, iov_total(&m));
			if (res >= 0)
				p_tuple(&e, fdarg(a[0]), 0, m.msg_name);
			else
				p_empty(&e);
		}
		finish(&e, E_SENDMSG_X, cur_tid());
		break;
	}
	case NR_recvmsg: {
		if (start(&e, 6))
			return 0;
		struct user_msghdr m = {};
		p_u64(&e, res);
		if (res >= 0 && bpf_probe_read_user(&m, sizeof(m), (void *)a[1]) == 0) {
			p_u32(&e, res);
			p_iov_data(&e, &m, snap(res));
			p_tuple(&e, fdarg(a[0]), 1, m.msg_name);
			if (m.msg_control && m.msg_controllen > 0 && m.msg_controllen <= 0xffff)
				p_ubytes(&e, m.msg_control, m.msg_controllen);
			else
				p_empty(&e);
		} else {
			p_u32(&e, 0);
			p_empty(&e);
			p_empty(&e);
			p_empty(&e);
		}
		p_u64(&e, fdarg(a[0]));
		finish(&e, E_RECVMSG_X, cur_tid());
		break;
	}
	case NR_socketpair: {
		if (start(&e, 8))
			return 0;
		int fds[2] = {-1, -1};
		__u64 src = 0, peer = 0;
		p_u64(&e, res);
		if (res >= 0) {
			bpf_probe_read_user(fds, sizeof(fds), (void *)a[3]);
			struct file *f = fd_file(fds[0]);
			struct socket *so = f ? BPF_CORE_READ(f, private_data) : 0;
			struct sock *sk = so ? BPF_CORE_READ(so, sk) : 0;
			if (sk) {
				src = (__u64)sk;
				peer = (__u64)BPF_CORE_READ((struct unix_sock *)sk, peer);
			}
		}
		p_u64(&e, fds[0]);
		p_u64(&e, fds[1]);
		p_u64(&e, src);
		p_u64(&e, peer);
		p_u32(&e, a[0]);
		p_u32(&e, a[1]);
		p_u32(&e, a[2]);
		finish(&e, E_SOCKETPAIR_X, cur_tid());
		break;
	}
	}
	return 0;
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

/* res + one integer parameter (fd: sign-extended 64-bit; else 32-bit) */
static __always_inline void emit_res_int(__u16 type, __s64 res, __u64 v, int v_is_fd)
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

__noinline int emit_file(__u32 nr, __s64 res, struct sysargs *x)
{
	struct ev e;
	if (!x)
		return 0;
	__u64 *a = x->a;
	switch (nr) {
	case NR_openat: emit_open(E_OPENAT_X, res, a); break;
	case NR_open: emit_open(E_OPEN_X, res, a); break;
	case NR_openat2: emit_open(E_OPENAT2_X, res, a); break;
	case NR_creat: emit_open(E_CREAT_X, res, a); break;
	case NR_close: emit_res_int(E_CLOSE_X, res, a[0], 1); break;
	case NR_fchdir: emit_res_int(E_FCHDIR_X, res, a[0], 1); break;
	case NR_dup: emit_res_int(E_DUP_X, res, a[0], 1); break;
	case NR_chdir: emit_path2(E_CHDIR_X, res, (void *)a[0]); break;
	case NR_unlink: emit_path2(E_UNLINK_X, res, (void *)a[0]); break;
	case NR_rmdir: emit_path2(E_RMDIR_X, res, (void *)a[0]); break;
	case NR_chroot: emit_path2(E_CHROOT_X, res, (void *)a[0]); break;
	case NR_dup2:
	case NR_dup3:
		if (start(&e, nr == NR_dup3 ? 4 : 3))
			return 0;
		p_u64(&e, res);
		p_u64(&e, fdarg(a[0]));
		p_u64(&e, fdarg(a[1]));
		if (nr == NR_dup3)
			p_u32(&e, a[2] & 02000000 ? 4096 : 0);
		finish(&e, nr == NR_dup3 ? E_DUP3_X : E_DUP2_X, cur_tid());
		break;
	case NR_symlink:
	case NR_link:
	case NR_rename:
		if (start(&e, 3))
			return 0;
		p_u64(&e, res);
		p_ustr(&e, (void *)a[0]);
		p_ustr(&e, (void *)a[1]);
		finish(&e, nr == NR_symlink ? E_SYMLINK_X : nr == NR_link ? E_LINK_X : E_RENAME_X, cur_tid());
		break;
	case NR_symlinkat:
		if (start(&e, 4))
			return 0;
		p_u64(&e, res);
		p_ustr(&e, (void *)a[0]);
		p_u64(&e, fdarg(a[1]));
		p_ustr(&e, (void *)a[2]);
		finish(&e, E_SYMLINKAT_X, cur_tid());
		break;
	case NR_unlinkat:
		if (start(&e, 4))
			return 0;
		p_u64(&e, res);
		p_u64(&e, fdarg(a[0]));
		p_ustr(&e, (void *)a[1]);
		p_u32(&e, a[2] & 0x200 ? 512 : 0);
		finish(&e, E_UNLINKAT_X, cur_tid());
		break;
	case NR_linkat:
	case NR_renameat:
	case NR_renameat2:
		if (start(&e, nr == NR_renameat ? 5 : 6))
			return 0;
		p_u64(&e, res);
		p_u64(&e, fdarg(a[0]));
		p_ustr(&e, (void *)a[1]);
		p_u64(&e, fdarg(a[2]));
		p_ustr(&e, (void *)a[3]);
		if (nr != NR_renameat)
			p_u32(&e, a[4]); /* AT_* (linkat) and RENAME_* (renameat2) flags have libscap's values */
		finish(&e, nr == NR_linkat ? E_LINKAT_X : nr == NR_renameat ? E_RENAMEAT_X : E_RENAMEAT2_X, cur_tid());
		break;
	case NR_mkdir:
	case NR_chmod:
		if (start(&e, 3))
			return 0;
		p_u64(&e, res);
		p_ustr(&e, (void *)a[0]);
		p_u32(&e, a[1]); /* mode bits have libscap's values */
		finish(&e, nr == NR_mkdir ? E_MKDIR_X : E_CHMOD_X, cur_tid());
		break;
	case NR_mkdirat:
	case NR_fchmodat:
		if (start(&e, 4))
			return 0;
		p_u64(&e, res);
		p_u64(&e, fdarg(a[0]));
		p_ustr(&e, (void *)a[1]);
		p_u32(&e, a[2]);
		finish(&e, nr == NR_mkdirat ? E_MKDIRAT_X : E_FCHMODAT_X, cur_tid());
		break;
	case NR_fchmod:
		if (start(&e, 3))
			return 0;
		p_u64(&e, res);
		p_u64(&e, fdarg(a[0]));
		p_u32(&e, a[1]);
		finish(&e, E_FCHMOD_X, cur_tid());
		break;
	case NR_pipe:
	case NR_pipe2: {
		if (start(&e, nr == NR_pipe2 ? 5 : 4))
			return 0;
		int fds[2] = {-1, -1};
		__u64 ino = 0;
		if (res >= 0) {
			bpf_probe_read_user(fds, sizeof(fds), (void *)a[0]);
			struct file *f = fd_file(fds[0]);
			ino = f ? BPF_CORE_READ(f, f_inode, i_ino) : 0;
		}
		p_u64(&e, res);
		p_u64(&e, fds[0]);
		p_u64(&e, fds[1]);
		p_u64(&e, ino);
		if (nr == NR_pipe2)
			p_u32(&e, fd_flags((__s32)a[1]));
		finish(&e, nr == NR_pipe2 ? E_PIPE2_X : E_PIPE_X, cur_tid());
		break;
	}
	case NR_fcntl: /* libs 0.22 (Falco 0.42): 3 parameters, no trailing arg */
		if (start(&e, 3))
			return 0;
		p_u64(&e, res);
		p_u64(&e, fdarg(a[0]));
		p_u8(&e, fcntl_cmd((__u32)a[1]));
		finish(&e, E_FCNTL_X, cur_tid());
		break;
	case NR_memfd_create:
		if (start(&e, 3))
			return 0;
		p_u64(&e, res);
		p_ustr(&e, (void *)a[0]);
		p_u32(&e, a[1]); /* MFD_* have libscap's values */
		finish(&e, E_MEMFD_CREATE_X, cur_tid());
		break;
	case NR_mount:
		if (start(&e, 5))
			return 0;
		p_u64(&e, res);
		p_ustr(&e, (void *)a[0]);
		p_ustr(&e, (void *)a[1]);
		p_ustr(&e, (void *)a[2]);
		p_u32(&e, (a[3] & 0xffff0000) == 0xc0ed0000 ? a[3] & 0xffff : a[3]);
		finish(&e, E_MOUNT_X, cur_tid());
		break;
	case NR_umount2:
		if (start(&e, 3))
			return 0;
		p_u64(&e, res);
		p_ustr(&e, (void *)a[0]);
		p_u32(&e, a[1]);
		finish(&e, E_UMOUNT2_X, cur_tid());
		break;
	case NR_init_module:
		if (start(&e, 4))
			return 0;
		p_u64(&e, res);
		p_empty(&e); /* the module image is not copied */
		p_u64(&e, a[1]);
		p_ustr(&e, (void *)a[2]);
		finish(&e, E_INIT_MODULE_X, cur_tid());
		break;
	case NR_finit_module:
		if (start(&e, 4))
			return 0;
		p_u64(&e, res);
		p_u64(&e, fdarg(a[0]));
		p_ustr(&e, (void *)a[1]);
		p_u32(&e, a[2]);
		finish(&e, E_FINIT_MODULE_X, cur_tid());
		break;
	}
	return 0;
}

/* fd-creating syscalls whose only other parameters are small integers */
__noinline int emit_fdmisc(__u32 nr, __s64 res, struct sysargs *x)
{
	struct ev e;
	if (!x)
		return 0;
	__u64 *a = x->a;
	switch (nr) {
	case NR_eventfd:
	case NR_eventfd2:
		if (start(&e, 3))
			return 0;
		p_u64(&e, res);
		if (nr == NR_eventfd) {
			p_u64(&e, a[0]);
			p_u32(&e, 0);
		} else {
			p_u16(&e, fd_flags((__s32)a[1]));
			p_u64(&e, a[0]);
		}
		finish(&e, nr == NR_eventfd ? E_EVENTFD_X : E_EVENTFD2_X, cur_tid());
		break;
	case NR_signalfd:
	case NR_signalfd4: {
		__u64 mask = 0;
		bpf_probe_read_user(&mask, 4, (void *)a[1]);
		if (start(&e, 4))
			return 0;
		p_u64(&e, res);
		if (nr == NR_signalfd) {
			p_u64(&e, fdarg(a[0]));
			p_u32(&e, mask);
			p_u8(&e, 0);
		} else {
			p_u16(&e, fd_flags((__s32)a[3]));
			p_u64(&e, fdarg(a[0]));
			p_u32(&e, mask);
		}
		finish(&e, nr == NR_signalfd ? E_SIGNALFD_X : E_SIGNALFD4_X, cur_tid());
		break;
	}
	case NR_timerfd_create:
		if (start(&e, 3))
			return 0;
		p_u64(&e, res);
		p_u8(&e, a[0]);
		p_u8(&e, 0);
		finish(&e, E_TIMERFD_CREATE_X, cur_tid());
		break;
	case NR_inotify_init:
		if (start(&e, 2))
			return 0;
		p_u64(&e, res);
		p_u8(&e, 0);
		finish(&e, E_INOTIFY_INIT_X, cur_tid());
		break;
	case NR_inotify_init1:
		if (start(&e, 2))
			return 0;
		p_u64(&e, res);
		p_u16(&e, fd_flags((__s32)a[0]));
		finish(&e, E_INOTIFY_INIT1_X, cur_tid());
		break;
	case NR_epoll_create: emit_res_int(E_EPOLL_CREATE_X, res, a[0], 0); break;
	case NR_epoll_create1: emit_res_int(E_EPOLL_CREATE1_X, res, a[0] & 02000000 ? 1 : 0, 0); break;
	case NR_userfaultfd: emit_res_int(E_USERFAULTFD_X, res, a[0], 0); break;
	case NR_bpf:
		if (start(&e, 2))
			return 0;
		p_u64(&e, res);
		p_u32(&e, a[0]);
		finish(&e, E_BPF_X, cur_tid());
		break;
	case NR_pidfd_open:
		if (start(&e, 3))
			return 0;
		p_u64(&e, res);
		p_u64(&e, (__s32)a[0]);
		p_u32(&e, fd_flags((__s32)a[1]));
		finish(&e, E_PIDFD_OPEN_X, cur_tid());
		break;
	case NR_pidfd_getfd:
		if (start(&e, 4))
			return 0;
		p_u64(&e, res);
		p_u64(&e, fdarg(a[0]));
		p_u64(&e, fdarg(a[1]));
		p_u32(&e, a[2]);
		finish(&e, E_PIDFD_GETFD_X, cur_tid());
		break;
	}
	return 0;
}

/* credentials, sessions, namespaces, ptrace, prctl */
__noinline int emit_proc(__u32 nr, __s64 res, struct sysargs *x)
{
	struct ev e;
	if (!x)
		return 0;
	__u64 *a = x->a;
	switch (nr) {
	case NR_setuid: emit_res_int(E_SETUID_X, res, a[0], 0); break;
	case NR_setgid: emit_res_int(E_SETGID_X, res, a[0], 0); break;
	case NR_setsid:
		if (start(&e, 1))
			return 0;
		p_u64(&e, res);
		finish(&e, E_SETSID_X, cur_tid());
		break;
	case NR_setpgid:
		if (start(&e, 3))
			return 0;
		p_u64(&e, res);
		p_u64(&e, (__s32)a[0]);
		p_u64(&e, (__s32)a[1]);
		finish(&e, E_SETPGID_X, cur_tid());
		break;
	case NR_setresuid:
	case NR_setresgid:
		if (start(&e, 4))
			return 0;
		p_u64(&e, res);
		p_u32(&e, a[0]);
		p_u32(&e, a[1]);
		p_u32(&e, a[2]);
		finish(&e, nr == NR_setresuid ? E_SETRESUID_X : E_SETRESGID_X, cur_tid());
		break;
	case NR_setreuid:
	case NR_setregid:
		if (start(&e, 3))
			return 0;
		p_u64(&e, res);
		p_u32(&e, a[0]);
		p_u32(&e, a[1]);
		finish(&e, nr == NR_setreuid ? E_SETREUID_X : E_SETREGID_X, cur_tid());
		break;
	case NR_capset: {
		if (start(&e, 4))
			return 0;
		struct task_struct *t = (void *)bpf_get_current_task();
		const struct cred *cr = BPF_CORE_READ(t, cred);
		p_u64(&e, res);
		p_u64(&e, BPF_CORE_READ(cr, cap_inheritable.val));
		p_u64(&e, BPF_CORE_READ(cr, cap_permitted.val));
		p_u64(&e, BPF_CORE_READ(cr, cap_effective.val));
		finish(&e, E_CAPSET_X, cur_tid());
		break;
	}
	case NR_setns:
		if (start(&e, 3))
			return 0;
		p_u64(&e, res);
		p_u64(&e, fdarg(a[0]));
		p_u32(&e, clone_flags(a[1]));
		finish(&e, E_SETNS_X, cur_tid());
		break;
	case NR_unshare: emit_res_int(E_UNSHARE_X, res, clone_flags(a[0]), 0); break;
	case NR_ptrace: {
		if (start(&e, 5))
			return 0;
		__u16 req = ptrace_req(a[0]);
		p_u64(&e, res);
		/* addr and data are PT_DYN: an index byte (0: u64, 1: signal) then the value */
		__u8 *d = &e.b[e.off & DMASK];
		d[0] = 0;
		*(__u64 *)&d[1] = res < 0 ? 0 : a[2];
		set_len(&e, 9);
		d = &e.b[e.off & DMASK];
		__u64 data = a[3];
		if (res < 0) {
			d[0] = 0;
			*(__u64 *)&d[1] = 0;
			set_len(&e, 9);
		} else if (req == 8 || req == 10 || req == 12 || req == 13) { /* CONT SINGLESTEP DETACH SYSCALL: a signal */
			d[0] = 1;
			d[1] = data;
			set_len(&e, 2);
		} else {
			if (req >= 2 && req <= 4) { /* PEEK*: the word read, stored at data */
				__u64 v = 0;
				bpf_probe_read_user(&v, 8, (void *)data);
				data = v;
			}
			d[0] = 0;
			*(__u64 *)&d[1] = data;
			set_len(&e, 9);
		}
		p_u16(&e, req);
		p_u64(&e, (__s32)a[1]);
		finish(&e, E_PTRACE_X, cur_tid());
		break;
	}
	case NR_prctl: {
		if (start(&e, 4))
			return 0;
		p_u64(&e, res);
		p_u32(&e, a[0]);
		if (a[0] == 15 || a[0] == 16) { /* PR_SET_NAME, PR_GET_NAME */
			p_ustr(&e, (void *)a[1]);
			p_u64(&e, 0);
		} else if (a[0] == 37) { /* PR_GET_CHILD_SUBREAPER: the value it wrote */
			int v = 0;
			bpf_probe_read_user(&v, 4, (void *)a[1]);
			p_empty(&e);
			p_u64(&e, (__s64)v);
		} else {
			p_empty(&e);
			p_u64(&e, a[1]);
		}
		finish(&e, E_PRCTL_X, cur_tid());
		break;
	}
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
	return 0;
}

/* Which writer handles a syscall: 1 files, 2 network, 3 processes, 4 other fd creators. */
static __always_inline int family(__u32 nr)
{
	switch (nr) {
	case NR_socket: case NR_connect: case NR_accept: case NR_accept4: case NR_bind: case NR_listen:
	case NR_shutdown: case NR_sendto: case NR_recvfrom: case NR_sendmsg: case NR_recvmsg: case NR_socketpair:
		return 2;
	case NR_setuid: case NR_setgid: case NR_setsid: case NR_setpgid: case NR_setresuid: case NR_setresgid:
	case NR_setreuid: case NR_setregid: case NR_capset: case NR_setns: case NR_unshare: case NR_ptrace:
	case NR_prctl: case NR_clone: case NR_fork: case NR_vfork: case NR_clone3: case NR_execve: case NR_execveat:
		return 3;
	case NR_eventfd: case NR_eventfd2: case NR_signalfd: case NR_signalfd4: case NR_timerfd_create:
	case NR_inotify_init: case NR_inotify_init1: case NR_epoll_create: case NR_epoll_create1:
	case NR_userfaultfd: case NR_bpf: case NR_pidfd_open: case NR_pidfd_getfd:
		return 4;
	}
	return 1;
}

/* tp_btf: regs is a kernel pointer the program may read directly (no probe-read helper calls) */
SEC("tp_btf/sys_exit")
int falcoc_sys_exit(__u64 *ctx)
{
	struct pt_regs *regs = (struct pt_regs *)ctx[0];
	long id = regs->orig_ax;
	if (id < 0 || id >= NR_MAX || !traced(id) || skip_self())
		return 0;
	__s64 res = ctx[1];
	struct sysargs x;
	x.a[0] = regs->di;
	x.a[1] = regs->si;
	x.a[2] = regs->dx;
	x.a[3] = regs->r10;
	x.a[4] = regs->r8;
	x.a[5] = regs->r9;
	switch (family(id)) {
	case 1: emit_file(id, res, &x); break;
	case 2: emit_net(id, res, &x); break;
	case 3: emit_proc(id, res, &x); break;
	case 4: emit_fdmisc(id, res, &x); break;
	}
	return 0;
}

/* exe flags: writable by the caller, overlayfs upper/lower layer, memfd */
static __always_inline __u32 exe_flags(struct file *f, const struct cred *cr)
{
	if (!f)
		return 0;
	__u32 r = 0;
	struct inode *ino = BPF_CORE_READ(f, f_inode);
	struct dentry *d = BPF_CORE_READ(f, f_path.dentry);
	umode_t mode = BPF_CORE_READ(ino, i_mode);
	__u32 uid = BPF_CORE_READ(cr, fsuid.val), gid = BPF_CORE_READ(cr, fsgid.val);
	__u64 caps = BPF_CORE_READ(cr, cap_effective.val);
	if ((mode & 0002) || (uid == BPF_CORE_READ(ino, i_uid.val) && (mode & 0200)) ||
	    (gid == BPF_CORE_READ(ino, i_gid.val) && (mode & 0020)) || (caps & (1ULL << 1) /* DAC_OVERRIDE */))
		r |= 1;
	if (BPF_CORE_READ(d, d_sb, s_magic) == 0x794c7630) { /* overlayfs */
		struct dentry *upper = 0;
		bpf_probe_read_kernel(&upper, sizeof(upper), (char *)ino + bpf_core_type_size(struct inode));
		r |= upper && BPF_CORE_READ(upper, d_inode, i_ino) ? 2 : 8;
	}
	if (BPF_CORE_READ(d, d_parent) == d) {
		char pre[7] = {};
		if (bpf_probe_read_kernel_str(pre, sizeof(pre), BPF_CORE_READ(d, d_name.name)) == 7 &&
		    pre[0] == 'm' && pre[1] == 'e' && pre[2] == 'm' && pre[3] == 'f' && pre[4] == 'd' && pre[5] == ':')
			r |= 4;
	}
	return r;
}

SEC("raw_tp/sched_process_exec")
int falcoc_exec(struct bpf_raw_tracepoint_args *ctx)
{
	if (!traced(NR_execve) || skip_self())
		return 0;
	struct task_struct *t = (struct task_struct *)ctx->args[0];
	struct linux_binprm *bprm = (struct linux_binprm *)ctx->args[2];
	const struct cred *cr = BPF_CORE_READ(t, cred);
	struct mm_struct *mm = BPF_CORE_READ(t, mm);
	struct file *exe = BPF_CORE_READ(mm, exe_file);
	struct inode *ino = exe ? BPF_CORE_READ(exe, f_inode) : 0;
	struct ev e;
	if (start(&e, 30))
		return 0;
	p_u64(&e, 0);
	p_exe_args(&e, t);
	p_u64(&e, BPF_CORE_READ(t, pid));
	p_u64(&e, BPF_CORE_READ(t, tgid));
	p_u64(&e, BPF_CORE_READ(t, real_parent, pid));
	p_cwd(&e, t);
	p_u64(&e, BPF_CORE_READ(t, signal, rlim[7].rlim_cur));
	p_empty(&e); p_empty(&e); p_empty(&e); p_empty(&e); p_empty(&e); /* page faults, vm sizes */
	p_kstr(&e, &t->comm);
	p_cgroups(&e, t);
	{
		unsigned long es = BPF_CORE_READ(mm, env_start), ee = BPF_CORE_READ(mm, env_end);
		p_ubytes(&e, (void *)es, ee > es ? ee - es : 0);
	}
	p_u32(&e, tty_of(t));
	p_u64(&e, vnr(BPF_CORE_READ(t, signal, pids[PIDTYPE_PGID])));
	p_u32(&e, BPF_CORE_READ(t, loginuid.val));
	p_u32(&e, exe_flags(exe, cr));
	p_u64(&e, BPF_CORE_READ(cr, cap_inheritable.val));
	p_u64(&e, BPF_CORE_READ(cr, cap_permitted.val));
	p_u64(&e, BPF_CORE_READ(cr, cap_effective.val));
	if (ino) {
		p_u64(&e, BPF_CORE_READ(ino, i_ino));
		p_u64(&e, BPF_CORE_READ(ino, i_ctime_sec) * 1000000000ULL + BPF_CORE_READ(ino, i_ctime_nsec));
		p_u64(&e, BPF_CORE_READ(ino, i_mtime_sec) * 1000000000ULL + BPF_CORE_READ(ino, i_mtime_nsec));
	} else {
		p_empty(&e); p_empty(&e); p_empty(&e);
	}
	p_u32(&e, BPF_CORE_READ(cr, euid.val));
	const char *fn = BPF_CORE_READ(bprm, filename);
	p_kstr(&e, fn); /* trusted_exepath: the resolved filename the kernel executed */
	{
		struct pid *pg = BPF_CORE_READ(t, signal, pids[PIDTYPE_PGID]);
		struct upid up = {};
		if (pg)
			bpf_probe_read_kernel(&up, sizeof(up), &pg->numbers[0]);
		p_u64(&e, up.nr);
	}
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
