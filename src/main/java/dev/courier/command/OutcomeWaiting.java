package dev.courier.command;

import dev.courier.system.InvalidRequestException;
import dev.courier.tenant.AppId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Answers a request once its commands have finished or its {@code wait} is over, holding no thread meanwhile
 * ({@link OutcomeWaits}). The answer is always read afresh from the database, so it says what the command
 * view says at that moment.
 */
@Component
class OutcomeWaiting {

    static final int MAX_SECONDS = 60;
    static final String WAIT_RANGE = "wait must be a whole number of seconds from 0 to " + MAX_SECONDS;

    private final OutcomeWaits waits;
    private final CommandQueue queue;
    private final CommandRepository commands;

    OutcomeWaiting(OutcomeWaits waits, CommandQueue queue, CommandRepository commands) {
        this.waits = waits;
        this.queue = queue;
        this.commands = commands;
    }

    /** A request's wait in seconds: none is 0 (answer at once). */
    static int seconds(Integer wait) {
        if (wait == null) {
            return 0;
        }
        if (wait < 0 || wait > MAX_SECONDS) {
            throw InvalidRequestException.of("wait", WAIT_RANGE);
        }
        return wait;
    }

    /** The command view once the command has finished, or after the wait. */
    DeferredResult<CommandRecord> untilFinished(AppId app, CommandRecord now, int seconds) {
        return answer(
                app,
                Set.of(now.id()),
                now,
                seconds,
                () -> queue.find(app, now.id()),
                record -> isFinal(record.status()) ? Set.of(record.id()) : Set.of());
    }

    /** A send's results once all its commands have finished, or after the wait, each with its status then. */
    DeferredResult<Map<String, SendResult>> untilFinished(AppId app, Map<String, SendResult> sent, int seconds) {
        Set<String> ids = sent.values().stream()
                .filter(SendResult::sent)
                .map(SendResult::id)
                .collect(Collectors.toSet());
        if (seconds == 0 || ids.isEmpty()) {
            DeferredResult<Map<String, SendResult>> answered = new DeferredResult<>();
            answered.setResult(sent);
            return answered;
        }
        return answer(
                app,
                ids,
                null,
                seconds,
                () -> withStatuses(app, sent, ids),
                results -> results.values().stream()
                        .filter(result -> result.sent() && isFinal(result.status()))
                        .map(SendResult::id)
                        .collect(Collectors.toSet()));
    }

    /**
     * Waits first, then reads: a command that finishes between the read and the wait's start cannot be missed,
     * and the commands the read finds finished already are no longer waited for. {@code now}: an answer read just
     * before, used when there is nothing to wait for; {@code finishedIn}: the ids an answer shows finished.
     */
    private <T> DeferredResult<T> answer(
            AppId app, Set<String> ids, T now, int seconds, Supplier<T> read, Function<T, Set<String>> finishedIn) {
        if (seconds == 0 || (now != null && finishedIn.apply(now).containsAll(ids))) {
            DeferredResult<T> answered = new DeferredResult<>();
            answered.setResult(now);
            return answered;
        }
        DeferredResult<T> result = new DeferredResult<>(seconds * 1_000L);
        Runnable answerNow = () -> {
            try {
                result.setResult(read.get());
            } catch (RuntimeException failed) {
                result.setErrorResult(failed);
            }
        };
        OutcomeWaits.Wait wait = waits.await(app, ids, answerNow);
        result.onTimeout(answerNow);
        result.onCompletion(wait::cancel);
        T current;
        try {
            current = read.get();
        } catch (RuntimeException failed) {
            wait.cancel(); // the request fails here: nothing will complete the result
            throw failed;
        }
        if (wait.finishedBefore(finishedIn.apply(current))) {
            result.setResult(current);
        }
        return result;
    }

    private Map<String, SendResult> withStatuses(AppId app, Map<String, SendResult> sent, Set<String> ids) {
        Map<String, String> statuses = commands.statuses(
                app.value(), ids.stream().map(UUID::fromString).toList());
        Map<String, SendResult> results = new LinkedHashMap<>(sent);
        results.replaceAll((ident, result) -> result.sent() && statuses.containsKey(result.id())
                ? result.withStatus(statuses.get(result.id()))
                : result);
        return results;
    }

    private static boolean isFinal(String status) {
        return CommandEvent.FINAL_STATUSES.contains(status);
    }
}
