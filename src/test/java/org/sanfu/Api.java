package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Calls the REST API as a signed-in demo user (password "demo") through MockMvc, with the
 * security filters, and builds the usual test data through the API itself.
 */
@TestComponent
public class Api {

    public static final String CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    /** An answer: status, content type, headers and the body as JSON (null when empty or not JSON). */
    public record Response(int status, String contentType, String text, JsonNode json,
            MockHttpServletResponse raw) {
        public String header(String name) {
            return raw.getHeader(name);
        }

        /** The first fault of a 400 problem+json, after asserting it is one: {@code {"field", "message"}}. */
        public JsonNode firstFault() {
            assertThat(status).as(text).isEqualTo(400);
            assertThat(contentType).as(text).startsWith("application/problem+json");
            return json.get("errors").get(0);
        }
    }

    /** Sets the engine's clock (the service's time in tests) to this local time in Shanghai, {@code 2007-03-05T09:00:00}. */
    public static void at(String shanghai) {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(shanghai + "+08:00").toInstant()));
    }

    /** The item of a list of figures ({@code byDepartment}, a ranking's {@code departments}...) with this key. */
    public static JsonNode item(JsonNode list, String key) {
        for (JsonNode item : list) {
            if (item.get("key").asText().equals(key)) {
                return item;
            }
        }
        throw new AssertionError(key + " not in " + list);
    }

    private final MockMvc mvc;
    private final ObjectMapper json;
    private final ManagementService management;

    Api(MockMvc mvc, ObjectMapper json, ManagementService management) {
        this.mvc = mvc;
        this.json = json;
        this.management = management;
    }

    /**
     * Runs the deadline sweep (bpmn/deadline-sweep.bpmn) at the engine's current time, as its
     * every-minute timer would: whatever the job's due date, which was set in real time at deployment.
     */
    public void sweepDeadlines() {
        management.createJobQuery().processDefinitionKey("deadline-sweep").timers().list()
                .forEach(job -> management.executeJob(job.getId()));
    }

    /** The leaders' summary of one town's tickets ({@code /api/stats/summary}), with more of the query ({@code &from=...}). */
    public JsonNode summaryOfTown(String town, String query) {
        Response r = get("/api/stats/summary?town=" + town + query, "leader");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    public Response get(String path, String user) {
        return call(HttpMethod.GET, path, user, null);
    }

    public Response post(String path, String user, Object body) {
        return call(HttpMethod.POST, path, user, body);
    }

    /** @param body a String is sent as it is, anything else as JSON; null sends no body */
    public Response call(HttpMethod method, String path, String user, Object body) {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, path)
                .accept(MediaType.APPLICATION_JSON);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).characterEncoding(StandardCharsets.UTF_8)
                    .content(body instanceof String s ? s : write(body));
        }
        return perform(request, user);
    }

    /** Sends a prepared request (own headers, media types) as the user; null user sends no credentials. */
    public Response perform(MockHttpServletRequestBuilder request, String user) {
        if (user != null) {
            request.with(httpBasic(user, "demo"));
        }
        try {
            MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
            // the type as answered: setting the encoding below would add a charset to a file's type
            String contentType = response.getContentType();
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            String text = response.getContentAsString(StandardCharsets.UTF_8);
            JsonNode node = null;
            if (!text.isEmpty() && contentType != null && contentType.contains("json")) {
                node = json.readTree(text);
            }
            return new Response(response.getStatus(), contentType, text, node, response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random, valid unified social credit code (GB 32100-2015 check character). */
    public static String creditCode() {
        return creditCode(ThreadLocalRandom.current());
    }

    /** The same from a given source: a seeded one repeats its codes run after run. */
    public static String creditCode(Random random) {
        StringBuilder code = new StringBuilder("91331000");
        while (code.length() < 17) {
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CODE_ALPHABET.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return code.append(CODE_ALPHABET.charAt(check == 31 ? 0 : check)).toString();
    }

    /** The text as a Chinese input method in full-width mode types it: ABC123 as ＡＢＣ１２３ (U+FF01–U+FF5E). */
    public static String fullWidth(String ascii) {
        StringBuilder typed = new StringBuilder();
        ascii.chars().forEach(c -> typed.append(c > ' ' && c < 0x7F ? (char) (c + 0xFEE0) : (char) c));
        return typed.toString();
    }

    /** Creates an enterprise in the given town, looked after by staff1; returns its credit code. */
    public String enterprise(String name, String town) {
        String code = creditCode();
        Response r = post("/api/enterprises", "staff1", Map.of("creditCode", code, "name", name, "town", town,
                "industry", "泵业", "exporter", true, "key", false, "specialist", "staff1"));
        if (r.status() != 201) {
            throw new IllegalStateException("enterprise not created: " + r.text());
        }
        return code;
    }

    /** Creates an enterprise, filed by the administrator, looked after by this specialist; returns its credit code. */
    public String enterpriseLookedAfterBy(String specialist, String name, String town) {
        String code = creditCode();
        Response r = post("/api/enterprises", "admin", Map.of("creditCode", code, "name", name + code.substring(12),
                "town", town, "industry", "泵业", "exporter", false, "key", true, "specialist", specialist));
        if (r.status() != 201) {
            throw new IllegalStateException("enterprise not created: " + r.text());
        }
        return code;
    }

    public String enterprise() {
        return enterprise("测试企业" + creditCode().substring(10), "测试镇" + creditCode().substring(14));
    }

    /** A problem for a visit body: category and title, urgency NORMAL. */
    public static Map<String, Object> problem(String category, String title) {
        return Map.of("category", category, "title", title, "description", title + "（详情）");
    }

    /** Logs a visit by staff1 now with these problems; returns the answer's tickets. */
    public List<JsonNode> visit(String creditCode, List<Map<String, Object>> problems) {
        List<JsonNode> tickets = new ArrayList<>();
        visitAnswer(creditCode, "VISIT", problems).get("tickets").forEach(tickets::add);
        return tickets;
    }

    /** Logs a visit by staff1 now from the given source (VISIT, FORUM, HOTLINE, ONLINE); returns its tickets. */
    public List<JsonNode> visit(String creditCode, String source, List<Map<String, Object>> problems) {
        List<JsonNode> tickets = new ArrayList<>();
        visitAnswer(creditCode, source, problems).get("tickets").forEach(tickets::add);
        return tickets;
    }

    /** A visit logged by {@link #loggedVisit}: its enterprise's credit code, its id, its tickets' ids. */
    public record LoggedVisit(String creditCode, String id, List<String> ticketIds) {}

    /** Logs a visit by staff1 now to a fresh enterprise with these problems. */
    public LoggedVisit loggedVisit(List<Map<String, Object>> problems) {
        String code = enterprise();
        JsonNode answer = visitAnswer(code, "VISIT", problems);
        List<String> tickets = new ArrayList<>();
        answer.get("tickets").forEach(t -> tickets.add(t.get("id").asText()));
        return new LoggedVisit(code, answer.get("id").asText(), tickets);
    }

    private JsonNode visitAnswer(String creditCode, String source, List<Map<String, Object>> problems) {
        Response r = post("/api/visits", "staff1", Map.of("enterpriseCreditCode", creditCode, "source", source,
                "notes", "走访记录", "problems", problems));
        if (r.status() != 201) {
            throw new IllegalStateException("visit not logged: " + r.text());
        }
        return r.json();
    }

    /**
     * A new town (its name {@code prefix} and a random tail) red-carded in the month that starts on
     * {@code firstWorkingDay} (a Monday, Shanghai time): three customs problems of one enterprise reported
     * that morning and left unsigned until the sweep on the month's last working day, {@code lastWorkingDay}.
     */
    public String redCardedTown(String prefix, String firstWorkingDay, String lastWorkingDay) {
        String town = prefix + creditCode().substring(12);
        try {
            at(firstWorkingDay + "T09:00:00");
            visit(enterprise("台州" + prefix + "报关有限公司", town), List.of(problem("CUSTOMS", "查验慢"),
                    problem("CUSTOMS", "退税慢"), problem("CUSTOMS", "报关单退回")));
            at(lastWorkingDay + "T10:00:00");
            sweepDeadlines();
        } finally {
            ClockUtil.reset();
        }
        return town;
    }

    /** One ticket of the category on a fresh enterprise; returns the ticket as answered. */
    public JsonNode ticket(String category) {
        return visit(enterprise(), List.of(problem(category, "测试问题 " + category))).get(0);
    }

    /** Takes an action as the user and insists on 200; returns the updated ticket. */
    public JsonNode act(String ticketId, String action, String user, Object body) {
        Response r = post("/api/tickets/" + ticketId + "/" + action, user, body == null ? Map.of() : body);
        if (r.status() != 200) {
            throw new IllegalStateException(action + " by " + user + " answered " + r.status() + ": " + r.text());
        }
        return r.json();
    }
}
