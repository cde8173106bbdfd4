package dev.courier.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

/** Which errors answer 503 (the database is unreachable) rather than 500. */
class DatabaseOutageRecognitionTests {

    @Test
    void connectionFailuresAreAnOutage() {
        assertThat(DatabaseOutage.isCause(new SQLTransientConnectionException("pool timed out")))
                .isTrue();
        assertThat(DatabaseOutage.isCause(new RuntimeException(new SQLException("refused", "08001"))))
                .isTrue();
        assertThat(DatabaseOutage.isCause(new SQLException("shutting down", "57P01")))
                .isTrue();
    }

    @Test
    void aStatementThatFailedForTheOutageAndThenFailedToRollBackIsAnOutage() {
        // seen in the outage harness: the statement's I/O error, then "Connection is closed" (no SQL state)
        var rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new DataAccessResourceFailureException("I/O error"));
        assertThat(DatabaseOutage.isCause(rollback)).isTrue();
    }

    @Test
    void aRollbackOnAConnectionTheOutageClosedIsAnOutage() {
        var jpa = new org.springframework.orm.jpa.JpaSystemException(new RuntimeException(
                "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));
        assertThat(DatabaseOutage.isCause(jpa)).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertThat(DatabaseOutage.isCause(new DataIntegrityViolationException("duplicate")))
                .isFalse();
        assertThat(DatabaseOutage.isCause(new SQLException("bad data", "22003")))
                .isFalse();
        assertThat(DatabaseOutage.isCause(new TransactionSystemException("JDBC rollback failed")))
                .isFalse();
    }
}
