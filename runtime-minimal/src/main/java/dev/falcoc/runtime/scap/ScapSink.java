package dev.falcoc.runtime.scap;

/** Receives the capture's metadata blocks (machine, processes, fds, users, groups, interfaces). */
public interface ScapSink {
    default void machine(int numCpus, long memoryBytes, long maxPid, String hostname, long bootTs, long flags) {}
    default void process(ProcEntry p) {}
    default void fd(long tid, FdEntry fd) {}
    default void user(long uid, long gid, String name, String home, String shell) {}
    default void group(long gid, String name) {}
    /** addr is 4 or 16 bytes. */
    default void iface(String name, byte[] addr, byte[] netmask) {}
}
