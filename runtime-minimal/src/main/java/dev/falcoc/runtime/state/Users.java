package dev.falcoc.runtime.state;

/** Users and groups from the capture's user list and user/group events (host entries only). */
public final class Users {
    public record User(long uid, long gid, String name, String home, String shell) {}

    public record Group(long gid, String name) {}

    private final LongMap<User> users = new LongMap<>(64);
    private final LongMap<Group> groups = new LongMap<>(64);

    public void addUser(long uid, long gid, String name, String home, String shell) { users.put(uid, new User(uid, gid, name, home, shell)); }

    public void removeUser(long uid) { users.remove(uid); }

    public void addGroup(long gid, String name) { groups.put(gid, new Group(gid, name)); }

    public void removeGroup(long gid) { groups.remove(gid); }

    public User user(long uid) { return users.get(uid); }

    public Group group(long gid) { return groups.get(gid); }
}
