package org.sanfu.operations;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * Signs in through the workbench's form, as a person does in the browser: the session's cookie
     * ({@code SANFU_SESSION=...}) after the sign-in, or null when the form refused it.
     */
    String workbenchSession(String user, String password) throws Exception {
        HttpResponse<String> form = get("/login", null);
        String cookie = sessionCookie(form);
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        if (cookie == null || !token.find()) {
            throw new IllegalStateException("no sign-in form: " + form.statusCode());
        }
        String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token.group(1);
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(uri("/login")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), null);
        boolean in = signedIn.statusCode() == 302
                && !signedIn.headers().firstValue("Location").orElse("").contains("/login");
        return in ? sessionCookie(signedIn) : null;
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SANFU_SESSION="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(null);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
