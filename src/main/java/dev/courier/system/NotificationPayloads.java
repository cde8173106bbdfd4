package dev.courier.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * How an instance tells the others something over NOTIFY: {@code instance:item,item,…}, split into as many
 * payloads as PostgreSQL's 8000-byte limit needs. Listening, every instance also hears its own notifications;
 * the prefix lets it skip them.
 */
public final class NotificationPayloads {

    /** Below PostgreSQL's 8000 bytes; items are ASCII (numbers), so characters are bytes. */
    private static final int MAX_PAYLOAD = 7_900;

    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    /** The items as payloads of this instance. */
    public List<String> of(Collection<String> items) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder(instance);
        for (String item : items) {
            if (payload.length() + 1 + item.length() > MAX_PAYLOAD) {
                payloads.add(payload.toString());
                payload = new StringBuilder(instance);
            }
            payload.append(payload.length() == instance.length() ? ':' : ',').append(item);
        }
        payloads.add(payload.toString());
        return payloads;
    }

    /** The items of a payload from another instance; none for this instance's own or one with no prefix. */
    public List<String> fromOthers(String payload) {
        int colon = payload.indexOf(':');
        if (colon < 0 || payload.startsWith(instance + ":")) {
            return List.of();
        }
        return Arrays.asList(payload.substring(colon + 1).split(","));
    }
}
