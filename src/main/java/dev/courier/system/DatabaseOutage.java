package dev.courier.system;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether an error means the database cannot be reached right now, and the answer for it: 503 with {@code
 * Retry-After}, at most the main pool's connection timeout after the request (1.5 s) instead of a 500.
 */
public final class DatabaseOutage {

    public static final String RETRY_AFTER_SECONDS = "2";

    /** What Hikari throws, with no SQL state, for a connection lost under a transaction (its rollback, say). */
    private static final String HIKARI_CLOSED = "Connection is closed";

    private DatabaseOutage() {}

    public static boolean isCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException // no connection from the pool in time
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && (isConnectionState(sql.getSQLState()) || HIKARI_CLOSED.equals(sql.getMessage()))) {
                return true;
            }
            // a failed statement whose rollback failed too: the statement's error is the one that tells
            if (cause instanceof TransactionSystemException rollback
                    && rollback.getApplicationException() != null
                    && isCause(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /** SQL states of class 08 (connection exception) and 57P (the server shutting down or restarting). */
    private static boolean isConnectionState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
    }

    /** Writes the 503 answer, {@code Retry-After} with it, for an outage met outside a controller. */
    static void answer(HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        ProblemWriter.write(response, problem());
    }

    public static ProblemDetail problem() {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "the database cannot be reached right now; try again shortly");
        problem.setTitle("Database unavailable");
        return problem;
    }
}
