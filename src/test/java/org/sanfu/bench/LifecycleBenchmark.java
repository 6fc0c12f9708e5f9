package org.sanfu.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanfu.Api;

/**
 * Prints how many full ticket lifecycles per second a running service sustains over REST
 * (visit with one problem, sign, reply, feedback: CLOSED), and their latency. Not a test: run it
 * against a started service, e.g.
 * <pre>
 * java -jar target/sanfu-*.jar --server.port=18080 &amp;
 * mvn -q -B test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.sanfu.bench.LifecycleBenchmark -Dexec.args="http://127.0.0.1:18080 8 2000"
 * </pre>
 * Arguments: base URL (loopback only), client threads, lifecycles. Several base URLs separated by
 * commas (the nodes of a cluster on one database) share the lifecycles: each lifecycle runs on the
 * next node in turn, one request after another on that node.
 */
public final class LifecycleBenchmark {

    private static final Pattern ID = Pattern.compile("\"tickets\":\\[\\{\"id\":\"(\\d+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> nodes;
    private final AtomicInteger next = new AtomicInteger();

    private LifecycleBenchmark(List<String> nodes) {
        this.nodes = nodes;
    }

    public static void main(String[] args) throws Exception {
        List<String> nodes = List.of((args.length > 0 ? args[0] : "http://127.0.0.1:8080").split(","));
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int lifecycles = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Result r = measure(nodes, threads, lifecycles);
        System.out.printf("%d lifecycles (4 requests each) with %d threads on %d node(s) in %.1f s: %.0f lifecycles/s, "
                        + "%.0f requests/s; lifecycle latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                lifecycles, threads, nodes.size(), r.seconds(), r.perSecond(), 4 * r.perSecond(), r.p50(), r.p95(), r.p99());
    }

    /** What one run measured: lifecycles per second and the latency of one lifecycle (ms). */
    public record Result(double seconds, double perSecond, double p50, double p95, double p99) {}

    /** Runs the lifecycles against services on this machine's loopback (ScaleBenchmark reuses it). */
    public static Result measure(List<String> nodes, int threads, int lifecycles) throws Exception {
        for (String base : nodes) {
            if (!URI.create(base).getHost().matches("127\\.\\d+\\.\\d+\\.\\d+|localhost")) {
                throw new IllegalArgumentException("benchmark only a service on this machine's loopback");
            }
        }
        return new LifecycleBenchmark(nodes).run(threads, lifecycles);
    }

    private Result run(int threads, int lifecycles) throws Exception {
        String code = Api.creditCode();
        send(nodes.get(0), "POST", "/api/enterprises", "staff1",
                "{\"creditCode\":\"" + code + "\",\"name\":\"压测企业\",\"town\":\"压测镇\"}", 201);
        for (int i = 0; i < 20; i++) {
            lifecycle(code); // warm up
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> runs = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < lifecycles; i++) {
            runs.add(pool.submit(() -> lifecycle(code)));
        }
        List<Long> nanos = new ArrayList<>();
        for (Future<Long> run : runs) {
            nanos.add(run.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        Collections.sort(nanos);
        return new Result(seconds, lifecycles / seconds, percentile(nanos, 50), percentile(nanos, 95), percentile(nanos, 99));
    }

    private long lifecycle(String code) throws Exception {
        long start = System.nanoTime();
        String base = nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
        String visit = send(base, "POST", "/api/visits", "staff1", "{\"enterpriseCreditCode\":\"" + code
                + "\",\"problems\":[{\"category\":\"CONTAINER\",\"title\":\"集装箱紧张\"}]}", 201);
        Matcher m = ID.matcher(visit);
        if (!m.find()) {
            throw new IllegalStateException("no ticket in " + visit);
        }
        String ticket = "/api/tickets/" + m.group(1);
        send(base, "POST", ticket + "/sign", "transport", "{}", 200);
        send(base, "POST", ticket + "/reply", "transport", "{\"resolution\":\"已协调\",\"outcome\":\"RESOLVED\"}", 200);
        String closed = send(base, "POST", ticket + "/feedback", "staff1", "{\"satisfaction\":\"SATISFIED\"}", 200);
        if (!closed.contains("\"status\":\"CLOSED\"")) {
            throw new IllegalStateException("not closed: " + closed);
        }
        return System.nanoTime() - start;
    }

    private String send(String base, String method, String path, String user, String body, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static double percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }
}
