package dev.courier.delivery;

import dev.courier.command.CommandLeases;
import dev.courier.command.LeasedCommand;
import dev.courier.device.AuthenticatedDevice;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
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

    private final AuthenticatedDevice device;
    private final Set<String> names;
    private final DeferredResult<ResponseEntity<?>> result;
    private final CommandLeases leases;
    private final Drain drain;

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
        this.drain = new Drain(executor, this::claimInto, "a parked poll of device " + device.ident());
    }

    @Override
    public AuthenticatedDevice device() {
        return device;
    }

    @Override
    public void wake() {
        drain.wake();
    }

    @Override
    public long woken() {
        return drain.woken();
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
}
