package dev.courier.delivery;

import dev.courier.command.CommandLeases;
import dev.courier.command.LeasedCommand;
import dev.courier.device.AuthenticatedDevice;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * A long-poll waiting for commands without holding a thread. Woken, it tries to claim; the first claim that
 * finds something answers the poll. If the poll ended (timed out) while a claim was under way, the claimed
 * leases are given back at once instead of waiting to lapse.
 */
class ParkedPoll implements DeviceListener {

    private static final Logger log = LoggerFactory.getLogger(ParkedPoll.class);

    private final AuthenticatedDevice device;
    private final Set<String> names;
    private final DeferredResult<ResponseEntity<?>> result;
    private final CommandLeases leases;
    private final Executor executor;
    private final AtomicInteger wakeups = new AtomicInteger();

    ParkedPoll(
            AuthenticatedDevice device,
            Set<String> names,
            DeferredResult<ResponseEntity<?>> result,
            CommandLeases leases,
            Executor executor) {
        this.device = device;
        this.names = names;
        this.result = result;
        this.leases = leases;
        this.executor = executor;
    }

    @Override
    public AuthenticatedDevice device() {
        return device;
    }

    @Override
    public void wake() {
        if (wakeups.getAndIncrement() == 0) {
            executor.execute(this::drain);
        }
    }

    private void claimInto() {
        if (!result.isSetOrExpired()) {
            List<LeasedCommand> claimed = leases.claim(device.id(), names);
            if (!claimed.isEmpty() && !result.setResult(ResponseEntity.ok(claimed))) {
                leases.release(device.id(), claimed);
            }
        }
    }

    @Override
    public void revoke() {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "the device token was revoked");
        problem.setTitle("Unauthorized");
        result.setResult(ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem));
    }

    private void drain() {
        int seen;
        do {
            seen = wakeups.get();
            try {
                claimInto();
            } catch (RuntimeException e) {
                log.warn("Claim for a parked poll of device {} failed; the next wake-up retries", device.ident(), e);
            }
        } while (wakeups.addAndGet(-seen) != 0);
    }
}
