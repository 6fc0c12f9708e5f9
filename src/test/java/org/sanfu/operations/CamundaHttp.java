package org.sanfu.operations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Real HTTP to Camunda's web apps and engine-rest: they are servlets of their own beside Spring MVC,
 * which MockMvc does not reach.
 */
class CamundaHttp {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    CamundaHttp(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String path, String credentials) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), credentials);
    }

    /** Sends the request with these Basic credentials ("user:password"), or none when null. */
    HttpResponse<String> send(HttpRequest.Builder request, String credentials) throws Exception {
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * What Cockpit does before it writes: its page gives the session a CSRF token; the headers
     * (Cookie, X-XSRF-TOKEN) that send both back.
     */
    String[] cockpitSession(String engineName) throws Exception {
        HttpResponse<String> page = get("/camunda/app/cockpit/" + engineName + "/", "admin:demo");
        String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
        String cookies = String.join("; ", page.headers().allValues("Set-Cookie").stream()
                .map(c -> c.substring(0, c.indexOf(';'))).toList());
        return new String[] {"Cookie", cookies, "X-XSRF-TOKEN", token};
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
