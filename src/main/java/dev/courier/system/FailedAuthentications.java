package dev.courier.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Failed authentications per client address, so that guessing keys or tokens (or just sending bad ones) costs
 * the server little: each failure takes a token from the address's bucket, which refills at {@link
 * #FAILURES_PER_SECOND}; an address with an empty bucket gets 429 without its credentials being looked up.
 * Good credentials never take a token, so a client that authenticates is never slowed by this.
 */
@Component
public final class FailedAuthentications {

    static final double FAILURES_PER_SECOND = 10;
    static final double BURST = 20;
    private static final int MAX_ADDRESSES = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** True when this request's address has failed too often lately; it has been answered 429 then. */
    public boolean refused(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Bucket bucket = buckets.get(request.getRemoteAddr());
        if (bucket == null || bucket.hasToken(System.nanoTime())) {
            return false;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        ProblemWriter.write(
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                "Too many failed authentications",
                "this address presented invalid credentials too often; try again in a second");
        return true;
    }

    /** The request's credentials were missing or invalid. */
    public void failed(HttpServletRequest request) {
        if (buckets.size() >= MAX_ADDRESSES) {
            buckets.clear(); // a flood from very many addresses: start over rather than grow without bound
        }
        buckets.computeIfAbsent(request.getRemoteAddr(), any -> new Bucket()).take(System.nanoTime());
    }

    private static final class Bucket {
        private double tokens = BURST;
        private long refilledAt = System.nanoTime();

        synchronized boolean hasToken(long now) {
            refill(now);
            return tokens >= 1;
        }

        synchronized void take(long now) {
            refill(now);
            tokens = Math.max(0, tokens - 1);
        }

        private void refill(long now) {
            tokens = Math.min(BURST, tokens + (now - refilledAt) * FAILURES_PER_SECOND / 1e9);
            refilledAt = now;
        }
    }
}
