package dev.courier.delivery;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    /**
     * Runs hand-overs off the thread that woke them. A bounded pool, even where virtual threads exist: each
     * hand-over holds a database connection, and a wake-up of thousands of devices at once (a fan-out, the
     * safety wake) must queue here rather than storm the connection pool.
     */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor deliveryExecutor() {
        AtomicInteger threads = new AtomicInteger();
        var pool = new ThreadPoolExecutor(16, 16, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "courier-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
