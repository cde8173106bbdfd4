package dev.courier.delivery;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    /**
     * Runs hand-overs off the thread that woke them. Virtual threads where the JVM has them (21+), else a
     * bounded pool: a hand-over is a short transaction, never a wait.
     */
    @Bean(destroyMethod = "")
    Executor deliveryExecutor() {
        if (Runtime.version().feature() >= 21) {
            var executor = new SimpleAsyncTaskExecutor("courier-delivery-");
            executor.setVirtualThreads(true);
            return executor;
        }
        var pool = new ThreadPoolExecutor(16, 16, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
