package io.gewebot.commands.store;

import io.gewebot.api.chat.ChatContext;
import io.gewebot.common.store.Database;
import io.gewebot.commands.pacing.FriendRequestPacer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contact commands' database, shared by every account's commands in one process that were handed the
 * same one: the host's {@link DataSource} when it gives one, otherwise the SQLite file
 * {@value #FILE} in the extension's data folder.
 *
 * <p>The first account to open it migrates the commands' tables (Flyway, history table {@value #HISTORY};
 * a database of an earlier version, whose history was Flyway's default table, starts from the version
 * recorded there) and settles what the last stop of this process interrupted, before any account sends;
 * on PostgreSQL it takes this process's lease, renews it every {@link Instances#RENEW_EVERY} on a thread of
 * its own and settles what instances whose lease ran out had in flight. The last account to close it gives
 * the lease up.
 */
public final class CommandStore {

    /** The commands' own SQLite file, when the host gives no database. */
    public static final String FILE = "contact-commands.db";
    /** The commands' Flyway history table. */
    static final String HISTORY = "contact_commands_history";

    /** The commands' tables: where their migrations are, and their history table. */
    public static final Database.Migrations MIGRATIONS = new Database.Migrations("contact commands",
            "classpath:io/gewebot/commands/db", HISTORY, CommandStore.class.getClassLoader(),
            Optional.of(Database.FLYWAY_DEFAULT_HISTORY));

    private static final Logger LOG = LoggerFactory.getLogger(CommandStore.class);
    private static final Map<Object, CommandStore> OPEN = new HashMap<>();

    private final Object key;
    private final Database db;
    private final Instances instances;
    private final Optional<ScheduledExecutorService> leases;
    private int users;

    private CommandStore(Object key, Database db, Instances instances, Optional<ScheduledExecutorService> leases) {
        this.key = key;
        this.db = db;
        this.instances = instances;
        this.leases = leases;
    }

    /**
     * Opens the commands' database for one account, or shares the one already open.
     *
     * @param context the account's chat context: its database, or its data folder
     * @param clock the clock
     * @param recovery makes a pacer over the database and this process's instance id, to settle what the
     *     last stop interrupted
     * @return the store; {@link #release} it when the account's commands close
     */
    public static synchronized CommandStore acquire(ChatContext context, Clock clock,
            Function<CommandStore, FriendRequestPacer> recovery) {
        Optional<DataSource> given = context.dataSource();
        Object key = given.<Object>map(ds -> ds).orElseGet(() -> context.dataFolder().resolve(FILE).toAbsolutePath());
        CommandStore store = OPEN.get(key);
        if (store == null) {
            store = open(key, given, context.dataFolder(), clock, recovery);
            OPEN.put(key, store);
        }
        store.users++;
        return store;
    }

    private static CommandStore open(Object key, Optional<DataSource> given, Path folder, Clock clock,
            Function<CommandStore, FriendRequestPacer> recovery) {
        DataSource dataSource = given.orElseGet(() -> Database.sqliteFile(folder.resolve(FILE)));
        Database db = Database.over(dataSource, given.isPresent() ? "the host's database" : folder.resolve(FILE)
                .toString(), Database::maskPasswordParameters);
        try {
            db.migrate(MIGRATIONS);
            boolean shared = db.dialect().locksRows();
            // On a database several processes share, this one takes a lease under an id of its own before
            // anything it sends is claimed; on SQLite it is the only one.
            Instances instances = new Instances(db, clock, shared ? Instances.newId() : Instances.LOCAL);
            instances.renew();
            if (shared) {
                LOG.info("Instance {} on a shared database: {} instance(s) hold a lease", instances.id(),
                        instances.live());
            }
            Optional<ScheduledExecutorService> leases = shared
                    ? Optional.of(Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "lease");
                        t.setDaemon(true);
                        return t;
                    }))
                    : Optional.empty();
            CommandStore store = new CommandStore(key, db, instances, leases);
            FriendRequestPacer pacer = recovery.apply(store);
            // Every account's rows are in one database: what the last stop interrupted is settled once,
            // before any account sends.
            FriendRequestPacer.Recovered recovered = pacer.recoverAfterCrash();
            if (recovered.operations() > 0) {
                LOG.warn("{} command(s) were interrupted by the last stop ({} of them friend requests); they may have "
                        + "gone out and will not be re-sent", recovered.operations(), recovered.friendRequests());
            }
            // A thread of its own: a send waiting for GeWe must not keep the lease from being renewed.
            long every = Instances.RENEW_EVERY.toMillis();
            leases.ifPresent(l -> l.scheduleWithFixedDelay(() -> store.keepLease(pacer), every, every,
                    TimeUnit.MILLISECONDS));
            return store;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** @return transactions on the commands' database */
    public Database db() {
        return db;
    }

    /** @return this process's id among those sharing the database, which claims what it sends */
    public String instance() {
        return instances.id();
    }

    /** One account's commands closed: the last gives the lease up and closes the database. */
    public void release() {
        synchronized (CommandStore.class) {
            if (--users > 0) {
                return;
            }
            OPEN.remove(key);
        }
        leases.ifPresent(ScheduledExecutorService::shutdownNow);
        // Everything this instance had in flight is settled: its lease goes, so nothing waits on it.
        try {
            instances.release();
        } catch (RuntimeException e) {
            LOG.warn("Could not give this instance's lease up: {}", e.getMessage());
        }
        db.close();
    }

    /**
     * Renews this instance's lease, then settles what instances whose lease ran out had in flight.
     * A failure (the database away for a moment) is logged and tried again at the next turn.
     */
    private void keepLease(FriendRequestPacer pacer) {
        try {
            instances.renew();
            FriendRequestPacer.Recovered taken = pacer.recoverAbandoned();
            if (taken.operations() > 0) {
                LOG.warn("{} command(s) an instance was running when it stopped ({} of them friend requests) may "
                        + "have gone out and will not be re-sent", taken.operations(), taken.friendRequests());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not renew this instance's lease on the database: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "CommandStore[" + Objects.toString(db.dialect()) + ", instance " + instances.id() + "]";
    }
}
