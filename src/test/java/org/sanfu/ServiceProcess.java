package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Sanfu in a child JVM on the tests' class path, as a node of its own: started in a directory (whose
 * ./data/ holds the default H2 file database), called over HTTP with the demo password, and stopped
 * the hard way. For what one JVM cannot show: a {@code kill -9}, a restart, a second node.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * A child lives for seconds to a minute, most of it starting: the client compiler alone and the serial
     * collector start it some 3 s sooner of 17 (measured on a 2-core machine), and CI starts some fifteen.
     */
    private static final List<String> JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a node and waits until its health is UP.
     *
     * @param directory its working directory; its log goes there too
     * @param firstOnClassPath a directory put first on the class path (a changed bpmn/ folder), or null
     * @param arguments command-line settings ({@code --name=value})
     */
    public static ServiceProcess start(Path directory, Path firstOnClassPath, String... arguments) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM);
        command.addAll(List.of("-cp", (firstOnClassPath == null ? "" : firstOnClassPath + File.pathSeparator)
                + System.getProperty("java.class.path"), SanfuApplication.class.getName(), "--server.port=" + port));
        command.addAll(List.of(arguments));
        Path log = directory.resolve("service-" + port + "-" + System.nanoTime() + ".log");
        ServiceProcess service = new ServiceProcess(new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start(), port, log);
        service.awaitHealthy(Duration.ofSeconds(180));
        return service;
    }

    private void awaitHealthy(Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                // the log's directory is usually a @TempDir, gone by the time anyone reads the report
                throw new AssertionError("the service exited while starting (" + log + "), its log ending:\n" + tail(40));
            }
            try {
                if (call("GET", "/actuator/health", null, null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service did not become healthy within " + patience + "; see " + log);
    }

    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Everything the node wrote to standard out and error. */
    public Path log() {
        return log;
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A request as this demo user (password "demo"; null: without credentials), JSON in and out. */
    public HttpResponse<String> call(String method, String path, String user, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return send(request.build());
    }

    public static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The answer's JSON, after asserting its status. */
    public static JsonNode ok(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.request().uri() + ": "
                + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /**
     * Runs one of the jar's commands ({@code --rebuild-figures}) in the directory as an operator would,
     * with the service stopped, and waits for it to exit.
     *
     * @return its exit code; its output is in {@code command.log} in the directory
     */
    public static int command(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SanfuApplication.class.getName()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("command.log").toFile()).start();
        return process.waitFor();
    }

    /** {@code kill -9}: no shutdown hooks, no closing of the database, locks left as they were. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
