package dev.courier.client.device;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whichever link is open, or none: listens and answers go to it. With none open an answer is dropped, which loses
 * nothing: Courier hands the command over again on the next link, and it is answered then.
 */
final class CurrentLink implements Answers {

    private volatile Link link;

    Link get() {
        return link;
    }

    /** Makes {@code next} the open link; returns the one it replaces, or {@code null}. */
    Link replace(Link next) {
        Link before = link;
        link = next;
        return before;
    }

    /** Forgets {@code ended} if it is still the open link; false when another has taken over already. */
    boolean clearIf(Link ended) {
        if (link != ended) {
            return false;
        }
        link = null;
        return true;
    }

    Transport transport() {
        Link open = link;
        return open == null ? Transport.DISCONNECTED : open.transport();
    }

    void listen(String name) {
        Link open = link;
        if (open != null) {
            open.listen(name);
        }
    }

    void off(String name) {
        Link open = link;
        if (open != null) {
            open.off(name);
        }
    }

    @Override
    public void ack(String id, JsonNode result) {
        Link open = link;
        if (open != null) {
            open.ack(id, result);
        }
    }

    @Override
    public void nack(String id, String error) {
        Link open = link;
        if (open != null) {
            open.nack(id, error);
        }
    }
}
