package org.sanfu.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.enterprise.EnterpriseForm;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.util.UriUtils;

/**
 * {@code /api/channels} (ADMIN) and {@code /api/intake} (a channel's key), API.md "other channels": who may
 * call each (401, 403), unknown records (404), duplicates (409), bad fields (400 naming them, in Chinese),
 * routing of a channel's problem, reading its status back, and revocation taking effect at once.
 */
@SanfuTest
class ChannelWebTests {

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Pages pages;
    @Autowired
    ChannelSecrets secrets;
    @Autowired
    Clock clock;

    ChannelTestSupport channels() {
        return new ChannelTestSupport(api);
    }

    // --- /api/channels

    /**
     * (Addition, RFC 9110) A problem filed is at the channel's own GET, its external id as kept (trimmed) and
     * percent-encoded; the same id again is 200 without Location, nothing being created. A channel, and its new key,
     * have no GET of their own, hence no Location.
     */
    @Test
    void aFiledProblemIsAtItsLocationAndAChannelOrItsKeyHasNone() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String externalId = "热线 " + UUID.randomUUID();
        Map<String, Object> problem = ChannelTestSupport.problem(api.enterprise(), "CONTAINER");
        problem.put("externalId", " " + externalId + " ");

        Api.Response filed = s.file(c.key(), problem);

        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        assertThat(filed.header("Location"))
                .isEqualTo("/api/intake/" + UriUtils.encodePathSegment(externalId, StandardCharsets.UTF_8));
        Api.Response read = api.perform(MockMvcRequestBuilders.get(URI.create(filed.header("Location")))
                .accept(MediaType.APPLICATION_JSON).header("X-Channel-Key", c.key()), null);
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(read.json().get("externalId").asText()).isEqualTo(externalId);
        assertThat(read.json().get("ticketId")).isEqualTo(filed.json().get("id"));
        Api.Response again = s.file(c.key(), problem);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.header("Location")).isNull();

        Api.Response created = api.post("/api/channels", "admin", Map.of("code", ChannelTestSupport.newCode(),
                "name", "无地址渠道"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("Location")).isNull();
        Api.Response renewed = api.post("/api/channels/" + c.code() + "/key", "admin", null);
        assertThat(renewed.status()).as(renewed.text()).isEqualTo(201);
        assertThat(renewed.header("Location")).isNull();
    }

    @Test
    void adminCreatesAChannelWhoseKeyAndSecretAreShownOnceAndStoredOnlyHashedOrSealed() {
        ChannelTestSupport.Created c = channels().channel("https://hotline.example.gov.cn/sanfu");
        assertThat(c.key()).hasSizeGreaterThanOrEqualTo(43); // 256 random bits, base64url
        assertThat(c.secret()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(c.key());
        Map<String, Object> row = jdbc.sql("select * from channel where code = ?").param(c.code()).query().singleRow();
        assertThat(row.values().stream().map(String::valueOf)).noneMatch(v -> v.contains(c.key()) || v.contains(c.secret()));
        assertThat(row.get("key_hash")).isEqualTo(ChannelSecrets.digest(c.key()));
        assertThat(row.get("secret_cipher").toString()).as("sealed with the demo profile's key").startsWith("aes:");
        assertThat(secrets.open(row.get("secret_cipher").toString())).isEqualTo(c.secret());

        Api.Response list = api.get("/api/channels?size=200", "admin");
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        assertThat(list.text()).doesNotContain(c.key()).doesNotContain(c.secret());
        JsonNode mine = find(list.json().get("items"), c.code());
        assertThat(mine.get("name").asText()).isEqualTo(c.name());
        assertThat(mine.get("callbackUrl").asText()).isEqualTo("https://hotline.example.gov.cn/sanfu");
        assertThat(mine.get("revokedAt").isNull()).isTrue();
        assertThat(mine.has("key")).isFalse();
    }

    @Test
    void anExistingCodeIs409() {
        ChannelTestSupport.Created c = channels().channel(null);
        Api.Response again = api.post("/api/channels", "admin", Map.of("code", c.code(), "name", "另一个"));
        assertThat(again.status()).as(again.text()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        api.call(HttpMethod.DELETE, "/api/channels/" + c.code(), "admin", null);
        Api.Response revoked = api.post("/api/channels", "admin", Map.of("code", c.code(), "name", "另一个"));
        assertThat(revoked.status()).as("a revoked code stays taken: its tickets name it").isEqualTo(409);
    }

    /** RFC 3986: a scheme is case-insensitive, so HTTP:// is http; it is stored as http, how it is posted to. */
    @Test
    void aCallbackUrlsSchemeIsReadWithoutRegardToCase() {
        for (String[] url : new String[][] {{"HTTP://X.EXAMPLE.GOV.CN/", "http://X.EXAMPLE.GOV.CN/"},
                {"Https://hotline.example.gov.cn/sanfu", "https://hotline.example.gov.cn/sanfu"}}) {
            ChannelTestSupport.Created c = channels().channel(url[0]);
            JsonNode mine = find(api.get("/api/channels?size=200", "admin").json().get("items"), c.code());
            assertThat(mine.get("callbackUrl").asText()).isEqualTo(url[1]);
        }
        for (String other : List.of("FTP://example.gov.cn/x", "Javascript://example.gov.cn/x")) {
            Api.Response r = api.post("/api/channels", "admin", Map.of("code", "C_" + Math.abs(other.hashCode()),
                    "name", "n", "callbackUrl", other));
            assertThat(r.status()).as(other).isEqualTo(400);
            assertThat(r.firstFault().get("field").asText()).isEqualTo("callbackUrl");
        }
    }

    @Test
    void badFieldsOfANewChannelAre400NamingEachField() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", "hotline-12345");
        body.put("name", " ");
        body.put("callbackUrl", "ftp://example.gov.cn/x");
        Api.Response r = api.post("/api/channels", "admin", body);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactly("code", "name", "callbackUrl");
        assertThat(api.post("/api/channels", "admin", Map.of("code", "A".repeat(33), "name", "x")).firstFault()
                .get("field").asText()).isEqualTo("code");
        assertThat(api.post("/api/channels", "admin", Map.of("name", "x")).firstFault().get("field").asText())
                .isEqualTo("code");
        for (String taken : List.of("HOTLINE", "ONLINE", "VISIT", "FORUM", "SYSTEMIC")) {
            assertThat(api.post("/api/channels", "admin", Map.of("code", taken, "name", "x")).firstFault().get("field")
                    .asText()).as("a ticket's source %s means something else already", taken).isEqualTo("code");
        }
    }

    /** A code typed in lower or mixed case is the code in capitals, as a category is at the intake. */
    @Test
    void aCodeInLowerOrMixedCaseIsTakenInCapitals() {
        String code = ChannelTestSupport.newCode();
        String typed = " h" + code.toLowerCase(java.util.Locale.ROOT) + "_Line ";
        Api.Response created = api.post("/api/channels", "admin", Map.of("code", typed, "name", "12345热线"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String upper = "H" + code + "_LINE";
        assertThat(created.json().get("code").asText()).isEqualTo(upper);
        assertThat(find(api.get("/api/channels?size=200", "admin").json().get("items"), upper).get("name").asText())
                .isEqualTo("12345热线");
        JsonNode t = channels().filed(created.json().get("key").asText(),
                ChannelTestSupport.problem(api.enterprise(), "CONTAINER"));
        assertThat(t.get("source").asText()).isEqualTo(upper);
        Api.Response again = api.post("/api/channels", "admin", Map.of("code", upper, "name", "另一个"));
        assertThat(again.status()).as("the same code: " + again.text()).isEqualTo(409);
        assertThat(api.post("/api/channels", "admin", Map.of("code", "visit", "name", "x")).firstFault().get("field")
                .asText()).as("a visit's source in lower case is still that source").isEqualTo("code");
        for (String notACode : List.of("hotl\u0131ne", "stra\u00dfe", "hotline-12345")) {
            Api.Response r = api.post("/api/channels", "admin", Map.of("code", notACode, "name", "x"));
            assertThat(r.status()).as(notACode).isEqualTo(400);
            assertThat(r.firstFault().get("field").asText()).as("no other letter becomes an ASCII one").isEqualTo("code");
        }
    }

    /** Typed with a Chinese input method (ｈｏｔｌｉｎｅ＿１), pasted with a no-break space: the code in ASCII capitals. */
    @Test
    void aCodeTypedInFullWidthIsTakenInAsciiCapitals() {
        String code = ChannelTestSupport.newCode();
        Api.Response created = api.post("/api/channels", "admin",
                Map.of("code", "\u00A0" + Api.fullWidth("w" + code.toLowerCase(java.util.Locale.ROOT)) + "\u3000",
                        "name", "全角渠道"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("code").asText()).isEqualTo("W" + code);
        assertThat(api.call(HttpMethod.DELETE, "/api/channels/" + Api.fullWidth("w" + code), "admin", null).status())
                .isEqualTo(204);
    }

    /** A code named in the path is taken as filed, as a new one is: delete /api/channels/hotline revokes HOTLINE. */
    @Test
    void aCodeInThePathInLowerOrMixedCaseNamesTheChannelInCapitals() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String lower = c.code().toLowerCase(java.util.Locale.ROOT);
        String mixed = lower.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + lower.substring(1);
        assertThat(api.post("/api/channels/" + lower + "/key", "dispatch", null).status())
                .as("known in any case, so 403 rather than 404").isEqualTo(403);
        Api.Response renewed = api.post("/api/channels/" + mixed + "/key", "admin", null);
        assertThat(renewed.status()).as(renewed.text()).isEqualTo(201);
        assertThat(renewed.json().get("code").asText()).isEqualTo(c.code());
        String key = renewed.json().get("key").asText();
        // the old key holds for the grace (sanfu.channels.previous-key-grace) until ended, by a code in lower case too
        assertThat(s.file(c.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()).isEqualTo(201);
        assertThat(api.call(HttpMethod.DELETE, "/api/channels/" + lower + "/previous-key", "admin", null).status())
                .isEqualTo(204);
        assertThat(s.file(c.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()).isEqualTo(401);
        assertThat(s.file(key, ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()).isEqualTo(201);

        Api.Response revoked = api.call(HttpMethod.DELETE, "/api/channels/" + lower, "admin", null);
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(204);
        assertThat(s.file(key, ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()).isEqualTo(401);
        assertThat(find(api.get("/api/channels?size=200", "admin").json().get("items"), c.code()).get("revokedAt")
                .isNull()).isFalse();
        // no other letter becomes an ASCII one: a dotless ı names no channel
        assertThat(api.call(HttpMethod.DELETE, "/api/channels/" + lower.replace('t', '\u0131'), "admin", null).status())
                .isEqualTo(404);
    }

    @Test
    void onlyAdminManagesChannels() {
        for (String user : List.of("staff1", "dispatch", "leader", "finance")) {
            assertThat(api.post("/api/channels", user, Map.of("code", "X_" + user.toUpperCase(), "name", "x")).status())
                    .as(user).isEqualTo(403);
            assertThat(api.get("/api/channels", user).status()).as(user).isEqualTo(403);
        }
        assertThat(api.post("/api/channels", null, Map.of("code", "X", "name", "x")).status()).isEqualTo(401);
        assertThat(api.get("/api/channels", null).status()).isEqualTo(401);
        assertThat(api.call(HttpMethod.DELETE, "/api/channels/NOPE", null, null).status()).isEqualTo(401);
        // a channel's key opens nothing but /api/intake
        ChannelTestSupport.Created c = channels().channel(null);
        assertThat(channels().call(HttpMethod.GET, "/api/channels", c.key(), null).status()).isEqualTo(403);
    }

    /** API.md's order on a channel named in the path: 401, then an unknown code 404 for every role, then 403, then 400. */
    @Test
    void anUnknownChannelIs404ForEveryRoleAndAKnownOne403ToAllButAdmin() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        for (String user : List.of("staff1", "dispatch", "leader", "finance", "admin")) {
            Api.Response revoke = api.call(HttpMethod.DELETE, "/api/channels/NO_SUCH_CHANNEL", user, "garbage");
            assertThat(revoke.status()).as(user + " " + revoke.text()).isEqualTo(404);
            assertThat(revoke.contentType()).as(user).startsWith("application/problem+json");
            assertThat(api.post("/api/channels/NO_SUCH_CHANNEL/key", user, "garbage").status()).as(user).isEqualTo(404);
        }
        for (String user : List.of("staff1", "dispatch", "leader", "finance")) {
            Api.Response revoke = api.call(HttpMethod.DELETE, "/api/channels/" + c.code(), user, "garbage");
            assertThat(revoke.status()).as(user + " " + revoke.text()).isEqualTo(403);
            assertThat(revoke.contentType()).as(user).startsWith("application/problem+json");
            assertThat(api.post("/api/channels/" + c.code() + "/key", user, "garbage").status()).as(user).isEqualTo(403);
            assertThat(api.post("/api/channels/" + c.code() + "/key", user, null).status()).as(user).isEqualTo(403);
        }
        assertThat(api.call(HttpMethod.DELETE, "/api/channels/NO_SUCH_CHANNEL", null, null).status()).isEqualTo(401);
        assertThat(api.post("/api/channels/NO_SUCH_CHANNEL/key", null, null).status()).isEqualTo(401);
        // a channel's key learns nothing of other channels: 403 whether the code exists or not
        assertThat(s.call(HttpMethod.DELETE, "/api/channels/NO_SUCH_CHANNEL", c.key(), null).status()).isEqualTo(403);
        assertThat(s.call(HttpMethod.POST, "/api/channels/NO_SUCH_CHANNEL/key", c.key(), null).status()).isEqualTo(403);
        // nothing was revoked or renewed: the channel's key still files
        assertThat(s.file(c.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()).isEqualTo(201);
        assertThat(find(api.get("/api/channels?size=200", "admin").json().get("items"), c.code()).get("revokedAt")
                .isNull()).isTrue();
    }

    @Test
    void revokingAnUnknownChannelIs404() {
        Api.Response r = api.call(HttpMethod.DELETE, "/api/channels/NO_SUCH_CHANNEL", "admin", null);
        assertThat(r.status()).as(r.text()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    // --- /api/intake: who

    @Test
    void aKeyIsTheOnlyWayInAndOpensNothingElse() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String code = api.enterprise();
        Map<String, Object> problem = ChannelTestSupport.problem(code, "CONTAINER");
        assertThat(s.file(null, problem).status()).isEqualTo(401);
        Api.Response wrong = s.file("not-a-key", problem);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        for (String user : List.of("staff1", "dispatch", "admin", "leader", "transport")) {
            assertThat(s.call(HttpMethod.POST, "/api/intake", null, problem, user).status()).as(user).isEqualTo(403);
            assertThat(s.call(HttpMethod.GET, "/api/intake/x", null, null, user).status()).as(user).isEqualTo(403);
        }
        for (String path : List.of("/api/tickets", "/api/inbox", "/api/enterprises", "/api/stats/summary")) {
            assertThat(s.call(HttpMethod.GET, path, c.key(), null).status()).as(path).isEqualTo(403);
        }
        // the API's documents are for people, signed in to the workbench or by Basic: a key is no sign-in there
        assertThat(s.call(HttpMethod.GET, "/v3/api-docs", c.key(), null).status()).isEqualTo(401);
        assertThat(s.call(HttpMethod.POST, "/api/visits", c.key(), Map.of("enterpriseCreditCode", code)).status())
                .isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from ticket where enterprise_credit_code = ?").param(code)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aRevokedKeyIs401AtOnce() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String code = api.enterprise();
        JsonNode ticket = s.filed(c.key(), ChannelTestSupport.problem(code, "CONTAINER"));
        assertThat(api.call(HttpMethod.DELETE, "/api/channels/" + c.code(), "admin", null).status()).isEqualTo(204);
        assertThat(s.file(c.key(), ChannelTestSupport.problem(code, "CONTAINER")).status()).isEqualTo(401);
        assertThat(s.call(HttpMethod.GET, "/api/intake/x", c.key(), null).status()).isEqualTo(401);
        JsonNode listed = find(api.get("/api/channels?size=200", "admin").json().get("items"), c.code());
        assertThat(listed.get("revokedAt").isNull()).isFalse();
        // the ticket stays, with the channel as its source
        assertThat(api.get("/api/tickets/" + ticket.get("id").asText(), "leader").json().get("source").asText())
                .isEqualTo(c.code());
        assertThat(api.call(HttpMethod.DELETE, "/api/channels/" + c.code(), "admin", null).status())
                .as("revoking again changes nothing").isEqualTo(204);
    }

    /**
     * A request that carries X-Channel-Key with no live key behind it is told that the key is refused, in its
     * language, and the 401's challenge names the key's scheme: a machine is not invited to sign in with Basic.
     */
    @Test
    void aWrongBlankOrRevokedKeyIs401SayingSoWithoutInvitingBasic() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        Map<String, Object> problem = ChannelTestSupport.problem(api.enterprise(), "CONTAINER");
        api.call(HttpMethod.DELETE, "/api/channels/" + c.code(), "admin", null);
        for (String key : List.of("not-a-key", " ", c.key())) {
            for (Api.Response r : List.of(s.file(key, problem), s.call(HttpMethod.GET, "/api/intake/x", key, null),
                    s.call(HttpMethod.GET, "/api/tickets", key, null))) {
                assertThat(r.status()).as(key + " " + r.text()).isEqualTo(401);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.header("WWW-Authenticate")).as(key).isEqualTo("X-Channel-Key realm=\"sanfu\"");
                assertThat(r.json().get("detail").asText()).as(key)
                        .isEqualTo("渠道密钥（X-Channel-Key）无效或已被吊销；请向系统管理员索取新的密钥");
            }
        }
        Api.Response english = api.perform(MockMvcRequestBuilders.get("/api/intake/x").header("X-Channel-Key", c.key())
                .header("Accept-Language", "en").accept(MediaType.APPLICATION_JSON), null);
        assertThat(english.status()).isEqualTo(401);
        assertThat(english.json().get("detail").asText()).isEqualTo(
                "the channel key (X-Channel-Key) is not valid or has been revoked; ask an administrator for a new one");
    }

    /**
     * A channel's endpoint called with no credentials at all asks for the channel's key, in the caller's language, not
     * for HTTP Basic (an integrator reading "sign in with HTTP Basic" there looked for an account); every other
     * endpoint still asks for Basic, and a person's wrong password on a channel's endpoint is answered as a person's.
     */
    @Test
    void aChannelsEndpointWithoutCredentialsAsksForTheKeyNotForBasic() {
        ChannelTestSupport s = channels();
        Map<String, Object> problem = ChannelTestSupport.problem(api.enterprise(), "CONTAINER");
        for (Api.Response none : List.of(s.file(null, problem), s.call(HttpMethod.GET, "/api/intake/x", null, null),
                s.call(HttpMethod.POST, "/api/intake/x/feedback", null, Map.of("satisfaction", "SATISFIED")))) {
            assertThat(none.status()).as(none.text()).isEqualTo(401);
            assertThat(none.contentType()).startsWith("application/problem+json");
            assertThat(none.header("WWW-Authenticate")).isEqualTo("X-Channel-Key realm=\"sanfu\"");
            assertThat(none.json().get("detail").asText())
                    .isEqualTo("请在请求头 X-Channel-Key 中提供渠道密钥（渠道接口不用 HTTP Basic 登录）");
        }
        Api.Response english = api.perform(MockMvcRequestBuilders.get("/api/intake/x").header("Accept-Language", "en")
                .accept(MediaType.APPLICATION_JSON), null);
        assertThat(english.status()).isEqualTo(401);
        assertThat(english.json().get("detail").asText())
                .isEqualTo("send the channel's key in header X-Channel-Key (a channel's endpoints take no HTTP Basic sign-in)");
        Api.Response elsewhere = s.call(HttpMethod.GET, "/api/tickets", null, null);
        assertThat(elsewhere.status()).isEqualTo(401);
        assertThat(elsewhere.header("WWW-Authenticate")).startsWith("Basic");
        Api.Response wrongPassword = api.perform(MockMvcRequestBuilders.get("/api/intake/x")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "no-such-person:wrong-password".getBytes(StandardCharsets.UTF_8)))
                .accept(MediaType.APPLICATION_JSON), null);
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void aNewKeyReplacesTheOldAtOnceAndRevivesARevokedChannel() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel("https://hotline.example.gov.cn/sanfu");
        String code = api.enterprise();
        // a body that is no JSON is 400 naming it and changes nothing (an unknown channel is 404 still)
        assertThat(api.call(HttpMethod.DELETE, "/api/channels/" + c.code(), "admin", "garbage").firstFault()
                .get("field").asText()).isEqualTo("body");
        assertThat(s.file(c.key(), ChannelTestSupport.problem(code, "CONTAINER")).status()).as("not revoked")
                .isEqualTo(201);
        assertThat(api.post("/api/channels/" + c.code() + "/key", "admin", "garbage").firstFault().get("field")
                .asText()).isEqualTo("body");
        assertThat(api.post("/api/channels/" + c.code() + "/key", "admin", "[1]").status()).isEqualTo(400);
        assertThat(s.file(c.key(), ChannelTestSupport.problem(code, "CONTAINER")).status()).as("the key still works")
                .isEqualTo(201);
        assertThat(api.post("/api/channels/NO_SUCH_CHANNEL/key", "admin", "garbage").status()).isEqualTo(404);
        assertThat(api.call(HttpMethod.DELETE, "/api/channels/NO_SUCH_CHANNEL", "admin", "garbage").status())
                .isEqualTo(404);
        api.call(HttpMethod.DELETE, "/api/channels/" + c.code(), "admin", "{}");
        assertThat(s.file(c.key(), ChannelTestSupport.problem(code, "CONTAINER")).status()).isEqualTo(401);
        Api.Response renewed = api.post("/api/channels/" + c.code() + "/key", "admin", null);
        assertThat(renewed.status()).as(renewed.text()).isEqualTo(201);
        String key = renewed.json().get("key").asText();
        assertThat(key).isNotEqualTo(c.key());
        assertThat(renewed.json().get("secret").asText()).isNotEqualTo(c.secret());
        assertThat(s.file(c.key(), ChannelTestSupport.problem(code, "CONTAINER")).status()).isEqualTo(401);
        assertThat(s.file(key, ChannelTestSupport.problem(code, "CONTAINER")).status()).isEqualTo(201);
        assertThat(find(api.get("/api/channels?size=200", "admin").json().get("items"), c.code()).get("revokedAt")
                .isNull()).isTrue();
        assertThat(api.post("/api/channels/NO_SUCH_CHANNEL/key", "admin", null).status()).isEqualTo(404);
        assertThat(api.post("/api/channels/" + c.code() + "/key", "dispatch", null).status()).isEqualTo(403);
        assertThat(api.post("/api/channels/" + c.code() + "/key", null, null).status()).isEqualTo(401);
        assertThat(s.call(HttpMethod.POST, "/api/channels/" + c.code() + "/key", key, null).status())
                .as("a key cannot renew itself").isEqualTo(403);
    }

    // --- a renewed key's predecessor (sanfu.channels.previous-key-grace, 24 h)

    /** Stripe's "roll key with expiry": the old key still files for the grace after a renewal, then it is 401. */
    @Test
    void aRenewedKeysPredecessorStillFilesForTheGraceAndNotAfter() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String first = c.key();
        String second = renew(c.code());
        try {
            assertThat(files(s, first)).as("the old key, right after the renewal").isEqualTo(201);
            assertThat(files(s, second)).isEqualTo(201);
            ChannelCallbackTests.move(Duration.ofHours(23).plusMinutes(59));
            assertThat(files(s, first)).as("the old key, a minute before the grace ends").isEqualTo(201);
            ChannelCallbackTests.move(Duration.ofMinutes(1));
            assertThat(files(s, first)).as("the grace is over").isEqualTo(401);
            assertThat(files(s, second)).isEqualTo(201);
            // renewed again: the key it replaces holds for the grace, the one before it no longer
            String third = renew(c.code());
            assertThat(files(s, second)).isEqualTo(201);
            assertThat(files(s, third)).isEqualTo(201);
            String fourth = renew(c.code());
            assertThat(files(s, second)).as("only the key just replaced holds").isEqualTo(401);
            assertThat(files(s, third)).isEqualTo(201);
            assertThat(files(s, fourth)).isEqualTo(201);
        } finally {
            ClockUtil.reset();
        }
    }

    /** Revoking the channel ends both keys at once; reinstating it by a renewal revives neither. */
    @Test
    void revokingAChannelEndsItsPreviousKeyTooAndAReinstatementRevivesNone() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String second = renew(c.code());
        assertThat(files(s, c.key())).isEqualTo(201);
        assertThat(api.call(HttpMethod.DELETE, "/api/channels/" + c.code(), "admin", null).status()).isEqualTo(204);
        assertThat(files(s, c.key())).isEqualTo(401);
        assertThat(files(s, second)).isEqualTo(401);
        String third = renew(c.code());
        assertThat(files(s, c.key())).isEqualTo(401);
        assertThat(files(s, second)).as("revoked before the renewal: no grace").isEqualTo(401);
        assertThat(files(s, third)).isEqualTo(201);
    }

    /** DELETE /api/channels/{code}/previous-key (ADMIN): the old key stops before its grace ends. */
    @Test
    void adminEndsThePreviousKeyBeforeItsGraceEndsAndNoOneElseMay() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String second = renew(c.code());
        String path = "/api/channels/" + c.code() + "/previous-key";
        for (String user : List.of("staff1", "dispatch", "leader", "finance", "admin")) {
            assertThat(api.call(HttpMethod.DELETE, "/api/channels/NO_SUCH_CHANNEL/previous-key", user, null).status())
                    .as(user).isEqualTo(404);
        }
        for (String user : List.of("staff1", "dispatch", "leader", "finance")) {
            Api.Response refused = api.call(HttpMethod.DELETE, path, user, null);
            assertThat(refused.status()).as(user + " " + refused.text()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.call(HttpMethod.DELETE, path, null, null).status()).isEqualTo(401);
        assertThat(s.call(HttpMethod.DELETE, path, second, null).status()).as("a key ends no key").isEqualTo(403);
        assertThat(api.call(HttpMethod.DELETE, path, "admin", "garbage").firstFault().get("field").asText())
                .isEqualTo("body");
        assertThat(files(s, c.key())).as("nothing refused changed anything").isEqualTo(201);

        assertThat(api.call(HttpMethod.DELETE, path, "admin", null).status()).isEqualTo(204);
        assertThat(files(s, c.key())).isEqualTo(401);
        assertThat(files(s, second)).isEqualTo(201);
        assertThat(api.call(HttpMethod.DELETE, path, "admin", null).status()).as("none left: 204 still").isEqualTo(204);
    }

    private String renew(String code) {
        Api.Response renewed = api.post("/api/channels/" + code + "/key", "admin", null);
        assertThat(renewed.status()).as(renewed.text()).isEqualTo(201);
        return renewed.json().get("key").asText();
    }

    private int files(ChannelTestSupport s, String key) {
        return s.file(key, ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status();
    }

    // --- PATCH /api/channels/{code}: the callback URL

    @Test
    void adminChangesOrRemovesTheCallbackUrlCheckedAsAtCreation() {
        ChannelTestSupport.Created c = channels().channel("https://old.example.gov.cn/cb");
        String path = "/api/channels/" + c.code();
        Api.Response changed = api.call(HttpMethod.PATCH, path.toLowerCase(java.util.Locale.ROOT), "admin",
                Map.of("callbackUrl", " HTTPS://new.example.gov.cn/cb "));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().get("code").asText()).isEqualTo(c.code());
        assertThat(changed.json().get("callbackUrl").asText()).isEqualTo("https://new.example.gov.cn/cb");
        assertThat(find(api.get("/api/channels?size=200", "admin").json().get("items"), c.code()).get("callbackUrl")
                .asText()).isEqualTo("https://new.example.gov.cn/cb");

        // each refused 400 naming the field, and nothing changes
        for (Object bad : List.of(Map.of("callbackUrl", "ftp://example.gov.cn/x"),
                Map.of("callbackUrl", "https://user:pw@example.gov.cn/x"),
                Map.of("callbackUrl", "https://example.gov.cn/" + "x".repeat(2000)), Map.of())) {
            Api.Response r = api.call(HttpMethod.PATCH, path, "admin", bad);
            assertThat(r.status()).as(r.text()).isEqualTo(400);
            assertThat(r.firstFault().get("field").asText()).as(bad.toString()).isEqualTo("callbackUrl");
        }
        assertThat(api.call(HttpMethod.PATCH, path, "admin", Map.of("callbackUrl", "https://x.example.gov.cn/",
                "name", "x")).firstFault().get("field").asText()).as("a field it does not take").isEqualTo("name");
        assertThat(api.call(HttpMethod.PATCH, path, "admin", "garbage").firstFault().get("field").asText())
                .isEqualTo("body");
        assertThat(find(api.get("/api/channels?size=200", "admin").json().get("items"), c.code()).get("callbackUrl")
                .asText()).isEqualTo("https://new.example.gov.cn/cb");

        // null or blank: no callbacks, as a channel created without one
        Api.Response removed = api.call(HttpMethod.PATCH, path, "admin", "{\"callbackUrl\": null}");
        assertThat(removed.status()).as(removed.text()).isEqualTo(200);
        assertThat(removed.json().get("callbackUrl").isNull()).isTrue();
        api.call(HttpMethod.PATCH, path, "admin", Map.of("callbackUrl", "https://new.example.gov.cn/cb"));
        assertThat(api.call(HttpMethod.PATCH, path, "admin", Map.of("callbackUrl", " ")).json().get("callbackUrl")
                .isNull()).isTrue();
    }

    /** API.md's order: 401, an unknown code 404 for every role, 403 for all but ADMIN, then the body's 400. */
    @Test
    void onlyAdminChangesACallbackUrl() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel("https://old.example.gov.cn/cb");
        Map<String, String> body = Map.of("callbackUrl", "https://evil.example.com/cb");
        for (String user : List.of("staff1", "dispatch", "leader", "finance", "admin")) {
            assertThat(api.call(HttpMethod.PATCH, "/api/channels/NO_SUCH_CHANNEL", user, body).status()).as(user)
                    .isEqualTo(404);
        }
        for (String user : List.of("staff1", "dispatch", "leader", "finance")) {
            Api.Response refused = api.call(HttpMethod.PATCH, "/api/channels/" + c.code(), user, body);
            assertThat(refused.status()).as(user + " " + refused.text()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(api.call(HttpMethod.PATCH, "/api/channels/" + c.code(), user, "garbage").status()).as(user)
                    .isEqualTo(403);
        }
        assertThat(api.call(HttpMethod.PATCH, "/api/channels/" + c.code(), null, body).status()).isEqualTo(401);
        assertThat(s.call(HttpMethod.PATCH, "/api/channels/" + c.code(), c.key(), body).status()).isEqualTo(403);
        assertThat(find(api.get("/api/channels?size=200", "admin").json().get("items"), c.code()).get("callbackUrl")
                .asText()).isEqualTo("https://old.example.gov.cn/cb");
    }

    // --- /api/intake: what

    @Test
    void aKnownCategoryIsRoutedToItsDepartmentAndTheSourceIsTheChannel() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String code = api.enterprise();
        JsonNode t = s.filed(c.key(), ChannelTestSupport.problem(code, "CONTAINER"));
        assertThat(t.get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(t.get("leadDepartment").asText()).isEqualTo("TRANSPORT");
        assertThat(t.get("source").asText()).isEqualTo(c.code());
        assertThat(t.get("category").asText()).isEqualTo("CONTAINER");
        assertThat(t.get("visitId").isNull()).isTrue();
        assertThat(t.get("allowedActions")).isEmpty();
        // the moment sent, written with its milliseconds as every moment is (API.md "General")
        assertThat(java.time.OffsetDateTime.parse(t.get("reportedAt").asText()))
                .isEqualTo(java.time.OffsetDateTime.parse(ChannelTestSupport.REPORTED_AT));
        // the department sees and acts on it as on any other
        JsonNode signed = api.act(t.get("id").asText(), "sign", "transport", null);
        assertThat(signed.get("status").asText()).isEqualTo("IN_PROGRESS");
        JsonNode history = api.get("/api/tickets/" + t.get("id").asText() + "/history", "leader").json();
        assertThat(history.get(0).get("actor").asText()).isEqualTo("channel:" + c.code());
        assertThat(history.get(1).get("action").asText()).isEqualTo("route");
    }

    /** The intake's answer, 201 and 200, names the lead department as the read-back and the callbacks do. */
    @Test
    void theIntakesAnswerNamesTheLeadDepartmentAsTheReadBackDoes() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        Map<String, Object> problem = ChannelTestSupport.problem(api.enterprise(), "CONTAINER");
        JsonNode created = s.filed(c.key(), problem);
        assertThat(created.get("leadDepartment").asText()).isEqualTo("TRANSPORT");
        assertThat(created.path("leadDepartmentLabel").asText()).as(created.toString()).isEqualTo("交通运输局（港航）");
        JsonNode read = s.call(HttpMethod.GET, "/api/intake/" + problem.get("externalId"), c.key(), null).json();
        assertThat(created.get("leadDepartmentLabel")).isEqualTo(read.get("leadDepartmentLabel"));
        Api.Response again = s.file(c.key(), problem);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("leadDepartmentLabel").asText()).isEqualTo("交通运输局（港航）");

        JsonNode dispatching = s.filed(c.key(), ChannelTestSupport.problem(api.enterprise(), null));
        assertThat(dispatching.has("leadDepartmentLabel")).as("the key is there, null: none leads it yet").isTrue();
        assertThat(dispatching.get("leadDepartmentLabel").isNull()).isTrue();
    }

    @Test
    void anUnknownOrMissingCategoryGoesToDispatching() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String code = api.enterprise();
        JsonNode unknown = s.filed(c.key(), ChannelTestSupport.problem(code, "城市管理"));
        assertThat(unknown.get("status").asText()).isEqualTo("DISPATCHING");
        assertThat(unknown.get("category").asText()).isEqualTo("OTHER");
        JsonNode missing = s.filed(c.key(), ChannelTestSupport.problem(code, null));
        assertThat(missing.get("status").asText()).isEqualTo("DISPATCHING");
        assertThat(missing.get("leadDepartment").isNull()).isTrue();
    }

    /**
     * The 12345 hotline's walkthrough: {@code catgory} and {@code urgncy} were passed over, and an urgent problem was
     * filed as OTHER and NORMAL, to the office, nobody told. A field nearly one of the intake's (two letters off, or
     * the same letters in another case) is refused naming it and the field meant, and nothing is filed; a field of the
     * channel's own, unlike any of ours, is still passed over.
     */
    @Test
    void aMisspeltFieldIsRefusedNamingTheFieldMeantAndNothingIsFiled() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String code = api.enterprise();

        Map<String, Object> typos = ChannelTestSupport.problem(code, null);
        typos.put("catgory", "FINANCING");
        typos.remove("urgency");
        typos.put("urgncy", "URGENT");
        Api.Response r = s.file(c.key(), typos);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactly("catgory", "urgncy");
        assertThat(r.json().get("errors").findValuesAsText("message")).containsExactly(
                "「catgory」不是这个请求的字段，是否应为「category」？", "「urgncy」不是这个请求的字段，是否应为「urgency」？");
        assertThat(status(s, c, typos).status()).as("nothing filed").isEqualTo(404);

        Map<String, Object> capital = ChannelTestSupport.problem(code, "FINANCING");
        capital.put("Urgency", capital.remove("urgency"));
        Api.Response capitalR = api.perform(MockMvcRequestBuilders.post("/api/intake")
                .header("X-Channel-Key", c.key()).header("Accept-Language", "en")
                .contentType(MediaType.APPLICATION_JSON).content(api.write(capital)), null);
        assertThat(capitalR.status()).as(capitalR.text()).isEqualTo(400);
        assertThat(capitalR.json().get("errors").findValuesAsText("field")).containsExactly("Urgency");
        assertThat(capitalR.json().get("errors").findValuesAsText("message"))
                .containsExactly("'Urgency' is not a field of this request; did you mean 'urgency'?");
        assertThat(status(s, c, capital).status()).as("nothing filed").isEqualTo(404);

        Map<String, Object> ownField = ChannelTestSupport.problem(code, "FINANCING");
        ownField.put("hotlineAgent", "工号 1024");
        JsonNode filed = s.filed(c.key(), ownField);
        assertThat(filed.get("category").asText()).isEqualTo("FINANCING");
    }

    /**
     * A value no urgency has was named alone, before the intake's own checks ran: a 400 names every field at fault
     * (API.md), so the blank title and the missing credit code come in the same answer; nothing is filed.
     */
    @Test
    void anUnknownUrgencyIsNamedWithTheBodysOtherFaults() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        Api.Response r = s.file(c.key(), Map.of("externalId", "EXT-" + UUID.randomUUID(), "title", "",
                "urgency", "VERY", "catgory", "FINANCING"));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("errors").findValuesAsText("field"))
                .containsExactly("catgory", "urgency", "enterpriseCreditCode", "title");
    }

    /**
     * An urgency in lower or mixed case is read as the category is (in any ASCII case) and filed in capitals; a value
     * no case makes an urgency is still 400 naming the field, with the values it may hold.
     */
    @Test
    void anUrgencyInAnyCaseIsFiledInCapitals() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String code = api.enterprise();
        for (String sent : List.of("urgent", "Urgent")) {
            Map<String, Object> body = ChannelTestSupport.problem(code, "container");
            body.put("urgency", sent);
            JsonNode filed = s.filed(c.key(), body);
            assertThat(filed.get("urgency").asText()).as(sent).isEqualTo("URGENT");
            assertThat(filed.get("category").asText()).isEqualTo("CONTAINER");
        }
        Map<String, Object> unknown = ChannelTestSupport.problem(code, "CONTAINER");
        unknown.put("urgency", "urgentissimo");
        Api.Response r = s.file(c.key(), unknown);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.firstFault().get("field").asText()).isEqualTo("urgency");
        assertThat(r.firstFault().get("message").asText()).contains("URGENT");
    }

    private static Api.Response status(ChannelTestSupport s, ChannelTestSupport.Created c, Map<String, Object> body) {
        return s.call(HttpMethod.GET, "/api/intake/" + body.get("externalId"), c.key(), null);
    }

    /** A channel's system may not write the catalog's codes in upper case: the category is known all the same. */
    @Test
    void aKnownCategoryInAnyCaseOrWithSpacesIsFiledAsTheCatalogsCode() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String code = api.enterprise();
        for (String sent : List.of("container", " Container ", "cOnTaInEr")) {
            JsonNode t = s.filed(c.key(), ChannelTestSupport.problem(code, sent));
            assertThat(t.get("category").asText()).as(sent).isEqualTo("CONTAINER");
            assertThat(t.get("status").asText()).as(sent).isEqualTo("ASSIGNED");
            assertThat(t.get("leadDepartment").asText()).as(sent).isEqualTo("TRANSPORT");
        }
        JsonNode unknown = s.filed(c.key(), ChannelTestSupport.problem(code, "containers"));
        assertThat(unknown.get("category").asText()).isEqualTo("OTHER");
        assertThat(unknown.get("status").asText()).isEqualTo("DISPATCHING");
    }

    /**
     * What an operator types or pastes into a channel's system, taken as meant: a category in a Chinese input method's
     * full-width letters is the catalog's code; an external id pasted with zero-width and no-break spaces around it is
     * the id without them (sent again bare, the same ticket; asked for bare, found), but its full-width letters are its
     * own, ＥＸＴ another id than EXT; a key pasted with a no-break space after it opens the channel.
     */
    @Test
    void aCategoryTypedInFullWidthAndAnExternalIdAndAKeyPastedWithSpacesAreTakenAsMeant() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String code = api.enterprise();
        JsonNode typed = s.filed(c.key() + "\u00A0",
                ChannelTestSupport.problem(code, "\u00A0" + Api.fullWidth("container") + "\u3000"));
        assertThat(typed.get("category").asText()).isEqualTo("CONTAINER");
        assertThat(typed.get("leadDepartment").asText()).isEqualTo("TRANSPORT");

        String externalId = "EXT-" + UUID.randomUUID();
        Map<String, Object> pasted = ChannelTestSupport.problem(code, "CONTAINER");
        pasted.put("externalId", "\u200B" + externalId + "\u00A0");
        String ticket = s.filed(c.key(), pasted).get("id").asText();
        Map<String, Object> again = ChannelTestSupport.problem(code, "CONTAINER");
        again.put("externalId", externalId);
        Api.Response repeated = s.file(c.key(), again);
        assertThat(repeated.status()).as(repeated.text()).isEqualTo(200);
        assertThat(repeated.json().get("id").asText()).isEqualTo(ticket);
        assertThat(s.call(HttpMethod.GET, "/api/intake/" + externalId, c.key(), null).json().get("ticketId").asText())
                .isEqualTo(ticket);

        Map<String, Object> wide = ChannelTestSupport.problem(code, "CONTAINER");
        wide.put("externalId", Api.fullWidth(externalId));
        Api.Response other = s.file(c.key(), wide);
        assertThat(other.status()).as(other.text()).isEqualTo(201);
        assertThat(other.json().get("id").asText()).isNotEqualTo(ticket);

        // one filed before ids were read so, its no-break space kept (as strip() left it): sent again so, its ticket
        String old = "OLD-" + UUID.randomUUID();
        Map<String, Object> first = ChannelTestSupport.problem(code, "CONTAINER");
        first.put("externalId", old);
        String oldTicket = s.filed(c.key(), first).get("id").asText();
        jdbc.sql("update channel_ticket set external_id = ? where external_id = ?").params(old + "\u00A0", old).update();
        Map<String, Object> resent = ChannelTestSupport.problem(code, "CONTAINER");
        resent.put("externalId", old + "\u00A0");
        Api.Response kept = s.file(c.key(), resent);
        assertThat(kept.status()).as(kept.text()).isEqualTo(200);
        assertThat(kept.json().get("id").asText()).isEqualTo(oldTicket);
        // and asked for so, or as filed now (without the space), found alike
        assertThat(s.call(HttpMethod.GET, "/api/intake/" + old + "\u00A0", c.key(), null).json().get("ticketId")
                .asText()).isEqualTo(oldTicket);
        Api.Response pastedAsked = s.call(HttpMethod.GET, "/api/intake/" + externalId + "\u00A0", c.key(), null);
        assertThat(pastedAsked.json().get("ticketId").asText()).as(pastedAsked.text()).isEqualTo(ticket);
    }

    /** A problem naming its enterprise by name instead of credit code (a 12345 caller seldom knows the code). */
    private static Map<String, Object> byName(String name) {
        Map<String, Object> problem = ChannelTestSupport.problem(null, "CONTAINER");
        problem.remove("enterpriseCreditCode");
        problem.put("enterpriseName", name);
        return problem;
    }

    /**
     * A name pasted from Word or WeChat (no-break and zero-width spaces at its ends) is measured and looked up alike,
     * without them, at the most characters a name has; a credit code typed in full-width is the code, and one of
     * nothing but such spaces is none, so the name decides.
     */
    @Test
    void aNamePastedWithNoBreakSpacesAndACodeTypedInFullWidthAreTakenAsMeant() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String prefix = "台州" + Api.creditCode().substring(10) + "粘贴有限公司";
        String name = prefix + "长".repeat(EnterpriseForm.NAME_MAX - prefix.length());
        String code = api.enterprise(name, "温岭测试镇");

        Map<String, Object> pasted = byName("\u00A0\u200B" + name + "\u00A0\uFEFF");
        pasted.put("enterpriseCreditCode", "\u00A0");
        Api.Response byName = s.file(c.key(), pasted);
        assertThat(byName.status()).as(byName.text()).isEqualTo(201);
        assertThat(byName.json().get("enterpriseCreditCode").asText()).isEqualTo(code);
        assertThat(byName.json().get("enterpriseName").asText()).isEqualTo(name);

        Map<String, Object> typed = ChannelTestSupport.problem("\u3000" + Api.fullWidth(code.toLowerCase()) + "\u00A0",
                "CONTAINER");
        Api.Response byCode = s.file(c.key(), typed);
        assertThat(byCode.status()).as(byCode.text()).isEqualTo(201);
        assertThat(byCode.json().get("enterpriseCreditCode").asText()).isEqualTo(code);
    }

    /**
     * Without a credit code, the enterprise on file of the name the caller gave is the problem's, when exactly one
     * has it: the brackets' width and spaces typed into it do not count; beside a credit code, the code decides.
     */
    @Test
    void aCallerWhoKnowsNoCreditCodeNamesTheEnterpriseWhichExactlyOneOnFileHas() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String words = Api.creditCode().substring(10);
        String name = "台州" + words + "（温岭）泵业有限公司";
        String code = api.enterprise(name, "温岭测试镇");
        Map<String, Object> problem = byName(" " + name + " ");
        JsonNode t = s.filed(c.key(), problem);
        assertThat(t.get("enterpriseCreditCode").asText()).isEqualTo(code);
        assertThat(t.get("enterpriseName").asText()).isEqualTo(name);
        assertThat(t.get("status").asText()).isEqualTo("ASSIGNED");
        for (String typed : List.of("台州" + words + "(温岭)泵业有限公司", "台州" + words + " （温岭） 泵业有限公司",
                "台州" + words + "（温岭)泵业有限公司")) {
            assertThat(s.filed(c.key(), byName(typed)).get("enterpriseCreditCode").asText()).as(typed).isEqualTo(code);
        }
        Map<String, Object> blankCode = byName(name);
        blankCode.put("enterpriseCreditCode", " ");
        assertThat(s.filed(c.key(), blankCode).get("enterpriseCreditCode").asText()).isEqualTo(code);

        // the same external id again with the enterprise's credit code: the same enterprise, nothing differs
        Map<String, Object> withCode = new LinkedHashMap<>(problem);
        withCode.remove("enterpriseName");
        withCode.put("enterpriseCreditCode", code);
        Api.Response again = s.file(c.key(), withCode);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(t.get("id").asText());
        assertThat(api.get("/api/tickets/" + t.get("id").asText() + "/history", "leader").json()
                .findValuesAsText("action")).doesNotContain("comment");

        // beside a credit code the name is not used, even another enterprise's
        String other = api.enterprise();
        Map<String, Object> both = ChannelTestSupport.problem(other, "CONTAINER");
        both.put("enterpriseName", name);
        assertThat(s.filed(c.key(), both).get("enterpriseCreditCode").asText()).isEqualTo(other);
    }

    @Test
    void aNameThatNoneOrSeveralEnterprisesHaveIs400NamingItAndFilesNothing() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String words = Api.creditCode().substring(10);
        Api.Response none = s.file(c.key(), byName("台州" + words + "无此企业有限公司"));
        assertThat(none.status()).as(none.text()).isEqualTo(400);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.json().get("errors").findValuesAsText("field")).containsExactly("enterpriseName");
        assertThat(none.firstFault().get("message").asText()).startsWith("未找到该名称的企业").endsWith("请提供统一社会信用代码");

        // two files of one name, a third with half-width brackets: its exact name wins, else all three match
        String full = "台州" + words + "（重名）有限公司";
        String half = "台州" + words + "(重名)有限公司";
        List<String> twins = List.of(api.enterprise(full, "温岭测试镇"), api.enterprise(full, "温岭测试镇"));
        String third = api.enterprise(half, "温岭测试镇");
        Api.Response two = s.file(c.key(), byName(full));
        assertThat(two.json().get("errors").findValuesAsText("field")).as(two.text()).containsExactly("enterpriseName");
        assertThat(two.firstFault().get("message").asText()).isEqualTo("有 2 家企业同名，无法确定是哪一家；请提供统一社会信用代码");
        Api.Response three = s.file(c.key(), byName("台州" + words + " （重名） 有限公司"));
        assertThat(three.firstFault().get("message").asText()).as(three.text()).startsWith("有 3 家企业同名");
        Api.Response english = api.perform(MockMvcRequestBuilders.post("/api/intake").header("X-Channel-Key", c.key())
                .header("Accept-Language", "en").contentType(MediaType.APPLICATION_JSON)
                .content(api.write(byName(full))).accept(MediaType.APPLICATION_JSON), null);
        assertThat(english.firstFault().get("message").asText())
                .isEqualTo("2 enterprises on file have this name; send the credit code of the one meant");
        assertThat(s.filed(c.key(), byName(half)).get("enterpriseCreditCode").asText()).isEqualTo(third);

        // neither a credit code nor a name: the credit code is missing, as before names were taken
        Map<String, Object> neither = byName(" ");
        Api.Response missing = s.file(c.key(), neither);
        assertThat(missing.json().get("errors").findValuesAsText("field")).as(missing.text())
                .containsExactly("enterpriseCreditCode");
        assertThat(missing.firstFault().get("message").asText()).isEqualTo("不能为空");
        neither.remove("enterpriseName");
        assertThat(s.file(c.key(), neither).firstFault().get("field").asText()).isEqualTo("enterpriseCreditCode");
        for (String bad : List.of("台州\u0000泵业", "台".repeat(201))) {
            Api.Response r = s.file(c.key(), byName(bad));
            assertThat(r.json().get("errors").findValuesAsText("field")).as(r.text()).containsExactly("enterpriseName");
        }
        assertThat(jdbc.sql("select count(*) from ticket where enterprise_credit_code in (?, ?)")
                .params(twins.get(0), twins.get(1)).query(Long.class).single()).as("nothing filed").isZero();
        assertThat(jdbc.sql("select count(*) from ticket where source = ?").param(c.code()).query(Long.class)
                .single()).as("only the one named exactly").isEqualTo(1);
    }

    /**
     * A text is at most so long as the intake keeps it, the spaces around it aside (API.md): a name of the most
     * characters padded with spaces names its enterprise, and so for the external id, the category and the title.
     */
    @Test
    void aTextOfTheMostCharactersWithSpacesAroundItIsTakenAsTrimmed() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String words = Api.creditCode().substring(10);
        String prefix = "台州" + words + "泵业有限公司";
        String name = prefix + "长".repeat(EnterpriseForm.NAME_MAX - prefix.length());
        String code = api.enterprise(name, "温岭测试镇");
        String externalId = "EXT-" + "9".repeat(ChannelIntake.MAX_EXTERNAL_ID - 4);
        String title = "题".repeat(ChannelIntake.TEXT);
        Map<String, Object> problem = byName("  " + name + "\u3000");
        problem.put("externalId", " " + externalId + " ");
        problem.put("category", " " + "c".repeat(ChannelIntake.MAX_CATEGORY) + " ");
        problem.put("title", title + "  ");
        Api.Response r = s.file(c.key(), problem);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("enterpriseCreditCode").asText()).isEqualTo(code);
        assertThat(r.json().get("title").asText()).isEqualTo(title);
        assertThat(r.json().get("category").asText()).as("a category the catalog lacks").isEqualTo("OTHER");
        assertThat(s.call(HttpMethod.GET, "/api/intake/" + externalId, c.key(), null).json().get("ticketId").asText())
                .isEqualTo(r.json().get("id").asText());
        // one character more is too long still, and so is a control character among the spaces
        Map<String, Object> longer = byName(" " + name + "长 ");
        Api.Response tooLong = s.file(c.key(), longer);
        assertThat(tooLong.json().get("errors").findValuesAsText("field")).as(tooLong.text())
                .containsExactly("enterpriseName");
        assertThat(tooLong.firstFault().get("message").asText()).contains("200");
        Map<String, Object> control = byName(name);
        control.put("title", title.substring(1) + " \u0007");
        assertThat(s.file(c.key(), control).json().get("errors").findValuesAsText("field")).containsExactly("title");
    }

    @Test
    void aProblemFiledByNameIsItsTicketWhenSentAgainAfterANamesakeWasFiled() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String name = "台州" + Api.creditCode().substring(10) + "阀门有限公司";
        String code = api.enterprise(name, "温岭测试镇");
        Map<String, Object> problem = byName(name);
        JsonNode first = s.filed(c.key(), problem);
        assertThat(first.get("enterpriseCreditCode").asText()).isEqualTo(code);

        // an enterprise of the same name filed since: the name finds two now, but the call was filed before it was
        api.enterprise(name, "温岭测试镇");
        Api.Response again = s.file(c.key(), problem);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(api.get("/api/tickets/" + first.get("id").asText() + "/history", "leader").json()
                .findValuesAsText("action")).as("the same name: nothing differs").doesNotContain("comment");
        // a new problem by that name cannot tell the two apart
        Api.Response fresh = s.file(c.key(), byName(name));
        assertThat(fresh.status()).as(fresh.text()).isEqualTo(400);
        assertThat(fresh.firstFault().get("message").asText()).startsWith("有 2 家企业同名");
    }

    @Test
    void aRequestAtFaultElsewhereDoesNotSayWhetherItsNameIsOnFile() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        Map<String, Object> probe = byName("台州" + Api.creditCode().substring(10) + "无此企业有限公司");
        probe.put("title", " ");
        Api.Response refused = s.file(c.key(), probe);
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("title");
    }

    @Test
    void theSameExternalIdAgainIs200WithTheSameTicket() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String code = api.enterprise();
        Map<String, Object> problem = ChannelTestSupport.problem(code, "CONTAINER");
        JsonNode first = s.filed(c.key(), problem);
        Api.Response again = s.file(c.key(), problem);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(first.get("id").asText());
        // another channel's same external id is its own problem
        ChannelTestSupport.Created other = s.channel(null);
        JsonNode theirs = s.filed(other.key(), problem);
        assertThat(theirs.get("id").asText()).isNotEqualTo(first.get("id").asText());
        assertThat(jdbc.sql("select count(*) from ticket where enterprise_credit_code = ?").param(code)
                .query(Long.class).single()).isEqualTo(2);
    }

    /** API.md "Tickets": the keys a ticket has, which the intake's 201 and 200 keep. */
    static final List<String> TICKET_KEYS = List.of("id", "visitId", "enterpriseCreditCode", "enterpriseName", "town",
            "category", "title", "description", "urgency", "source", "status", "leadDepartment", "coDepartments",
            "reportedAt", "assignedAt", "signedAt", "repliedAt", "closedAt", "signDeadline", "replyDeadline", "overdue",
            "reopenCount", "returnCount", "escalationLevel", "satisfaction", "resolution", "allowedActions");

    /**
     * The answer to the same external id again is the ticket as it is now, as its channel may read it (a 12345
     * hotline may read it out to the caller): where it stands and its deadlines, never a co-department's opinion,
     * an extension's reason or a staff user name.
     */
    @Test
    void theSameExternalIdAgainAnswersTheTicketWithoutWhatTheDepartmentsWroteForThemselves() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        Map<String, Object> problem = ChannelTestSupport.problem(api.enterprise(), null);
        problem.remove("reportedAt"); // now: the reply deadline is ahead, so an extension may be asked
        JsonNode first = s.filed(c.key(), problem);
        assertThat(first.get("status").asText()).isEqualTo("DISPATCHING");
        String id = first.get("id").asText();
        api.act(id, "assign", "dispatch", Map.of("leadDepartment", "TRANSPORT", "coDepartments", List.of("COMMERCE"),
                "note", "交办备注：请商务局核实"));
        api.act(id, "sign", "transport", null);
        String opinion = "内部意见：该企业欠税，不宜支持";
        String reason = "内部原因：等待税务部门核查";
        JsonNode staffs = api.act(id, "contribute", "commerce", Map.of("opinion", opinion));
        assertThat(staffs.toString()).as("the staff's view has them").contains(opinion, "\"commerce\"");
        JsonNode asked = api.act(id, "extend", "transport", Map.of("workingDays", 3, "reason", reason));
        assertThat(asked.get("extensionRequest").get("reason").asText()).isEqualTo(reason);

        Api.Response again = s.file(c.key(), problem);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.text()).doesNotContain(opinion, reason, "交办备注", "\"commerce\"", "\"transport\"",
                "\"dispatch\"");
        JsonNode now = again.json();
        assertThat(now.has("contributions")).isFalse();
        assertThat(now.has("pendingContributions")).isFalse();
        assertThat(now.has("extensionRequest")).isFalse();
        // what the enterprise may know stays: where it stands, who handles it, by when
        assertThat(now.get("id").asText()).isEqualTo(id);
        assertThat(now.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(now.get("leadDepartment").asText()).isEqualTo("TRANSPORT");
        assertThat(now.get("replyDeadline").asText()).isEqualTo(asked.get("replyDeadline").asText());
        assertThat(now.get("signedAt").isNull()).isFalse();
        assertThat(now.get("allowedActions")).isEmpty();
        for (JsonNode answer : List.of(first, now)) {
            assertThat(TICKET_KEYS).as(answer.toString()).allMatch(answer::has);
        }
    }

    /**
     * A reportedAt within sanfu.earliest-date but further back than sanfu.channels.max-report-age (30 days) is 400
     * naming it: the reply clock runs from it, so a problem back-dated to 2000 would be overdue as it is filed and
     * counted against its department. Within the window it files.
     */
    @Test
    void aReportedAtFurtherBackThanTheWindowIs400NamingIt() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String code = api.enterprise();
        Map<String, Object> backDated = ChannelTestSupport.problem(code, "CONTAINER");
        backDated.put("reportedAt", "2000-01-03T10:00:00+08:00");
        Api.Response old = s.file(c.key(), backDated);
        assertThat(old.status()).as(old.text()).isEqualTo(400);
        assertThat(old.firstFault().get("field").asText()).isEqualTo("reportedAt");
        assertThat(old.firstFault().get("message").asText()).isEqualTo("不能早于 30 天前：渠道来件只受理近 30 天内反映的问题");
        assertThat(jdbc.sql("select count(*) from ticket where enterprise_credit_code = ?").param(code)
                .query(Long.class).single()).isZero();
        // by the service's clock and zone (which a test may move), a day inside the window
        backDated.put("reportedAt", OffsetDateTime.now(clock).minusDays(29).toString());
        Api.Response inTime = s.file(c.key(), backDated);
        assertThat(inTime.status()).as("29 days back: " + inTime.text()).isEqualTo(201);
    }

    /**
     * The window is for new problems: a channel that sends again, 31 days on, a request it filed in time (its answer
     * lost, say), with the reportedAt it was filed with, gets 200 and the same ticket, as API.md promises for the same
     * externalId; a new externalId with that reportedAt is a new problem reported too long ago, 400 naming it.
     */
    @Test
    void theSameExternalIdSentAgainAfterTheWindowIsItsTicketAndANewOneWithThatReportedAtIs400() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        Map<String, Object> problem = ChannelTestSupport.problem(api.enterprise(), "CONTAINER");
        String id = s.filed(c.key(), problem).get("id").asText();
        try {
            ChannelCallbackTests.move(Duration.ofDays(31));
            Api.Response again = s.file(c.key(), problem);
            assertThat(again.status()).as(again.text()).isEqualTo(200);
            assertThat(again.json().get("id").asText()).isEqualTo(id);

            Map<String, Object> anotherId = new LinkedHashMap<>(problem);
            anotherId.put("externalId", "EXT-" + UUID.randomUUID());
            Api.Response late = s.file(c.key(), anotherId);
            assertThat(late.status()).as(late.text()).isEqualTo(400);
            assertThat(late.firstFault().get("field").asText()).isEqualTo("reportedAt");
        } finally {
            ClockUtil.reset();
        }
    }

    @Test
    void badFieldsAre400NamingEachFieldInChineseAndFileNothing() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String code = api.enterprise();
        Map<String, Object> body = ChannelTestSupport.problem(Api.creditCode(), "CONTAINER");
        body.put("externalId", " ");
        body.put("reportedAt", "2999-01-01T00:00:00+08:00");
        body.put("title", "x".repeat(4001));
        Api.Response r = s.file(c.key(), body);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("errors").findValuesAsText("field"))
                .containsExactly("externalId", "enterpriseCreditCode", "reportedAt", "title");
        assertThat(r.json().get("errors").get(1).get("message").asText()).isEqualTo("没有使用此统一社会信用代码的企业");

        Map<String, Object> urgency = ChannelTestSupport.problem(code, "CONTAINER");
        urgency.put("urgency", "VERY");
        assertThat(s.file(c.key(), urgency).firstFault().get("field").asText()).isEqualTo("urgency");
        Map<String, Object> early = ChannelTestSupport.problem(code, "CONTAINER");
        early.put("reportedAt", "1999-12-31T10:00:00+08:00");
        assertThat(s.file(c.key(), early).firstFault().get("field").asText()).isEqualTo("reportedAt");
        Map<String, Object> garbled = ChannelTestSupport.problem(code, "CONTAINER");
        garbled.put("reportedAt", "yesterday");
        assertThat(s.file(c.key(), garbled).firstFault().get("field").asText()).isEqualTo("reportedAt");
        Map<String, Object> blank = ChannelTestSupport.problem(code, "CONTAINER");
        blank.put("title", "\u200B");
        assertThat(s.file(c.key(), blank).firstFault().get("field").asText()).isEqualTo("title");
        Map<String, Object> control = ChannelTestSupport.problem(code, "CONTAINER");
        control.put("description", "a\u0000b");
        assertThat(s.file(c.key(), control).firstFault().get("field").asText()).isEqualTo("description");
        Map<String, Object> numeric = ChannelTestSupport.problem(code, "CONTAINER");
        numeric.put("externalId", 42);
        assertThat(s.file(c.key(), numeric).firstFault().get("field").asText()).isEqualTo("externalId");
        assertThat(s.file(c.key(), "{\"title\":").firstFault().get("field").asText()).isEqualTo("body");
        assertThat(jdbc.sql("select count(*) from ticket where enterprise_credit_code = ?").param(code)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anExternalIdTheStatusUrlCannotNameIsRefusedAndAnyOtherIsLookedUp() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String code = api.enterprise();
        for (String unreachable : List.of("E/5", "a;b", "..", ".", "50%", "a\\b", " .. ")) {
            Map<String, Object> problem = ChannelTestSupport.problem(code, "CONTAINER");
            problem.put("externalId", unreachable);
            Api.Response refused = s.file(c.key(), problem);
            assertThat(refused.firstFault().get("field").asText()).as(unreachable).isEqualTo("externalId");
            assertThat(refused.firstFault().get("message").asText()).contains("查询进度");
        }
        // what a URL carries encoded, it can be looked up by: ? # spaces, Chinese, a dot inside
        String odd = "工单 12345?#A.b&c=d+" + UUID.randomUUID();
        Map<String, Object> problem = ChannelTestSupport.problem(code, "CONTAINER");
        problem.put("externalId", odd);
        String id = s.filed(c.key(), problem).get("id").asText();
        Api.Response found = api.perform(MockMvcRequestBuilders.get(URI.create("/api/intake/"
                + UriUtils.encodePathSegment(odd, StandardCharsets.UTF_8))).header("X-Channel-Key", c.key())
                .accept(MediaType.APPLICATION_JSON), null);
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        assertThat(found.json().get("ticketId").asText()).isEqualTo(id);
        assertThat(found.json().get("externalId").asText()).isEqualTo(odd);
    }

    @Test
    void aChannelReadsTheStatusOfItsOwnProblemsOnly() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String code = api.enterprise();
        Map<String, Object> problem = ChannelTestSupport.problem(code, "CONTAINER");
        JsonNode t = s.filed(c.key(), problem);
        String id = t.get("id").asText();
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", Map.of("resolution", "已协调船公司增加舱位", "outcome", "RESOLVED"));
        Api.Response r = s.call(HttpMethod.GET, "/api/intake/" + problem.get("externalId"), c.key(), null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("ticketId").asText()).isEqualTo(id);
        assertThat(r.json().get("status").asText()).isEqualTo("REPLIED");
        assertThat(r.json().get("resolution").asText()).isEqualTo("已协调船公司增加舱位");
        assertThat(r.json().get("satisfaction").isNull()).isTrue();
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        JsonNode closed = s.call(HttpMethod.GET, "/api/intake/" + problem.get("externalId"), c.key(), null).json();
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("satisfaction").asText()).isEqualTo("SATISFIED");

        ChannelTestSupport.Created other = s.channel(null);
        Api.Response theirs = s.call(HttpMethod.GET, "/api/intake/" + problem.get("externalId"), other.key(), null);
        assertThat(theirs.status()).as("another channel's external id").isEqualTo(404);
        assertThat(theirs.contentType()).startsWith("application/problem+json");
        assertThat(s.call(HttpMethod.GET, "/api/intake/NO-SUCH-ID", c.key(), null).status()).isEqualTo(404);
    }

    /** API.md: what GET /api/intake/{externalId} answers, the five keys and the addition's, nothing else. */
    static final List<String> STATUS_KEYS = List.of("externalId", "ticketId", "status", "resolution", "satisfaction",
            "leadDepartment", "leadDepartmentLabel", "replyDeadline", "feedbackDue", "outcome", "closedAt",
            "reopenCount");

    /**
     * A caller who phones the hotline again asks who has the case and by when: the status read back says which
     * department leads it, its name, the deadlines, the outcome, when it closed and how often it was reopened, as
     * the staff's view of the ticket has them, and no user name of the staff who acted on it.
     */
    @Test
    void theStatusSaysWhichDepartmentLeadsTheProblemAndByWhen() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        Map<String, Object> problem = ChannelTestSupport.problem(api.enterprise(), "CONTAINER");
        String id = s.filed(c.key(), problem).get("id").asText();
        String path = "/api/intake/" + problem.get("externalId");

        JsonNode assigned = s.call(HttpMethod.GET, path, c.key(), null).json();
        JsonNode staffs = api.get("/api/tickets/" + id, "leader").json();
        assertThat(assigned.fieldNames()).toIterable().as(assigned.toString()).containsExactlyElementsOf(STATUS_KEYS);
        assertThat(assigned.get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(assigned.get("leadDepartment").asText()).isEqualTo("TRANSPORT");
        assertThat(assigned.get("leadDepartmentLabel").asText()).isEqualTo("交通运输局（港航）");
        assertThat(assigned.get("replyDeadline").asText()).isEqualTo(staffs.get("replyDeadline").asText());
        assertThat(assigned.get("feedbackDue").isNull()).isTrue();
        assertThat(assigned.get("outcome").isNull()).isTrue();
        assertThat(assigned.get("closedAt").isNull()).isTrue();
        assertThat(assigned.get("reopenCount").asInt()).isZero();

        answer(id);
        Api.Response replied = s.call(HttpMethod.GET, path, c.key(), null);
        staffs = api.get("/api/tickets/" + id, "leader").json();
        assertThat(replied.json().get("outcome").asText()).isEqualTo("RESOLVED");
        assertThat(replied.json().get("feedbackDue").asText()).isEqualTo(staffs.get("feedbackDue").asText());
        assertThat(replied.text()).as("no staff user name").doesNotContain("\"transport\"", "\"staff1\"");

        api.act(id, "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED"));
        assertThat(s.call(HttpMethod.GET, path, c.key(), null).json().get("reopenCount").asInt()).isEqualTo(1);
        api.act(id, "reply", "transport", Map.of("resolution", "已加开航线", "outcome", "RESOLVED"));
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        JsonNode closed = s.call(HttpMethod.GET, path, c.key(), null).json();
        staffs = api.get("/api/tickets/" + id, "leader").json();
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("closedAt").asText()).isEqualTo(staffs.get("closedAt").asText());
        assertThat(closed.get("reopenCount").asInt()).isEqualTo(1);
        assertThat(closed.get("leadDepartment").asText()).isEqualTo("TRANSPORT");

        // at the task-force office: no department leads it yet, and the keys are there, null
        Map<String, Object> unrouted = ChannelTestSupport.problem(api.enterprise(), null);
        s.filed(c.key(), unrouted);
        JsonNode dispatching = s.call(HttpMethod.GET, "/api/intake/" + unrouted.get("externalId"), c.key(), null).json();
        assertThat(dispatching.fieldNames()).toIterable().containsExactlyElementsOf(STATUS_KEYS);
        assertThat(dispatching.get("status").asText()).isEqualTo("DISPATCHING");
        assertThat(dispatching.get("leadDepartment").isNull()).isTrue();
        assertThat(dispatching.get("leadDepartmentLabel").isNull()).isTrue();
    }

    @Test
    void theTicketPageShowsTheChannelsNameAsSource() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        JsonNode t = s.filed(c.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER"));
        String page = pages.get("/tickets/" + t.get("id").asText(), "leader").body();
        assertThat(page).contains(c.name());
    }

    @Test
    void aChannelAppearsInTheFiguresAsASourceByItsName() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        String enterprise = api.enterprise();
        s.filed(c.key(), ChannelTestSupport.problem(enterprise, "CONTAINER"));
        s.filed(c.key(), ChannelTestSupport.problem(enterprise, null));
        String day = ChannelTestSupport.REPORTED_AT.substring(0, 10);
        Api.Response summary = api.get("/api/stats/summary?from=" + day + "&to=" + day, "leader");
        assertThat(summary.status()).as(summary.text()).isEqualTo(200);
        JsonNode mine = null;
        for (JsonNode source : summary.json().get("bySource")) {
            if (source.get("key").asText().equals(c.code())) {
                mine = source;
            }
        }
        assertThat(mine).as("the channel's code among the sources: " + summary.text()).isNotNull();
        assertThat(mine.get("label").asText()).isEqualTo(c.name());
        assertThat(mine.get("total").asLong()).isEqualTo(2);
        assertThat(mine.get("open").asLong()).isEqualTo(2);
    }

    @Test
    void theSameExternalIdWithOtherWordsKeepsThemInTheHistoryOnceAndTheTicketAsFiled() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        Map<String, Object> problem = ChannelTestSupport.problem(api.enterprise(), "CONTAINER");
        String id = s.filed(c.key(), problem).get("id").asText();
        Api.Response same = s.file(c.key(), problem);
        assertThat(same.status()).isEqualTo(200);

        Map<String, Object> again = new LinkedHashMap<>(problem);
        again.put("title", "集装箱订舱困难，已影响交货");
        again.put("urgency", "URGENT");
        for (int i = 0; i < 2; i++) {
            Api.Response r = s.file(c.key(), again);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.json().get("id").asText()).isEqualTo(id);
            assertThat(r.json().get("title").asText()).as("the ticket as filed").isEqualTo("集装箱订舱困难");
            assertThat(r.json().get("urgency").asText()).isEqualTo("NORMAL");
        }
        s.file(c.key(), problem);
        List<JsonNode> notes = new java.util.ArrayList<>();
        api.get("/api/tickets/" + id + "/history", "leader").json().forEach(e -> {
            if (e.get("action").asText().equals("comment")) {
                notes.add(e);
            }
        });
        assertThat(notes).as("kept once, and nothing for the words as filed").hasSize(1);
        assertThat(notes.get(0).get("actor").asText()).isEqualTo("channel:" + c.code());
        assertThat(notes.get(0).get("detail").asText()).isEqualTo(
                "渠道再次来件，内容与原件不同（事项按原件办理）——标题：集装箱订舱困难，已影响交货；紧急程度：紧急");
        assertThat(pages.get("/tickets/" + id, "transport").body()).contains("标题：集装箱订舱困难，已影响交货");
    }

    // --- the caller's rating (回访) passed on by the channel

    /** A channel's problem, signed and answered by the transport department: waiting for feedback. */
    private String replied(ChannelTestSupport s, ChannelTestSupport.Created c, Map<String, Object> problem) {
        String id = s.filed(c.key(), problem).get("id").asText();
        answer(id);
        return id;
    }

    private void answer(String id) {
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", Map.of("resolution", "已协调船公司增加舱位", "outcome", "RESOLVED"));
    }

    private Api.Response rate(ChannelTestSupport s, String key, Object externalId, Object body) {
        return s.call(HttpMethod.POST, "/api/intake/" + externalId + "/feedback", key, body);
    }

    private static JsonNode last(JsonNode history, String action) {
        JsonNode found = null;
        for (JsonNode event : history) {
            if (event.get("action").asText().equals(action)) {
                found = event;
            }
        }
        assertThat(found).as("a " + action + " event in " + history).isNotNull();
        return found;
    }

    @Test
    void aChannelPassesOnItsCallersRatingsWhichReopenAndCloseTheTicketAsStaffsFeedbackWould() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        Map<String, Object> problem = ChannelTestSupport.problem(api.enterprise(), "CONTAINER");
        String id = replied(s, c, problem);

        Api.Response dissatisfied = rate(s, c.key(), problem.get("externalId"),
                Map.of("satisfaction", "DISSATISFIED", "comment", "仍订不到舱"));
        assertThat(dissatisfied.status()).as(dissatisfied.text()).isEqualTo(200);
        assertThat(dissatisfied.json().get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(dissatisfied.json().get("reopenCount").asInt()).isEqualTo(1);
        assertThat(api.act(id, "reply", "transport", Map.of("resolution", "已加开航线", "outcome", "RESOLVED"))
                .get("status").asText()).isEqualTo("REPLIED");

        Api.Response rated = rate(s, c.key(), problem.get("externalId"),
                Map.of("satisfaction", "SATISFIED", "comment", "来电人表示舱位已落实"));
        assertThat(rated.status()).as(rated.text()).isEqualTo(200);
        assertThat(rated.json().get("id").asText()).isEqualTo(id);
        assertThat(rated.json().get("status").asText()).isEqualTo("CLOSED");
        assertThat(rated.json().get("satisfaction").asText()).isEqualTo("SATISFIED");
        assertThat(rated.json().get("allowedActions")).isEmpty();
        JsonNode feedback = last(api.get("/api/tickets/" + id + "/history", "leader").json(), "feedback");
        assertThat(feedback.get("actor").asText()).isEqualTo("channel:" + c.code());
        assertThat(feedback.get("fromStatus").asText()).isEqualTo("REPLIED");
        assertThat(feedback.get("toStatus").asText()).isEqualTo("CLOSED");
        assertThat(feedback.get("detail").asText()).isEqualTo("SATISFIED；来电人表示舱位已落实");
        JsonNode read = s.call(HttpMethod.GET, "/api/intake/" + problem.get("externalId"), c.key(), null).json();
        assertThat(read.get("satisfaction").asText()).isEqualTo("SATISFIED");
        assertThat(pages.get("/tickets/" + id, "leader").body()).contains(c.name() + "（渠道）")
                .doesNotContain("channel:" + c.code());

        // the same rating sent again (its answer lost on the way) is answered as it was, and recorded once
        Api.Response resent = rate(s, c.key(), problem.get("externalId"),
                Map.of("satisfaction", "SATISFIED", "comment", "来电人表示舱位已落实"));
        assertThat(resent.status()).as(resent.text()).isEqualTo(200);
        assertThat(resent.json().get("status").asText()).isEqualTo("CLOSED");
        assertThat(api.get("/api/tickets/" + id + "/history", "leader").json().findValuesAsText("action")
                .stream().filter("feedback"::equals).count()).isEqualTo(2);

        Api.Response again = rate(s, c.key(), problem.get("externalId"), Map.of("satisfaction", "DISSATISFIED"));
        assertThat(again.status()).as("rated already: " + again.text()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/tickets/" + id, "leader").json().get("status").asText()).isEqualTo("CLOSED");
    }

    @Test
    void aRatingIsRefusedWhenTheTicketDoesNotWaitForOneOrTheIdOrBodyIsWrongAndChangesNothing() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        Map<String, Object> problem = ChannelTestSupport.problem(api.enterprise(), "CONTAINER");
        String id = s.filed(c.key(), problem).get("id").asText();
        Object externalId = problem.get("externalId");

        Api.Response early = rate(s, c.key(), externalId, Map.of("satisfaction", "SATISFIED"));
        assertThat(early.status()).as("not answered yet: " + early.text()).isEqualTo(409);
        assertThat(early.contentType()).startsWith("application/problem+json");

        answer(id);
        for (Object body : List.of(Map.of("satisfaction", "UNRATED"), Map.of("satisfaction", "GREAT"), Map.of(),
                Map.of("satisfaction", "SATISFIED", "comment", "坏\u0000字"))) {
            Api.Response bad = rate(s, c.key(), externalId, body);
            assertThat(bad.status()).as(body + ": " + bad.text()).isEqualTo(400);
            assertThat(bad.contentType()).startsWith("application/problem+json");
            assertThat(bad.json().get("errors").findValuesAsText("field"))
                    .containsExactly(((Map<?, ?>) body).containsKey("comment") ? "comment" : "satisfaction");
        }
        for (Object bad : List.of(Map.of("satisfaction", "GREAT"), "{", "", "{\"satisfaction\": 1, \"satisfaction\": 2}")) {
            Api.Response unknownAndBad = rate(s, c.key(), "NO-SUCH-ID", bad);
            assertThat(unknownAndBad.status()).as("404 before 400: " + bad + " " + unknownAndBad.text()).isEqualTo(404);
        }
        Api.Response unreadable = rate(s, c.key(), externalId, "{");
        assertThat(unreadable.status()).as(unreadable.text()).isEqualTo(400);
        assertThat(rate(s, c.key(), "NO-SUCH-ID", Map.of("satisfaction", "SATISFIED")).status()).isEqualTo(404);
        ChannelTestSupport.Created other = s.channel(null);
        Api.Response theirs = rate(s, other.key(), externalId, Map.of("satisfaction", "SATISFIED"));
        assertThat(theirs.status()).as("another channel's problem: " + theirs.text()).isEqualTo(404);
        Api.Response person = s.call(HttpMethod.POST, "/api/intake/" + externalId + "/feedback", null,
                Map.of("satisfaction", "SATISFIED"), "staff1");
        assertThat(person.status()).as("a person's sign-in: " + person.text()).isEqualTo(403);
        assertThat(rate(s, null, externalId, Map.of("satisfaction", "SATISFIED")).status()).isEqualTo(401);

        JsonNode after = api.get("/api/tickets/" + id, "leader").json();
        assertThat(after.get("status").asText()).isEqualTo("REPLIED");
        assertThat(after.get("satisfaction").isNull()).isTrue();
        assertThat(api.get("/api/tickets/" + id + "/history", "leader").json().toString()).doesNotContain("\"feedback\"");
    }

    @Test
    void theChannelsRatingVoidsAFeedbackLinkTheEnterpriseStillHolds() {
        ChannelTestSupport s = channels();
        ChannelTestSupport.Created c = s.channel(null);
        Map<String, Object> problem = ChannelTestSupport.problem(api.enterprise(), "CONTAINER");
        String id = replied(s, c, problem);
        Api.Response issued = api.post("/api/tickets/" + id + "/feedback-link", "staff1", Map.of());
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        assertThat(rate(s, c.key(), problem.get("externalId"), Map.of("satisfaction", "BASICALLY_SATISFIED"))
                .status()).isEqualTo(200);
        JsonNode voided = last(api.get("/api/tickets/" + id + "/history", "leader").json(), "feedback-link-voided");
        assertThat(voided.get("actor").asText()).isEqualTo("channel:" + c.code());
        assertThat(pages.get(issued.json().get("url").asText(), (String) null).status()).as("the link is dead")
                .isEqualTo(410);
    }

    static JsonNode find(JsonNode items, String code) {
        for (JsonNode item : items) {
            if (item.get("code").asText().equals(code)) {
                return item;
            }
        }
        throw new AssertionError("no channel " + code + " in " + items);
    }
}
