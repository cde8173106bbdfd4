package dev.courier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF rule with the operator's setting off, on real name resolution; and what the setting allows. */
class WebhookUrlsTests {

    private final WebhookUrls strict = new WebhookUrls(false);
    private final WebhookUrls relaxed = new WebhookUrls(true);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hook",
                "https://localhost:8443/hook",
                "https://10.0.0.1/hook",
                "https://172.16.5.4/hook",
                "https://192.168.1.1/hook",
                "https://169.254.169.254/latest/meta-data/",
                "https://100.64.0.1/hook",
                "https://0.0.0.0/hook",
                "https://224.0.0.1/hook",
                "https://[::1]/hook",
                "https://[::]/hook",
                "https://[fd00:ec2::254]/hook",
                "https://[fc00::1]/hook",
                "https://[fe80::1]/hook",
                "https://[ff02::1]/hook",
                "https://[::ffff:127.0.0.1]/hook",
                "https://[64:ff9b::a9fe:a9fe]/hook"
            })
    void refusesAHostThatIsNotPublic(String url) {
        assertThat(strict.refusal(url))
                .hasValueSatisfying(reason -> assertThat(reason).contains("not a public address"));
        assertThat(relaxed.refusal(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.215.14/hook", "http://127.0.0.1:8080/hook"})
    void refusesPlainHttpUnlessTheOperatorAllowsIt(String url) {
        assertThat(strict.refusal(url)).hasValue("url must use https");
        assertThat(relaxed.refusal(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.com/x",
                "https:///nohost",
                "/relative/path",
                "not a url",
                "https://u:p@93.184.215.14/",
                "https://93.184.215.14:99999/"
            })
    void refusesWhatIsNotAnHttpsUrlWithAHostEvenWhenRelaxed(String url) {
        assertThat(strict.refusal(url)).isPresent();
        assertThat(relaxed.refusal(url)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.215.14/hook", "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]:8443/x"})
    void allowsAPublicAddress(String url) {
        assertThat(strict.refusal(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1", "2001:4860:4860::8888"})
    void publicAddressesAreNotCaughtByTheRanges(String address) throws Exception {
        assertThat(WebhookUrls.isNotPublic(InetAddress.getByName(address))).isFalse();
    }
}
