# Workload of LiveSyscallsTest: one call of each syscall family the live probe reports, made with
# raw syscall numbers (x86_64) where libc would pick a sibling. Writes what the test compares to
# (ports, fds) to T/facts as key=value lines.
import ctypes, os, socket, sys

T = sys.argv[1]
libc = ctypes.CDLL(None, use_errno=True)
sc = libc.syscall
sc.restype = ctypes.c_long
facts = {}
AT_FDCWD = -100


def b(p):
    return p.encode()


# TCP: bind, listen, connect, accept4, send (sendto), recv (recvfrom)
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(7)
cli = socket.create_connection(srv.getsockname())
conn, _ = srv.accept()
facts["sport"] = srv.getsockname()[1]
facts["cport"] = cli.getsockname()[1]
cli.send(b"ping")
conn.recv(16)
# UDP without connect: sendmsg/recvmsg carry the peer from the user's sockaddr
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2.bind(("127.0.0.1", 0))
u2.sendmsg([b"hello"], [], 0, u1.getsockname())
u1.recvmsg(64)
facts["u1"] = u1.getsockname()[1]
facts["u2"] = u2.getsockname()[1]
# fd pairs
fds = (ctypes.c_int * 2)()
sc(22, fds)  # pipe
facts["pipe"] = "%d,%d" % (fds[0], fds[1])
sc(293, fds, os.O_NONBLOCK | os.O_CLOEXEC)  # pipe2
facts["pipe2"] = "%d,%d" % (fds[0], fds[1])
a, c = socket.socketpair()
facts["socketpair"] = "%d,%d" % (a.fileno(), c.fileno())
# files and directories
sc(83, b(T + "/d1"), 0o755)  # mkdir
dfd = os.open(T, os.O_RDONLY | os.O_DIRECTORY)
sc(258, dfd, b"d2", 0o700)  # mkdirat
sc(84, b(T + "/d1"))  # rmdir
open(T + "/f1", "w").close()
sc(82, b(T + "/f1"), b(T + "/f2"))  # rename
sc(264, dfd, b"f2", dfd, b"f3")  # renameat
sc(316, AT_FDCWD, b(T + "/f3"), AT_FDCWD, b(T + "/f4"), 1)  # renameat2 RENAME_NOREPLACE
sc(90, b(T + "/f4"), 0o600)  # chmod
ffd = os.open(T + "/f4", os.O_RDONLY)
sc(91, ffd, 0o640)  # fchmod
sc(268, dfd, b"f4", 0o644)  # fchmodat
sc(32, ffd)  # dup
sc(72, ffd, 1)  # fcntl F_GETFD
sc(87, b(T + "/f4"))  # unlink
sc(263, dfd, b"d2", 0x200)  # unlinkat AT_REMOVEDIR
# credentials, prctl, memfd_create
sc(117, 0, 0, 0)  # setresuid
sc(157, 15, b"falcoc-prctl")  # prctl PR_SET_NAME
mfd = sc(319, b"falcoc-memfd", 1)  # memfd_create MFD_CLOEXEC
facts["memfd"] = mfd
# ptrace(PTRACE_TRACEME) in a child that exits at once
pid = os.fork()
if pid == 0:
    sc(101, 0, 0, 0, 0)
    os._exit(0)
os.waitpid(pid, 0)
# a program run from a memfd (fileless execution)
xfd = os.memfd_create("falcoc-memfd-exec", 0)
with open("/bin/true", "rb") as f:
    os.write(xfd, f.read())
pid = os.fork()
if pid == 0:
    os.execv("/proc/self/fd/%d" % xfd, ["falcoc-memfd-exec"])
os.waitpid(pid, 0)
with open(T + "/facts", "w") as f:
    for k, v in facts.items():
        f.write("%s=%s\n" % (k, v))
