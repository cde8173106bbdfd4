package dev.courier.delivery;

import dev.courier.command.CommandsQueued;
import dev.courier.command.DevicesDue;
import dev.courier.device.DeviceId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns "this device has something due" into wake-ups: at once for this instance's listeners, through
 * {@link WakeupChannel} for the others. Sends are announced only after they commit.
 */
@Component
class WakeupRouter {

    private final LocalListeners listeners;
    private final WakeupChannel channel;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "courier-retry-timer");
        thread.setDaemon(true);
        return thread;
    });

    WakeupRouter(LocalListeners listeners, WakeupChannel channel) {
        this.listeners = listeners;
        this.channel = channel;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onQueued(CommandsQueued queued) {
        wake(queued.deviceIds());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onDue(DevicesDue due) {
        wake(due.deviceIds());
    }

    /** The device's queue moved (an ack, a failure): its next command may be due. */
    void wake(DeviceId device) {
        wake(List.of(device.value()));
    }

    /** Wakes the device's listeners here but {@code looked} (which already looked; null: none), and elsewhere. */
    void wakeExcept(DeviceId device, DeviceListener looked) {
        listeners.wakeExcept(device.value(), looked);
        channel.publish(List.of(device.value()));
    }

    /** Wakes the device when a nacked command's retry delay has passed. */
    void wakeAfter(DeviceId device, Duration delay) {
        timer.schedule(() -> wake(device), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void wake(Collection<Long> deviceIds) {
        listeners.wake(deviceIds);
        channel.publish(deviceIds);
    }
}
