package dev.courier.client.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatcherTests {

    private final RecordingAnswers answers = new RecordingAnswers();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Dispatcher dispatcher = new Dispatcher(new RecentAcks(100), answers, executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static Command command(String id, String name) {
        return new Command(id, name, Json.MAPPER.getNodeFactory().objectNode(), 0, 1);
    }

    @Test
    void acksWhatTheHandlerReturnedFromAndNacksWithTheExceptionsMessage() {
        dispatcher.handle("reboot", command -> CompletableFuture.completedFuture(null));
        dispatcher.handle("update", command -> {
            throw new IllegalStateException("disk full");
        });
        dispatcher.handle("status", command -> CompletableFuture.completedFuture(Map.of("uptime", 42)));

        dispatcher.offer(command("1", "reboot"));
        dispatcher.offer(command("2", "update"));
        dispatcher.offer(command("3", "status"));

        await().untilAsserted(() ->
                assertThat(answers.answers).containsExactlyInAnyOrder("ack 1", "nack 2: disk full", "ack 3 {\"uptime\":42}"));
    }

    @Test
    void aRepeatOfAHandledCommandIsAckedAgainWithItsResultNotHandledAgain() {
        var handled = new AtomicInteger();
        dispatcher.handle("status", command -> CompletableFuture.completedFuture("v" + handled.incrementAndGet()));
        dispatcher.offer(command("1", "status"));
        await().until(() -> answers.answers.size() == 1);

        dispatcher.offer(command("1", "status"));

        await().untilAsserted(() -> assertThat(answers.answers).containsExactly("ack 1 \"v1\"", "ack 1 \"v1\""));
        assertThat(handled).hasValue(1);
    }

    @Test
    void aRepeatOfACommandStillBeingHandledIsDropped() {
        var release = new CompletableFuture<Object>();
        var handled = new AtomicInteger();
        dispatcher.handle("reboot", command -> {
            handled.incrementAndGet();
            return release;
        });
        dispatcher.offer(command("1", "reboot"));
        await().until(() -> handled.get() == 1);

        dispatcher.offer(command("1", "reboot"));
        release.complete(null);

        await().untilAsserted(() -> assertThat(answers.answers).containsExactly("ack 1"));
        assertThat(handled).hasValue(1);
    }

    @Test
    void commandsOfOneNameRunOneAtATimeInArrivalOrder() {
        List<String> started = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Object>> running = new CopyOnWriteArrayList<>();
        dispatcher.handle("reboot", command -> {
            started.add(command.id());
            var done = new CompletableFuture<Object>();
            running.add(done);
            return done;
        });

        for (int i = 1; i <= 3; i++) {
            dispatcher.offer(command(String.valueOf(i), "reboot"));
        }

        for (int i = 1; i <= 3; i++) {
            int count = i;
            await().until(() -> started.size() == count);
            await().during(Duration.ofMillis(100)).until(() -> started.size() == count);
            running.get(count - 1).complete(null);
        }
        assertThat(started).containsExactly("1", "2", "3");
        await().untilAsserted(() -> assertThat(answers.answers).containsExactly("ack 1", "ack 2", "ack 3"));
    }

    @Test
    void differentNamesRunInParallel() {
        var bothRunning = new CountDownLatch(2);
        CommandHandler waitsForTheOther = command -> {
            bothRunning.countDown();
            if (!bothRunning.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other name never ran alongside");
            }
        };
        dispatcher.handle("a", command -> {
            waitsForTheOther.handle(command);
            return null;
        });
        dispatcher.handle("b", command -> {
            waitsForTheOther.handle(command);
            return null;
        });

        dispatcher.offer(command("1", "a"));
        dispatcher.offer(command("2", "b"));

        await().untilAsserted(() -> assertThat(answers.answers).containsExactlyInAnyOrder("ack 1", "ack 2"));
    }

    @Test
    void anAsyncHandlerIsAckedOnlyWhenItsStageCompletes() {
        var done = new CompletableFuture<Object>();
        dispatcher.handle("reboot", command -> done);
        dispatcher.offer(command("1", "reboot"));

        await().during(Duration.ofMillis(200)).until(answers.answers::isEmpty);
        done.completeExceptionally(new IllegalStateException("no power"));

        await().untilAsserted(() -> assertThat(answers.answers).containsExactly("nack 1: no power"));
    }

    @Test
    void aCommandOfANameWithNoHandlerIsNacked() {
        dispatcher.offer(command("1", "reboot"));

        assertThat(answers.answers).containsExactly("nack 1: the device does not listen to reboot any more");
    }

    @Test
    void afterStopAcceptingNewCommandsAreLeftUnansweredAndRunningOnesFinish() throws InterruptedException {
        var release = new CompletableFuture<Object>();
        dispatcher.handle("reboot", command -> release);
        dispatcher.offer(command("1", "reboot"));

        dispatcher.stopAccepting();
        dispatcher.offer(command("2", "reboot"));
        assertThat(dispatcher.awaitIdle(Duration.ofMillis(50))).as("1 still runs").isFalse();
        release.complete(null);

        assertThat(dispatcher.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(answers.answers).containsExactly("ack 1");
    }
}
