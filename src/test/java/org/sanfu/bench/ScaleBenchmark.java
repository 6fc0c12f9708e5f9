package org.sanfu.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanfu.Api;

/**
 * How the leaders' reads and the lifecycle rate of a running service fare with the data it holds
 * (issue 13; src/test/bench/scale.sh generates the data, starts the service and drives this). Not a
 * test. Each read is timed five times over HTTP, each time after one new write (a visit with one
 * problem) so that no cache of a result answers; the table gives median, min and max in ms and the
 * answer's size. Then the full lifecycle rate of {@link LifecycleBenchmark} (8 threads).
 * <pre>
 * mvn -q -B exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.sanfu.bench.ScaleBenchmark \
 *     -Dexec.args="http://127.0.0.1:18301 results.tsv label=10000 lifecycles=400"
 * mvn -q -B exec:java ... -Dexec.args="compare results-10000.tsv results-1000000.tsv"
 * </pre>
 * {@code timeout=120} (seconds) bounds one read: one that takes longer is written as "> 120000" and not
 * repeated; {@code skip=n} leaves out the first n reads (to go on after an interrupted run);
 * {@code only=regex} times only the reads whose name it finds (to compare a few reads before and after a
 * change), {@code repeats=n} times each n times rather than 5, and {@code lifecycles=0} leaves out the rate.
 * Further {@code name=value} arguments (the generation's seconds, the database's size) are written
 * into the results as they are, to be printed with them.
 */
public final class ScaleBenchmark {

    private static final int REPEATS = 5;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
    private static final Pattern CREDIT_CODE = Pattern.compile("\"enterpriseCreditCode\":\"([0-9A-Z]{18})\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private String enterprise;
    /** How long a read may take; one that takes longer is written as such and not repeated. */
    private Duration timeout = Duration.ofSeconds(120);
    /** Reads left out from the start of the list (to go on after an interrupted run). */
    private int skip;
    /** Only the reads whose name this finds. */
    private Pattern only = Pattern.compile("");
    /** How many times each read is timed. */
    private int repeats = REPEATS;

    private ScaleBenchmark(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("compare")) {
            compare(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        if (!URI.create(base).getHost().matches("127\\.\\d+\\.\\d+\\.\\d+|localhost")) {
            throw new IllegalArgumentException("benchmark only a service on this machine's loopback");
        }
        Path out = Path.of(args.length > 1 ? args[1] : "scale-results.tsv");
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        int lifecycles = Integer.parseInt(options.getOrDefault("lifecycles", "400"));
        ScaleBenchmark benchmark = new ScaleBenchmark(base);
        benchmark.timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "120")));
        benchmark.skip = Integer.parseInt(options.getOrDefault("skip", "0"));
        benchmark.only = Pattern.compile(options.getOrDefault("only", ""));
        benchmark.repeats = Integer.parseInt(options.getOrDefault("repeats", String.valueOf(REPEATS)));
        List<String[]> rows = benchmark.run(lifecycles);
        List<String> lines = new ArrayList<>();
        options.forEach((name, value) -> lines.add("#" + name + "\t" + value));
        rows.forEach(row -> lines.add(String.join("\t", row)));
        Files.write(out, lines, StandardCharsets.UTF_8);
        print(options.getOrDefault("label", base), benchmark.repeats, rows);
    }

    /** Rows of read, median, min, max (ms), bytes; the last one the lifecycle rate. */
    private List<String[]> run(int lifecycles) throws Exception {
        enterprise = Api.creditCode();
        send("POST", "/api/enterprises", "staff1", "{\"creditCode\":\"" + enterprise
                + "\",\"name\":\"规模压测企业\",\"town\":\"大溪镇\"}", 201);
        LocalDate today = LocalDate.now(ZONE);
        YearMonth month = YearMonth.from(today).minusMonths(1);
        LocalDate lastWeek = today.minusWeeks(1);
        String week = String.format("%d-W%02d", lastWeek.get(IsoFields.WEEK_BASED_YEAR), lastWeek.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        String busy = busiest(send("GET", "/api/tickets?size=200", "leader", null, 200));
        String town = URLEncoder.encode("大溪镇", StandardCharsets.UTF_8);
        String session = signIn("leader");

        Map<String, Supplier<Response>> reads = new LinkedHashMap<>();
        reads.put("stats summary, all time", () -> get("/api/stats/summary", "leader", null));
        reads.put("stats summary, one town, " + month, () -> get("/api/stats/summary?town=" + town + "&from=" + month.atDay(1)
                + "&to=" + month.atEndOfMonth(), "leader", null));
        reads.put("dashboard page / (leader)", () -> page("/", session));
        reads.put("daily digest, today", () -> get("/api/reports/daily", "leader", null));
        reads.put("ticket search, common word 集装箱", () -> get("/api/tickets?q=" + URLEncoder.encode("集装箱", StandardCharsets.UTF_8),
                "leader", null));
        reads.put("ticket search, rare word 碳足迹", () -> get("/api/tickets?q=" + URLEncoder.encode("碳足迹", StandardCharsets.UTF_8),
                "leader", null));
        reads.put("inbox of a department (transport)", () -> get("/api/inbox", "transport", null));
        reads.put("tickets IN_PROGRESS", () -> get("/api/tickets?status=IN_PROGRESS", "leader", null));
        reads.put("tickets CLOSED", () -> get("/api/tickets?status=CLOSED", "leader", null));
        reads.put("ranking " + month, () -> get("/api/stats/ranking?month=" + month, "leader", null));
        for (YearMonth m : List.of(month.plusMonths(1), month)) {   // this quarter, and last month's if another
            String quarter = m.getYear() + "-Q" + ((m.getMonthValue() - 1) / 3 + 1);
            reads.put("medals " + quarter, () -> get("/api/stats/medals?quarter=" + quarter, "leader", null));
        }
        reads.put("weekly briefing " + week + ", JSON", () -> get("/api/reports/weekly?week=" + week, "leader", null));
        reads.put("weekly briefing " + week + ", Excel", () -> get("/api/reports/weekly?week=" + week, "leader", XLSX));
        reads.put("enterprise profile (busiest of the newest 200 tickets)", () -> get("/api/enterprises/" + busy, "leader", null));

        List<String[]> rows = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, Supplier<Response>> read : reads.entrySet()) {
            if (index++ < skip || !only.matcher(read.getKey()).find()) {
                continue;
            }
            List<Double> millis = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < repeats; i++) {
                write();
                long start = System.nanoTime();
                Response r = read.getValue().get();
                if (r == null) {
                    millis.add(-1.0);
                    break;
                }
                millis.add((System.nanoTime() - start) / 1e6);
                if (r.status() != 200) {
                    throw new IllegalStateException(read.getKey() + " answered " + r.status() + ": " + r.body());
                }
                bytes = r.bytes();
            }
            if (millis.contains(-1.0)) {
                String over = "> " + timeout.toMillis();
                rows.add(new String[] {read.getKey(), over, over, over, "timed out"});
                System.out.printf("  %-52s %9s ms (timed out, not repeated)%n", read.getKey(), over);
                continue;
            }
            millis.sort(Double::compare);
            rows.add(new String[] {read.getKey(), fmt(millis.get(repeats / 2)), fmt(millis.get(0)),
                    fmt(millis.get(repeats - 1)), String.valueOf(bytes)});
            System.out.printf("  %-52s %9s ms%n", read.getKey(), fmt(millis.get(repeats / 2)));
        }
        if (lifecycles == 0) {
            return rows;
        }
        LifecycleBenchmark.Result rate = LifecycleBenchmark.measure(List.of(base), 8, lifecycles);
        rows.add(new String[] {"lifecycles/s (8 threads, " + lifecycles + " lifecycles; p95 ms)", fmt(rate.perSecond()),
                fmt(rate.p95()), "", ""});
        return rows;
    }

    /** One new write before each read: a visit with one problem, so that the next read sees new data. */
    private void write() {
        try {
            send("POST", "/api/visits", "staff1", "{\"enterpriseCreditCode\":\"" + enterprise
                    + "\",\"problems\":[{\"category\":\"FINANCING\",\"title\":\"流动资金周转紧张\"}]}", 201);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Response(int status, String body, long bytes) {}

    private Response get(String path, String user, String accept) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                    .header("Authorization", basic(user)).header("Accept", accept == null ? "application/json" : accept);
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), response.body().length);
        } catch (HttpTimeoutException e) {
            return null;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    /** A page as the signed-in browser gets it: the session cookie, HTML. */
    private Response page(String path, String session) {
        try {
            HttpResponse<byte[]> response = browser.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(timeout).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), response.body().length);
        } catch (HttpTimeoutException e) {
            return null;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    /** Signs in on the form at /login (its CSRF token, then the session cookie the browser keeps). */
    private String signIn(String user) throws Exception {
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String token = matchOf(form.body(), CSRF);
        String body = "username=" + user + "&password=demo&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("signing in as " + user + " answered " + signedIn.statusCode() + " "
                    + signedIn.headers().firstValue("Location").orElse(""));
        }
        return user;
    }

    /** The enterprise that reported most of these tickets. */
    private static String busiest(String tickets) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Matcher m = CREDIT_CODE.matcher(tickets);
        while (m.find()) {
            counts.merge(m.group(1), 1, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static String matchOf(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text.substring(0, Math.min(500, text.length())));
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private String send(String method, String path, String user, String body, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").header("Authorization", basic(user)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    private static String fmt(double value) {
        return String.format("%.1f", value);
    }

    private static void print(String label, int repeats, List<String[]> rows) {
        System.out.println();
        System.out.println("== " + label + ": median of " + repeats + " (min-max) in ms, answer size in bytes");
        for (String[] row : rows) {
            if (row[0].startsWith("lifecycles/s")) {
                System.out.printf("%-60s %10s  (p95 %s ms)%n", row[0], row[1], row[2]);
            } else {
                System.out.printf("%-60s %10s  (%s-%s)  %s%n", row[0], row[1], row[2], row[3], row[4]);
            }
        }
    }

    /** The two runs side by side: each read's median (min-max) and how many times slower the second is. */
    private static void compare(Path first, Path second) throws IOException {
        List<String> a = Files.readAllLines(first, StandardCharsets.UTF_8);
        List<String> b = Files.readAllLines(second, StandardCharsets.UTF_8);
        Map<String, String> optionsA = options(a);
        Map<String, String> optionsB = options(b);
        String labelA = optionsA.getOrDefault("label", first.toString());
        String labelB = optionsB.getOrDefault("label", second.toString());
        System.out.println();
        System.out.printf("| %s | %s tickets | %s tickets | ratio |%n", "", labelA, labelB);
        System.out.println("|---|---|---|---|");
        for (String name : optionsA.keySet()) {
            if (!name.equals("label")) {
                System.out.printf("| %s | %s | %s | |%n", name, optionsA.get(name), optionsB.getOrDefault(name, ""));
            }
        }
        Map<String, String[]> rowsB = new LinkedHashMap<>();
        b.stream().filter(l -> !l.startsWith("#")).map(l -> l.split("\t", -1)).forEach(r -> rowsB.put(r[0], r));
        for (String line : a) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] ra = line.split("\t", -1);
            String[] rb = rowsB.get(ra[0]);
            if (rb == null) {
                continue;
            }
            boolean rate = ra[0].startsWith("lifecycles/s");
            String cellA = rate ? ra[1] + " (p95 " + ra[2] + " ms)" : ra[1] + " (" + ra[2] + "-" + ra[3] + ")";
            String cellB = rate ? rb[1] + " (p95 " + rb[2] + " ms)" : rb[1] + " (" + rb[2] + "-" + rb[3] + ")";
            String ratio = ra[1].startsWith(">") || rb[1].startsWith(">") ? "" : String.format("%.1f×",
                    Double.parseDouble(rb[1]) / Double.parseDouble(ra[1]));
            System.out.printf("| %s | %s | %s | %s |%n", ra[0], cellA, cellB, ratio);
        }
    }

    private static Map<String, String> options(List<String> lines) {
        Map<String, String> options = new LinkedHashMap<>();
        lines.stream().filter(l -> l.startsWith("#")).map(l -> l.substring(1).split("\t", 2))
                .forEach(o -> options.put(o[0], o[1]));
        return options;
    }
}
