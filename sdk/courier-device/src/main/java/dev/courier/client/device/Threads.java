package dev.courier.client.device;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads: a device client never keeps its JVM alive by itself. */
final class Threads {

    private Threads() {}

    static ThreadFactory daemon(String prefix) {
        var count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
