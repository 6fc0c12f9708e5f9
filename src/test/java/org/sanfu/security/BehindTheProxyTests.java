package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sanfu.SanfuTest;
import org.sanfu.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind the TLS-terminating proxy the README asks for, with {@code server.forward-headers-strategy: native} as it says:
 * a page the proxy received over HTTPS sets the session cookie {@code Secure} (a browser never sends it over plain HTTP,
 * where anyone on the way could read it) and asks the browser to come back over HTTPS only (HSTS); nothing of the kind
 * for a request that came over plain HTTP, as the service answers on a desk without a proxy. The proxy is this
 * machine's loopback address 127.0.0.1, named as the only address Tomcat trusts to say so
 * ({@code server.tomcat.remoteip.internal-proxies}, as the README asks wherever clients have private addresses
 * themselves: its default trusts every private and loopback address, 127.0.0.2 included).
 */
@SanfuTest
@TestPropertySource(properties = {"server.forward-headers-strategy=native", "sanfu.test.context=behind-a-proxy",
        "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1"})
class BehindTheProxyTests {

    private static final String PASSWORD = "right-password";

    @LocalServerPort
    int port;

    @Autowired
    AccountAdministration administration;

    @Test
    void overHttpsThroughTheProxyTheSessionCookieIsSecureAndPagesAskForHttpsOnly() throws Exception {
        HttpResponse<String> page = login("https");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(sessionCookie(page)).contains("Secure").contains("HttpOnly");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                hsts -> assertThat(hsts).contains("max-age="));
    }

    @Test
    void overPlainHttpNeither() throws Exception {
        HttpResponse<String> page = login("http");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(sessionCookie(page)).contains("HttpOnly").doesNotContain("Secure");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    /**
     * The review's case: a client on the intranet (a private address, here 127.0.0.2) sending X-Forwarded-For itself,
     * another address with each guess, had one more client per guess, up to the account's limit from everywhere. With
     * internal-proxies naming the proxy only, its header is not believed: its guesses count as its own address's and
     * lock the account from there, whatever address it names; the proxy's header is believed still.
     */
    @Test
    void aForgedXForwardedForFromAnAddressThatIsNotTheProxyIsNotBelieved() throws Exception {
        String user = "proxy-" + UUID.randomUUID().toString().substring(0, 8);
        TestAccounts.create(administration, user, "LEADER", null, PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertThat(inbox("127.0.0.2", "198.51.100." + (i + 1), user, "wrong")).isEqualTo(401);
        }
        assertThat(inbox("127.0.0.2", "198.51.100.99", user, PASSWORD)).as("locked, whatever address it names")
                .isEqualTo(429);
        assertThat(inbox("127.0.0.1", "203.0.113.8", user, PASSWORD)).as("through the proxy, another client")
                .isEqualTo(200);
    }

    /** The status of {@code GET /api/inbox} signed in over HTTP Basic, sent from {@code from} with this X-Forwarded-For. */
    private int inbox(String from, String forwardedFor, String user, String password) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/inbox HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Basic " + basic
                    + "\r\nX-Forwarded-For: " + forwardedFor + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream statusLine = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                statusLine.write(b);
            }
            // HTTP/1.1 429 ...
            return Integer.parseInt(statusLine.toString(StandardCharsets.US_ASCII).split(" ")[1]);
        }
    }

    /** The sign-in page as the proxy forwards it, having received it over {@code scheme}. */
    private HttpResponse<String> login(String scheme) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("X-Forwarded-Proto", scheme).header("X-Forwarded-For", "203.0.113.7").GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<String> page) {
        List<String> cookies = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("SANFU_SESSION=")).toList();
        assertThat(cookies).as("the sign-in form's session, holding its CSRF token").hasSize(1);
        return cookies.get(0);
    }
}
