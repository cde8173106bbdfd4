package dev.courier.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A second Courier started on the same embedded data directory: one clear message instead of the chain of
 * bean creation failures (registered in {@code META-INF/spring.factories}).
 */
class EmbeddedDatabaseInUseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedDatabaseInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseInUseException cause) {
        return new FailureAnalysis(
                "Another Courier is already running on the embedded database in " + cause.dataDir() + ".",
                "Stop the other Courier, or give this one a data directory of its own"
                        + " (--courier.embedded.data-dir=… and --courier.embedded.api-key-file=…),"
                        + " or a database (--spring.datasource.url=…).",
                cause);
    }
}
