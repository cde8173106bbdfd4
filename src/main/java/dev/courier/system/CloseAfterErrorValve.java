package dev.courier.system;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After an error answer Tomcat reads ("swallows") the rest of an unread request body to keep the connection
 * alive; a client that sends that body a few bytes at a time holds a worker thread for as long as it likes (a
 * bogus API key was enough). Here a connection whose request got a 4xx or 5xx before its body was read, and
 * whose body has not all arrived yet, is closed after the answer instead. Filters that answer later, from
 * another thread, do the same through {@link #closeWithoutReading(ServletRequest)}.
 */
final class CloseAfterErrorValve extends ValveBase {

    private static final String CLOSE_WITHOUT_READING = CloseAfterErrorValve.class.getName() + ".close";

    CloseAfterErrorValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        request.setAttribute(CLOSE_WITHOUT_READING, (Runnable) () -> disableSwallow(request));
        getNext().invoke(request, response);
        if (response.getStatus() >= 400 && !request.isAsync() && !bodyFullyRead(request) && !drainArrived(request)) {
            if (!response.isCommitted()) {
                response.setHeader("Connection", "close"); // so the client does not send on it again
            }
            disableSwallow(request);
        }
    }

    /**
     * Reads and drops what of the body has arrived already, without waiting; true when that was all of it. A
     * small body is usually all there: the connection stays open, and no unread bytes make its close a reset
     * that could destroy the answer before the client reads it.
     */
    private static boolean drainArrived(Request request) {
        try {
            InputStream body = request.getInputStream();
            byte[] buffer = new byte[2048];
            while (body.available() > 0 && body.read(buffer) >= 0) {
                // dropped
            }
            return bodyFullyRead(request);
        } catch (IOException | IllegalStateException readAsTextOrBroken) {
            return false;
        }
    }

    /** The answer being written is the last on its connection, and the rest of the body is not read. */
    static void closeWithoutReading(ServletRequest request) {
        if (request.getAttribute(CLOSE_WITHOUT_READING) instanceof Runnable close) {
            close.run();
        }
    }

    private static boolean bodyFullyRead(Request request) {
        var fullyRead = new AtomicBoolean();
        request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
        return fullyRead.get();
    }

    private static void disableSwallow(Request request) {
        request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
    }
}
