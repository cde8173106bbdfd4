package dev.courier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each table is named only in the SQL of the module that owns it, and the few reads across modules are declared
 * here. Read from the sources: SQL keywords are upper case in Courier's code, so prose does not count.
 */
class ModuleTablesTests {

    private static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("command_event", "command"),
            Map.entry("command_event_inbox", "command"),
            Map.entry("app_event_counter", "command"),
            Map.entry("app", "tenant"),
            Map.entry("api_key", "tenant"),
            Map.entry("device", "device"),
            Map.entry("device_count", "device"),
            Map.entry("deleted_device", "device"),
            Map.entry("command", "command"),
            Map.entry("pending_command", "command"),
            Map.entry("device_queue", "command"),
            Map.entry("idempotency_key", "command"),
            Map.entry("rate_limit_bucket", "tenant"),
            Map.entry("webhook_endpoint", "webhook"),
            Map.entry("webhook_delivery", "webhook"));

    /** Module → the other modules' tables it may name, and why. */
    private static final Map<String, Set<String>> DECLARED_CROSS_READS = Map.of(
            // a send resolves idents to devices in its own statement; a command's view shows its device's ident,
            // from deleted_device once the device is gone
            "command", Set.of("device", "deleted_device"),
            // history is the command table's read model and its retention upkeep (day partitions)
            "history", Set.of("command", "pending_command"));

    private static final Pattern TABLE_IN_SQL = Pattern.compile(
            "\\b(?:FROM|JOIN|INTO|UPDATE|USING|TABLE|OF)\\s+([a-z_]+)\\b|@Table\\(name = \"([a-z_]+)\"");

    @Test
    void everyTableIsNamedOnlyInItsOwnersSqlOrADeclaredRead() throws IOException {
        List<String> violations = new ArrayList<>();
        Path sources = Path.of("src/main/java/dev/courier");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String module = sources.relativize(file).getName(0).toString();
                Matcher tables = TABLE_IN_SQL.matcher(Files.readString(file));
                while (tables.find()) {
                    String table = tables.group(1) != null ? tables.group(1) : tables.group(2);
                    String owner = OWNER.get(table);
                    if (owner != null
                            && !owner.equals(module)
                            && !DECLARED_CROSS_READS
                                    .getOrDefault(module, Set.of())
                                    .contains(table)) {
                        violations.add(file.getFileName() + " (" + module + ") names " + owner + "'s table " + table);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckSeesTheTablesOfEveryModule() throws IOException {
        // guards the check above against a pattern that silently matches nothing
        String send = Files.readString(Path.of("src/main/java/dev/courier/command/EnqueueRepository.java"));
        Matcher tables = TABLE_IN_SQL.matcher(send);
        List<String> found = new ArrayList<>();
        while (tables.find()) {
            found.add(tables.group(1));
        }
        assertThat(found).contains("device", "device_queue", "command", "pending_command");
    }
}
