package dev.courier;

import dev.courier.system.SideConnections;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements that threads prepare, to show a code path's statement count: the calling thread's,
 * and those of the threads that work for it (by name).
 */
@TestComponent
public class StatementCounter implements BeanPostProcessor {

    private static final Map<Thread, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    /** Statements prepared while {@code action} ran, on this thread or on a thread named {@code workers}-…. */
    public static int countOn(String workers, Runnable action) {
        int before = count(workers);
        action.run();
        return count(workers) - before;
    }

    private static int count(String workers) {
        Thread caller = Thread.currentThread();
        return COUNTS.entrySet().stream()
                .filter(entry ->
                        entry.getKey() == caller || entry.getKey().getName().startsWith(workers + "-"))
                .mapToInt(entry -> entry.getValue().get())
                .sum();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof CountingDataSource)) {
            return new CountingDataSource(dataSource);
        }
        return bean;
    }

    /** Counts the main pool's statements, and those of the side pools Courier makes from it. */
    private static final class CountingDataSource extends DelegatingDataSource implements SideConnections.Observer {

        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public DataSource observe(DataSource sidePool) {
            return new CountingDataSource(sidePool);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counting(super.getConnection());
        }

        private static Connection counting(Connection connection) {
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        String name = method.getName();
                        if (name.equals("prepareStatement")
                                || name.equals("prepareCall")
                                || name.equals("createStatement")) {
                            COUNTS.computeIfAbsent(Thread.currentThread(), thread -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
