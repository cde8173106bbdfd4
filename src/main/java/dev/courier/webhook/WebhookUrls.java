package dev.courier.webhook;

import dev.courier.system.DaemonThreads;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which URLs Courier posts to: https only, and only to hosts whose every address is public, so an app cannot
 * make Courier reach into its own network (SSRF). Checked at registration and again before each attempt. The
 * operator's {@code courier.webhooks.allow-private-addresses} lifts both rules (local development, tests).
 *
 * <p>Its limit: the HTTP client resolves the host again when it connects, so a DNS answer that changes between
 * the check and the connect (rebinding, with a zero TTL) can still reach a private address. Where that matters,
 * also filter Courier's egress in the network (a firewall or an egress proxy).
 */
@Component
class WebhookUrls {

    static final int MAX_LENGTH = 2048;

    /** How long the check before an attempt may spend resolving: a host whose DNS stalls fails its attempt. */
    static final Duration RESOLVE_WITHIN = Duration.ofSeconds(2);

    /**
     * Resolves for the checks before attempts, off the dispatcher's few workers: an app that controls its host's
     * DNS can make a lookup hang, and that must not hold the threads every other endpoint is served by.
     */
    private static final ExecutorService RESOLVERS = new ThreadPoolExecutor(
            0, 32, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), DaemonThreads.named("courier-webhook-resolver"));

    private final boolean allowPrivate;

    @Autowired
    WebhookUrls(WebhookSettings settings) {
        this(settings.allowPrivateAddresses());
    }

    WebhookUrls(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** {@link #refusal}, resolved off the caller's thread and given up after {@link #RESOLVE_WITHIN}. */
    CompletableFuture<Optional<String>> refusalBeforeAttempt(String url) {
        return CompletableFuture.supplyAsync(() -> refusal(url), RESOLVERS)
                .completeOnTimeout(
                        Optional.of("url's host did not resolve within " + RESOLVE_WITHIN.toSeconds() + " s"),
                        RESOLVE_WITHIN.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    /** Why Courier will not post to this URL, or empty when it will. Resolves the host (blocking). */
    Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("url must be an absolute https URL with a host");
        }
        if (uri.getPort() > 65_535) {
            return Optional.of("url has no valid port");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("url must not contain user info");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of("url must use https");
        }
        return addressRefusal(uri.getHost());
    }

    private static Optional<String> addressRefusal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("url's host " + host + " does not resolve");
        }
        return Arrays.stream(addresses)
                .filter(WebhookUrls::isNotPublic)
                .findFirst()
                .map(address -> "url's host " + host + " resolves to " + address.getHostAddress()
                        + ", which is not a public address");
    }

    /** Loopback, private, link-local (cloud metadata), CGNAT, unspecified, multicast or reserved. */
    static boolean isNotPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        byte[] v4 = bytes.length == 4 ? bytes : AddressRange.embeddedIpv4(bytes);
        if (v4 != null) {
            return AddressRange.IPV4.stream().anyMatch(range -> range.contains(v4));
        }
        return AddressRange.IPV6.stream().anyMatch(range -> range.contains(bytes));
    }
}
