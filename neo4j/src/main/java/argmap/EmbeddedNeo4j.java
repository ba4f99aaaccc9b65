package argmap;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Neo4j Community, embedded, with only the Bolt connector open on loopback and
 * authentication on (user neo4j, the password in DATA_DIR/argmap-bolt-password).
 *
 * Usage: EmbeddedNeo4j DATA_DIR [BOLT_PORT]
 * Prints "argmap-neo4j ready bolt://127.0.0.1:PORT" once Bolt accepts connections,
 * and shuts the store down cleanly on SIGTERM/SIGINT (a JVM shutdown hook).
 * Standard input is its lifeline: at end of input, or when the process that
 * started it is gone, it shuts down the same way, so the JVM never outlives
 * its argmap (even one killed with SIGKILL, which closes the pipe).
 * Exit code 3 means another launcher already holds this data directory.
 */
public final class EmbeddedNeo4j {
    static final int ALREADY_RUNNING = 3;
    static final int NO_PASSWORD = 4;
    static final String PASSWORD_FILE = "argmap-bolt-password";
    /** Holds a digest of the password last set in the system database, so it is set once, not at every start. */
    static final String APPLIED_FILE = "argmap-bolt-password.applied";

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: EmbeddedNeo4j DATA_DIR [BOLT_PORT]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 7687;
        Files.createDirectories(home);
        watchParent();

        // Neo4j locks its own store too, but only after it has started touching files;
        // this lock refuses a second launcher before it opens anything.
        Path lockPath = home.resolve("argmap-neo4j.lock");
        RandomAccessFile lockFile = new RandomAccessFile(lockPath.toFile(), "rw");
        FileChannel channel = lockFile.getChannel();
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String owner = readOwner(home);
            System.err.println("argmap-neo4j: another embedded Neo4j is already running on " + home
                    + (owner.isEmpty() ? "" : " (" + owner + ")")
                    + "; stop it first or point NEO4J_URI at it");
            System.exit(ALREADY_RUNNING);
        }
        String password;
        try {
            password = Files.readString(home.resolve(PASSWORD_FILE), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            password = "";
        }
        if (password.length() < 16) {
            System.err.println("argmap-neo4j: no Bolt password in " + home.resolve(PASSWORD_FILE)
                    + " (argmap writes one there before it starts Neo4j)");
            System.exit(NO_PASSWORD);
        }
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        Files.writeString(home.resolve("argmap-neo4j.pid"),
                "pid " + ProcessHandle.current().pid() + ", owner " + parent + ", bolt://127.0.0.1:" + port + "\n",
                StandardCharsets.UTF_8);

        // Shut down cleanly on SIGTERM, SIGINT, end of input or a dead parent, whatever phase start-up is in.
        AtomicReference<DatabaseManagementService> running = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        final FileLock heldLock = lock;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("argmap-neo4j stopping");
            DatabaseManagementService service = running.getAndSet(null);
            if (service != null) service.shutdown();
            try {
                Files.deleteIfExists(home.resolve("argmap-neo4j.pid"));
                heldLock.release();
                channel.close();
            } catch (IOException ignored) {
                // The OS releases the lock with the process anyway.
            }
            System.out.println("argmap-neo4j stopped");
            System.out.flush();
            stopped.countDown();
        }, "argmap-neo4j-shutdown"));

        String digest = sha256(password);
        Path applied = home.resolve(APPLIED_FILE);
        if (!digest.equals(readQuietly(applied))) {
            // The password is set with Bolt closed: a fresh store's default neo4j/neo4j, or an older store that ran
            // without authentication, is never reachable over the network with an unset password.
            DatabaseManagementService setup = build(home, port, false);
            running.set(setup);
            setup.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
            if (running.compareAndSet(setup, null)) setup.shutdown();
            Files.writeString(applied, digest + "\n", StandardCharsets.UTF_8);
            System.out.println("argmap-neo4j Bolt password set");
        }

        DatabaseManagementService service = build(home, port, true);
        running.set(service);
        // Touch the default database so "ready" means queries can run.
        service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        System.out.println("argmap-neo4j ready bolt://127.0.0.1:" + port + " data " + home);
        System.out.flush();
        stopped.await();
    }

    private static DatabaseManagementService build(Path home, int port, boolean bolt) {
        long heapHint = Runtime.getRuntime().maxMemory();
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, bolt)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                // Any local process can reach a loopback port: only the holder of the data directory's password gets in.
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(Math.max(128, heapHint / (4 * 1024 * 1024))))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(120))
                // A transaction past its timeout is stopped at the monitor's next check (2 s by default): checked
                // every 100 ms, a write stops within 0.1 s of its budget instead of committing up to 2 s later.
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(100))
                .build();
    }

    /**
     * Exits (running the shutdown hook) when standard input ends or the parent process is gone.
     * A SIGKILLed parent cannot tell its child anything, but its end of the pipe closes and the
     * child is re-parented: either is noticed within a second.
     */
    private static void watchParent() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        Thread stdin = new Thread(() -> {
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    // Nothing is expected on stdin; anything read is ignored.
                }
            } catch (IOException ignored) {
                // A broken pipe is an end of input too.
            }
            System.out.println("argmap-neo4j: standard input closed (argmap is gone); shutting down");
            System.exit(0);
        }, "argmap-neo4j-stdin-watch");
        stdin.setDaemon(true);
        stdin.start();
        if (parent == null) return;
        Thread poll = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
                if (!parent.isAlive() || now != parent.pid()) {
                    System.out.println("argmap-neo4j: parent process " + parent.pid() + " is gone; shutting down");
                    System.exit(0);
                }
            }
        }, "argmap-neo4j-parent-watch");
        poll.setDaemon(true);
        poll.start();
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static String readOwner(Path home) {
        return readQuietly(home.resolve("argmap-neo4j.pid"));
    }
}
