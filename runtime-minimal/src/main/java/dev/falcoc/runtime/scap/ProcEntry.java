package dev.falcoc.runtime.scap;

/** One thread of a capture's process list block (fields a block version lacks keep libscap's defaults). */
public final class ProcEntry {
    public long tid, pid, ptid, sid = -1, vpgid = -1, pgid = -1;
    public String comm = "", exe = "", exepath = "", cwd = "", root = "";
    public byte[] args = new byte[0], env = new byte[0], cgroups = new byte[0];
    public long fdlimit;
    public int flags;
    public long uid, gid, loginuid = 0xffffffffL;
    public long vmsizeKb, vmrssKb, vmswapKb, pfmajor, pfminor;
    public long vtid = -1, vpid = -1;
    public long pidnsInitStartTs, tty;
    public boolean exeWritable, exeUpperLayer, exeLowerLayer, exeFromMemfd;
    public long capInheritable, capPermitted, capEffective;
    public long exeIno, exeInoCtime, exeInoMtime;
}
