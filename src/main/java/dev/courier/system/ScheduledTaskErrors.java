package dev.courier.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerCustomizer;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ErrorHandler;

/**
 * Scheduled jobs (sweeps, heartbeats, retention) all need the database: while it is down each would log a
 * stack trace every run. A database outage is logged in one line; anything else as before.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledTaskErrors {

    private static final Logger log = LoggerFactory.getLogger(ScheduledTaskErrors.class);

    private static final ErrorHandler HANDLER = error -> {
        if (DatabaseOutage.isCause(error)) {
            log.warn("Scheduled task skipped, database unavailable: {}", error.toString());
        } else {
            log.error("Unexpected error in a scheduled task", error);
        }
    };

    @Bean
    ThreadPoolTaskSchedulerCustomizer databaseOutageInPlatformScheduler() {
        return scheduler -> scheduler.setErrorHandler(HANDLER);
    }

    @Bean
    SimpleAsyncTaskSchedulerCustomizer databaseOutageInVirtualScheduler() {
        return scheduler -> scheduler.setErrorHandler(HANDLER);
    }
}
