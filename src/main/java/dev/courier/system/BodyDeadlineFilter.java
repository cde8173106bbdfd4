package dev.courier.system;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads an authenticated request's body without holding a thread while it trickles in. A body already in
 * Tomcat's buffer (nearly every one: a small JSON body comes in the packets of its headers) is taken on the
 * request's thread; the rest of any other is read with non-blocking IO, and the request goes on, in a new
 * dispatch, once it is complete. The whole body must arrive within a deadline and, after its first seconds,
 * at a minimum rate; else the answer is 408 and the connection closes. On Java 17 Tomcat has 200 worker
 * threads: 250 clients sending their bodies a few bytes at a time were enough to take them all.
 */
@Component
@Order(FilterOrder.READ_BODY)
class BodyDeadlineFilter extends OncePerRequestFilter {

    private static final String BODY = BodyDeadlineFilter.class.getName() + ".body";

    private final SlowClientSettings settings;

    BodyDeadlineFilter(SlowClientSettings settings) {
        this.settings = settings;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false; // the dispatch after a body was read here must get it
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            Object body = request.getAttribute(BODY);
            request.removeAttribute(BODY);
            chain.doFilter(body instanceof byte[] bytes ? new BufferedBody(request, bytes) : request, response);
            return;
        }
        if (!hasBody(request) || !ClientConnections.isAuthenticated(request)) {
            chain.doFilter(request, response); // no body, or nobody to read it for: it is never read
            return;
        }
        ServletInputStream in = request.getInputStream();
        var body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        long length = request.getContentLengthLong();
        while (body.size() != length && in.available() > 0) { // what Tomcat holds already: read without waiting
            int read = in.read(chunk);
            if (read < 0) {
                break;
            }
            body.write(chunk, 0, read);
        }
        if (body.size() == length || in.isFinished()) {
            chain.doFilter(new BufferedBody(request, body.toByteArray()), response);
            return;
        }
        new TricklingBody(request, response, body).start();
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** The rest of a body, read as it arrives on Tomcat's poller; the request goes on when it is complete. */
    private final class TricklingBody implements ReadListener, AsyncListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final ByteArrayOutputStream body;
        private final long started = System.nanoTime();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final byte[] chunk = new byte[8192];
        private AsyncContext async;
        private ServletInputStream in;

        TricklingBody(HttpServletRequest request, HttpServletResponse response, ByteArrayOutputStream body) {
            this.request = request;
            this.response = response;
            this.body = body;
        }

        void start() throws IOException {
            async = request.startAsync(request, response);
            async.setTimeout(settings.bodyDeadline().toMillis());
            async.addListener(this);
            in = request.getInputStream();
            in.setReadListener(this);
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!finished.get() && in.isReady()) {
                int read = in.read(chunk);
                if (read < 0) {
                    return;
                }
                body.write(chunk, 0, read);
            }
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            if (elapsedMillis > settings.bodyRateGrace().toMillis()
                    && body.size() * 1000L < settings.minBodyBytesPerSecond() * elapsedMillis) {
                fail(HttpStatus.REQUEST_TIMEOUT, "the request body arrived too slowly");
            }
        }

        @Override
        public void onAllDataRead() {
            if (finished.compareAndSet(false, true)) {
                request.setAttribute(BODY, body.toByteArray());
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable error) {
            if (BodySizeLimitFilter.isBodyTooLarge(error)) {
                fail(BodySizeLimitFilter.tooLarge());
            } else {
                fail(HttpStatus.BAD_REQUEST, "the request body could not be read");
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            fail(HttpStatus.REQUEST_TIMEOUT, "the request body did not arrive within " + settings.bodyDeadline());
        }

        private void fail(HttpStatus status, String detail) {
            var problem = ProblemDetail.forStatusAndDetail(status, detail);
            problem.setTitle(status == HttpStatus.REQUEST_TIMEOUT ? "Request body too slow" : "Unreadable body");
            fail(problem);
        }

        private void fail(ProblemDetail problem) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            CloseAfterErrorValve.closeWithoutReading(request);
            response.setHeader("Connection", "close");
            try {
                ProblemWriter.write(response, problem);
            } catch (IOException clientGone) {
                // the connection closes either way
            }
            async.complete();
        }

        @Override
        public void onComplete(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }
}
