package dev.courier.command;

import dev.courier.command.IdempotencyRepository.Earlier;
import dev.courier.command.IdempotencyRepository.Key;
import dev.courier.command.WriteCombiner.Waiting;
import dev.courier.system.InvalidRequestException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Write-combined sends: the send requests that arrive together are queued by one statement and one commit
 * ({@link EnqueueRepository}), and each is answered once that commit is durable, so {@code sent: true} still
 * means committed. A batch is one auto-committed statement; it takes a transaction only when it has
 * idempotency keys or is planned for its own arrays. Requests with an {@code Idempotency-Key} share the
 * batch's transaction, which claims their keys first and stores their results in the same commit; a request
 * whose key another request of the batch already holds runs after it, and so gets its result.
 */
@Component
class BatchedSends implements DisposableBean {

    private static final TypeReference<Map<String, SendResult>> RESULTS = new TypeReference<>() {};
    /** SQLSTATE class 22, data exception: a value PostgreSQL cannot store (e.g. a number past numeric's range). */
    private static final String DATA_EXCEPTION = "22";

    record SendRequest(long appId, int queueDepth, SendCommand command, String idempotencyKey, String requestHash) {

        Key key() {
            return idempotencyKey == null ? null : new Key(appId, idempotencyKey);
        }
    }

    private final EnqueueRepository enqueue;
    private final IdempotencyRepository idempotency;
    private final SendOutcomes outcomes;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final EventSequencer sequencer;
    private final WriteCombiner<SendRequest, Map<String, SendResult>> combiner;

    BatchedSends(
            EnqueueRepository enqueue,
            IdempotencyRepository idempotency,
            SendOutcomes outcomes,
            JsonMapper json,
            SendPool pool,
            Clock clock,
            SendSettings settings,
            EventSequencer sequencer) {
        this.enqueue = enqueue;
        this.idempotency = idempotency;
        this.outcomes = outcomes;
        this.json = json;
        this.transactions = pool.transactions();
        this.clock = clock;
        this.sequencer = sequencer;
        this.combiner = new WriteCombiner<>(
                "courier-send",
                settings.combiners(),
                request -> Math.max(1, request.command().deviceIdents().size()),
                settings.batchDevices(),
                this::run);
    }

    /** Queues the request's commands in the next batch; returns once they are committed. */
    Map<String, SendResult> send(SendRequest request) {
        try {
            return combiner.submit(request);
        } catch (DataAccessException failed) {
            throw asClientError(failed);
        }
    }

    /**
     * Runs these requests as one batch on the calling thread, as a combiner's worker would (for tests: a batch
     * of their own making); each future holds a request's results or its failure, as {@link #send} throws it.
     */
    List<CompletableFuture<Map<String, SendResult>>> sendTogether(List<SendRequest> requests) {
        List<Waiting<SendRequest, Map<String, SendResult>>> batch = requests.stream()
                .map(Waiting<SendRequest, Map<String, SendResult>>::new)
                .toList();
        combiner.run(batch);
        return batch.stream()
                .map(waiting -> waiting.answerFuture()
                        .exceptionallyCompose(failed -> CompletableFuture.failedFuture(
                                failed instanceof DataAccessException dataAccess ? asClientError(dataAccess) : failed)))
                .toList();
    }

    /** A value PostgreSQL refuses to store (a number past numeric's range, say) is the client's error. */
    private static RuntimeException asClientError(DataAccessException failed) {
        if (failed.getMostSpecificCause() instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith(DATA_EXCEPTION)) {
            return InvalidRequestException.of("data", "data cannot be stored: " + firstLine(sql.getMessage()));
        }
        return failed;
    }

    private void run(List<Waiting<SendRequest, Map<String, SendResult>>> batch) {
        List<Waiting<SendRequest, Map<String, SendResult>>> now = new ArrayList<>();
        List<Waiting<SendRequest, Map<String, SendResult>>> afterwards = new ArrayList<>();
        Set<Key> keys = new HashSet<>();
        for (var waiting : batch) {
            Key key = waiting.request().key();
            (key == null || keys.add(key) ? now : afterwards).add(waiting);
        }
        runTogether(now);
        afterwards.forEach(waiting -> runTogether(List.of(waiting)));
    }

    private void runTogether(List<Waiting<SendRequest, Map<String, SendResult>>> batch) {
        List<PreparedSend> sends = batch.stream().map(this::prepare).toList();
        List<EnqueueRepository.NewCommands> commands = commandsOf(sends);
        boolean keyed = sends.stream().anyMatch(send -> send.request().key() != null);
        if (!keyed && !EnqueueRepository.plannedPerBatch(commands)) {
            List<Map<String, SendResult>> results = outcomes.of(sends, enqueue.enqueue(commands));
            sequencer.nudge();
            for (int i = 0; i < sends.size(); i++) {
                sends.get(i).waiting().answer(results.get(i));
            }
        } else {
            Map<PreparedSend, Answer> answers = transactions.execute(status -> withKeys(sends));
            sequencer.nudge();
            sends.forEach(send -> answers.get(send).to(send.waiting()));
        }
        outcomes.published(sends);
    }

    /** A request's answer decided inside the batch's transaction, given once it has committed. */
    private record Answer(Map<String, SendResult> results, RuntimeException refused) {

        static Answer of(Map<String, SendResult> results) {
            return new Answer(results, null);
        }

        static Answer refused(RuntimeException refused) {
            return new Answer(null, refused);
        }

        void to(Waiting<SendRequest, Map<String, SendResult>> waiting) {
            if (refused != null) {
                waiting.fail(refused);
            } else {
                waiting.answer(results);
            }
        }
    }

    /** Claims the batch's keys (if any), queues what is new and remembers its results, all in one transaction. */
    private Map<PreparedSend, Answer> withKeys(List<PreparedSend> sends) {
        List<PreparedSend> keyed =
                sends.stream().filter(send -> send.request().key() != null).toList();
        Set<Key> claimed = keyed.isEmpty()
                ? Set.of()
                : idempotency.claim(
                        keyed.stream().map(send -> send.request().key()).toList(),
                        keyed.stream().map(send -> send.request().requestHash()).toList());
        List<PreparedSend> repeated = keyed.stream()
                .filter(send -> !claimed.contains(send.request().key()))
                .toList();
        Map<Key, Earlier> earlier = repeated.isEmpty()
                ? Map.of()
                : idempotency.earlier(
                        repeated.stream().map(send -> send.request().key()).toList());
        Map<PreparedSend, Answer> answers = new HashMap<>();
        for (PreparedSend send : repeated) {
            answers.put(send, earlierAnswer(send, earlier.get(send.request().key())));
        }
        List<PreparedSend> fresh =
                sends.stream().filter(send -> !answers.containsKey(send)).toList();
        List<Map<String, SendResult>> results =
                fresh.isEmpty() ? List.of() : outcomes.of(fresh, enqueue.enqueue(commandsOf(fresh)));
        List<Key> remembered = new ArrayList<>();
        List<String> responses = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            answers.put(fresh.get(i), Answer.of(results.get(i)));
            if (fresh.get(i).request().key() != null) {
                remembered.add(fresh.get(i).request().key());
                responses.add(json.writeValueAsString(results.get(i)));
            }
        }
        if (!remembered.isEmpty()) {
            idempotency.remember(remembered, responses);
        }
        return answers;
    }

    private Answer earlierAnswer(PreparedSend send, Earlier earlier) {
        if (earlier == null || earlier.response() == null) {
            // claimed and forgotten meanwhile (the hourly clean-up): rare enough to let the batch run again
            throw new IllegalStateException("idempotency key " + send.request().idempotencyKey() + " vanished");
        }
        if (!earlier.requestHash().equals(send.request().requestHash())) {
            return Answer.refused(
                    CommandConflictException.idempotencyKeyReused(send.request().idempotencyKey()));
        }
        return Answer.of(json.readValue(earlier.response(), RESULTS));
    }

    private PreparedSend prepare(Waiting<SendRequest, Map<String, SendResult>> waiting) {
        SendRequest request = waiting.request();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String[] idents = request.command().deviceIdents().toArray(String[]::new); // no duplicates
        var ids = new UUID[idents.length];
        for (int i = 0; i < idents.length; i++) {
            ids[i] = CommandIds.next(now);
        }
        Long ttl = request.command().ttlSeconds();
        var commands = new EnqueueRepository.NewCommands(
                request.appId(),
                request.command().name(),
                request.command().data(),
                now,
                ttl == null ? null : now.plusSeconds(ttl),
                request.queueDepth(),
                idents,
                ids);
        return new PreparedSend(waiting, commands);
    }

    private static List<EnqueueRepository.NewCommands> commandsOf(List<PreparedSend> sends) {
        return sends.stream().map(PreparedSend::commands).toList();
    }

    private static String firstLine(String message) {
        int end = message == null ? -1 : message.indexOf('\n');
        return end < 0 ? String.valueOf(message) : message.substring(0, end);
    }

    @Override
    public void destroy() {
        combiner.close();
    }
}
