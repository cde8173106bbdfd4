package dev.courier.system;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After an error answer Tomcat reads ("swallows") the rest of an unread request body to keep the connection
 * alive; a client that sends that body a few bytes at a time holds a worker thread for as long as it likes (a
 * bogus API key was enough). Here a connection whose request got a 4xx or 5xx before its body was read is
 * closed after the answer instead. Filters that answer later, from another thread, do the same through
 * {@link #closeWithoutReading(ServletRequest)}.
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
        if (response.getStatus() >= 400 && !request.isAsync() && !bodyFullyRead(request)) {
            disableSwallow(request);
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
