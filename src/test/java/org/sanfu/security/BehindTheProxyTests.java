package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanfu.SanfuTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind the TLS-terminating proxy the README asks for, with {@code server.forward-headers-strategy: native} as it says:
 * a page the proxy received over HTTPS sets the session cookie {@code Secure} (a browser never sends it over plain HTTP,
 * where anyone on the way could read it) and asks the browser to come back over HTTPS only (HSTS); nothing of the kind
 * for a request that came over plain HTTP, as the service answers on a desk without a proxy. The proxy is this
 * machine's loopback address, one of the addresses Tomcat trusts to say so (server.tomcat.remoteip.internal-proxies).
 */
@SanfuTest
@TestPropertySource(properties = {"server.forward-headers-strategy=native", "sanfu.test.context=behind-a-proxy"})
class BehindTheProxyTests {

    @LocalServerPort
    int port;

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
