package argmap;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Neo4j Community, embedded, with only the Bolt connector open on loopback.
 *
 * Usage: EmbeddedNeo4j DATA_DIR [BOLT_PORT]
 * Prints "argmap-neo4j ready bolt://127.0.0.1:PORT" once Bolt accepts connections,
 * and shuts the store down cleanly on SIGTERM/SIGINT (a JVM shutdown hook).
 * Exit code 3 means another launcher already holds this data directory.
 */
public final class EmbeddedNeo4j {
    static final int ALREADY_RUNNING = 3;

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: EmbeddedNeo4j DATA_DIR [BOLT_PORT]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 7687;
        Files.createDirectories(home);

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
        Files.writeString(home.resolve("argmap-neo4j.pid"),
                "pid " + ProcessHandle.current().pid() + ", bolt://127.0.0.1:" + port + "\n",
                StandardCharsets.UTF_8);

        long heapHint = Runtime.getRuntime().maxMemory();
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                // Loopback only, single user: the Bolt port is not reachable from other hosts.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(Math.max(128, heapHint / (4 * 1024 * 1024))))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(120))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        final FileLock heldLock = lock;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("argmap-neo4j stopping");
            service.shutdown();
            try {
                heldLock.release();
                channel.close();
                Files.deleteIfExists(home.resolve("argmap-neo4j.pid"));
            } catch (IOException ignored) {
                // The OS releases the lock with the process anyway.
            }
            System.out.println("argmap-neo4j stopped");
            System.out.flush();
            stopped.countDown();
        }, "argmap-neo4j-shutdown"));

        // Touch the default database so "ready" means queries can run.
        service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        System.out.println("argmap-neo4j ready bolt://127.0.0.1:" + port + " data " + home);
        System.out.flush();
        stopped.await();
    }

    private static String readOwner(Path home) {
        try {
            return Files.readString(home.resolve("argmap-neo4j.pid"), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
