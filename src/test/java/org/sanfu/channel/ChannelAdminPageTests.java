package org.sanfu.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.MultiValueMap;

/**
 * The channels' part of /admin (ADMIN, docs/UI.md): create (the key and secret shown on that answer only),
 * list, revoke; forms with their CSRF token, faults in Chinese next to the field.
 */
@SanfuTest
class ChannelAdminPageTests {

    @Autowired
    Pages pages;
    @Autowired
    Api api;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    org.sanfu.web.When when;

    @Test
    void adminCreatesAChannelSeesItsKeyOnceAndRevokesIt() {
        String code = ChannelTestSupport.newCode();
        Pages.Answer created = pages.post("/admin/channels", "admin",
                Pages.form("code", code, "name", "浙里办", "callbackUrl", "https://zlb.example.gov.cn/cb"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String key = created.html().getElementById("channelKey").text();
        String secret = created.html().getElementById("channelSecret").text();
        assertThat(key).hasSizeGreaterThanOrEqualTo(43);
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        // shown once, far down the page: the top says so and links to it
        assertThat(created.html().select("#answerSummary").text()).startsWith("渠道 " + code + " 的密钥只显示这一次");
        assertThat(created.html().select("#toAnswer").attr("href")).isEqualTo("#createdChannel");
        ChannelTestSupport s = new ChannelTestSupport(api);
        assertThat(s.file(key, ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()).isEqualTo(201);

        Pages.Answer later = pages.get("/admin", "admin");
        assertThat(later.body()).doesNotContain(key).doesNotContain(secret);
        Element row = later.html().selectFirst("#channelList tr[data-channel=" + code + "]");
        assertThat(row).isNotNull();
        assertThat(row.text()).contains("浙里办").contains("https://zlb.example.gov.cn/cb");
        assertThat(row.selectFirst("td.status").text()).as("a live channel's state, in words").isEqualTo("已启用");
        Element revoke = row.selectFirst("form[data-form=revoke-channel]");
        assertThat(revoke.selectFirst("input[name=_csrf]")).isNotNull();

        Element renewForm = row.selectFirst("form[data-form=renew-channel-key]");
        MultiValueMap<String, String> renew = Pages.form("replaces", renewForm.selectFirst("input[name=replaces]").val());
        Pages.Answer renewed = pages.post(renewForm.attr("action"), "admin", renew);
        assertThat(renewed.status()).isEqualTo(200);
        String newKey = renewed.html().getElementById("channelKey").text();
        assertThat(newKey).isNotEqualTo(key);
        // the old key holds for sanfu.channels.previous-key-grace (24 h), and the answer says until when
        assertThat(s.file(key, ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()).isEqualTo(201);
        assertThat(renewed.html().getElementById("createdChannel").text())
                .containsPattern("旧密钥在 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 前仍可使用").contains("X-Sanfu-Signature-Previous");
        String oldKey = key;
        key = newKey;
        assertThat(s.file(key, ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()).isEqualTo(201);
        // that answer sent again (a refresh): no other key, the one just shown keeps working
        Pages.Answer again = pages.post(renewForm.attr("action"), "admin", renew);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.html().getElementById("channelRefused").text()).contains("这次没有再换发");
        assertThat(again.html().getElementById("channelKey")).isNull();
        assertThat(s.file(key, ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()).isEqualTo(201);

        Pages.Answer revoked = pages.post(revoke.attr("action"), "admin", Pages.form());
        assertThat(revoked.status()).isEqualTo(303);
        assertThat(s.file(key, ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()).isEqualTo(401);
        assertThat(s.file(oldKey, ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status())
                .as("revoking ends the previous key too").isEqualTo(401);
        Element after = pages.get("/admin", "admin").html().selectFirst("#channelList tr[data-channel=" + code + "]");
        assertThat(after.selectFirst("td.status").text()).matches("已吊销 （\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}）");
        assertThat(after.selectFirst("form[data-form=revoke-channel]")).isNull();

        // renewing a revoked channel's key brings it back: the button and the answer say so
        Element renewRevoked = after.selectFirst("form[data-form=renew-channel-key]");
        assertThat(renewRevoked.selectFirst("button").text()).isEqualTo("重新启用并换发密钥");
        Pages.Answer reinstated = pages.post(renewRevoked.attr("action"), "admin",
                Pages.form("replaces", renewRevoked.selectFirst("input[name=replaces]").val()));
        assertThat(reinstated.status()).isEqualTo(200);
        assertThat(reinstated.html().getElementById("createdChannel").text()).contains("已重新启用并换发新密钥");
        String liveAgain = reinstated.html().getElementById("channelKey").text();
        assertThat(s.file(liveAgain, ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()).isEqualTo(201);
        assertThat(s.file(key, ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()).isEqualTo(401);
        Element live = reinstated.html().selectFirst("#channelList tr[data-channel=" + code + "]");
        assertThat(live.selectFirst("td.status").text()).isEqualTo("已启用");
        assertThat(live.selectFirst("form[data-form=renew-channel-key] button").text()).isEqualTo("换发密钥");
        // a live channel's renewal says only that
        assertThat(renewed.html().getElementById("createdChannel").text()).contains("已换发新密钥")
                .doesNotContain("重新启用");
    }

    @Test
    void aRefreshOfTheAnswerThatShowedTheKeySaysThatFormCreatedTheChannelAndRenewsNothing() {
        String code = ChannelTestSupport.newCode();
        String submission = pages.get("/admin", "admin").html().selectFirst("#newChannel input[name=submission]").val();
        assertThat(submission).isNotBlank();
        MultiValueMap<String, String> form = Pages.form("code", code, "name", "好差评", "submission", submission);
        Pages.Answer created = pages.post("/admin/channels", "admin", form);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String key = created.html().getElementById("channelKey").text();

        // the browser's refresh sends that form again
        Pages.Answer refreshed = pages.post("/admin/channels", "admin", form);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.html().getElementById("channelCreatedBefore").text())
                .startsWith("渠道 " + code + " 已由这张表单创建").contains("只显示那一次").contains("换发密钥");
        assertThat(refreshed.html().select("#answerSummary").text()).startsWith("渠道 " + code + " 已由这张表单创建过");
        assertThat(refreshed.html().select("#toAnswer").attr("href")).isEqualTo("#channelCreatedBefore");
        assertThat(refreshed.html().select("#newChannel [data-field=code]")).as("no 已存在").isEmpty();
        assertThat(refreshed.html().getElementById("channelKey")).isNull();
        assertThat(refreshed.body()).doesNotContain(key);
        ChannelTestSupport s = new ChannelTestSupport(api);
        assertThat(s.file(key, ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status())
                .as("the key shown then still works").isEqualTo(201);

        // a new form (the answer's own, a key of its own) naming that code: 已存在, as before
        String another = created.html().selectFirst("#newChannel input[name=submission]").val();
        assertThat(another).isNotEqualTo(submission);
        Pages.Answer taken = pages.post("/admin/channels", "admin",
                Pages.form("code", code, "name", "好差评", "submission", another));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.html().selectFirst("#newChannel [data-field=code]").text()).contains("已存在");
        assertThat(taken.html().getElementById("channelCreatedBefore")).isNull();
        // that form changed after going back (another code) is not done, and says so: its edits are not
        // dropped unsaid, and come back as typed in a form of its own key, which creates that channel
        String otherCode = ChannelTestSupport.newCode();
        Pages.Answer edited = pages.post("/admin/channels", "admin",
                Pages.form("code", otherCode, "name", "好差评热线", "submission", submission));
        assertThat(edited.status()).isEqualTo(409);
        assertThat(edited.html().getElementById("channelCreatedBefore")).isNull();
        assertThat(edited.html().getElementById("channelKey")).isNull();
        assertThat(edited.html().selectFirst("#newChannel [data-field=code]").text()).startsWith("这张表单在您返回之前已经提交过");
        assertThat(edited.html().selectFirst("#newChannel input[name=code]").val()).isEqualTo(otherCode);
        assertThat(edited.html().selectFirst("#newChannel input[name=name]").val()).isEqualTo("好差评热线");
        assertThat(api.get("/api/channels?size=200", "admin").text()).doesNotContain(otherCode);
        String fresh = edited.html().selectFirst("#newChannel input[name=submission]").val();
        assertThat(fresh).isNotEqualTo(submission);
        Pages.Answer createdNow = pages.post("/admin/channels", "admin",
                Pages.form("code", otherCode, "name", "好差评热线", "submission", fresh));
        assertThat(createdNow.status()).isEqualTo(200);
        assertThat(createdNow.html().getElementById("channelKey")).isNotNull();
        // the form is the administrator's, not the session's: sent again from another browser it is the same
        Pages.Answer elsewhere = pages.post("/admin/channels", pages.freshSession("admin"), form);
        assertThat(elsewhere.status()).isEqualTo(200);
        assertThat(elsewhere.html().getElementById("channelCreatedBefore")).isNotNull();
        assertThat(elsewhere.html().getElementById("channelKey")).isNull();
    }

    /** As POST /api/channels: a code typed in lower case is created in capitals, which the answer and the list show. */
    @Test
    void aCodeTypedInLowerCaseIsCreatedInCapitals() {
        String code = ChannelTestSupport.newCode();
        String submission = pages.get("/admin", "admin").html().selectFirst("#newChannel input[name=submission]").val();
        MultiValueMap<String, String> form = Pages.form("code", code.toLowerCase(java.util.Locale.ROOT), "name",
                "12345热线", "submission", submission);
        Pages.Answer created = pages.post("/admin/channels", "admin", form);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.html().select("#answerSummary").text()).startsWith("渠道 " + code + " 的密钥只显示这一次");
        // the browser's refresh of that answer names the channel as filed, not as typed
        assertThat(pages.post("/admin/channels", "admin", form).html().getElementById("channelCreatedBefore").text())
                .startsWith("渠道 " + code + " 已由这张表单创建");
        assertThat(created.html().selectFirst("#channelList tr[data-channel=" + code + "]")).isNotNull();
        String key = created.html().getElementById("channelKey").text();
        assertThat(new ChannelTestSupport(api).filed(key, ChannelTestSupport.problem(api.enterprise(), "CONTAINER"))
                .get("source").asText()).isEqualTo(code);
    }

    /** As the API: the renew and revoke forms' code typed in lower case (a hand-made address) names the channel. */
    @Test
    void theRenewAndRevokeFormsTakeACodeInLowerCase() {
        ChannelTestSupport s = new ChannelTestSupport(api);
        ChannelTestSupport.Created c = s.channel(null);
        String lower = c.code().toLowerCase(java.util.Locale.ROOT);
        String replaces = pages.get("/admin", "admin").html()
                .selectFirst("#channelList tr[data-channel=" + c.code() + "] form[data-form=renew-channel-key]")
                .selectFirst("input[name=replaces]").val();
        Pages.Answer renewed = pages.post("/admin/channels/" + lower + "/key", "admin", Pages.form("replaces", replaces));
        assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
        String key = renewed.html().getElementById("channelKey").text();
        assertThat(s.file(c.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status())
                .as("the previous key, within its grace").isEqualTo(201);
        assertThat(s.file(key, ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()).isEqualTo(201);

        Pages.Answer revoked = pages.post("/admin/channels/" + lower + "/revoke", "admin", Pages.form());
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(303);
        assertThat(s.file(key, ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()).isEqualTo(401);
        assertThat(pages.get("/admin", "admin").html().select("#flash").text()).as("named as filed")
                .isEqualTo("已吊销渠道 " + c.code() + " 的密钥，即刻失效。");
    }

    @Test
    void faultsAreShownInChineseNextToTheField() {
        Pages.Answer bad = pages.post("/admin/channels", "admin", Pages.form("code", "hot-line", "name", "", "callbackUrl",
                "javascript:alert(1)"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.html().selectFirst("#newChannel [data-field=code]").text()).contains("字母、数字和下划线");
        assertThat(bad.html().selectFirst("#newChannel [data-field=name]").text()).isNotBlank();
        assertThat(bad.html().selectFirst("#newChannel [data-field=callbackUrl]").text()).contains("http");
        assertThat(bad.html().selectFirst("#channel-code").attr("value")).isEqualTo("hot-line");
        assertThat(bad.html().select("#answerSummary").text()).startsWith("未保存：新建渠道有 3 处需要修改。");
        assertThat(bad.html().select("#toAnswer").attr("href")).isEqualTo("#newChannel");

        String code = new ChannelTestSupport(api).channel(null).code();
        Pages.Answer taken = pages.post("/admin/channels", "admin", Pages.form("code", code, "name", "重复"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.html().selectFirst("#newChannel [data-field=code]").text()).contains("已存在");
    }

    @Test
    void onlyAdminAndOnlyWithTheTokenChangeChannels() {
        String code = ChannelTestSupport.newCode();
        assertThat(pages.postWithoutToken("/admin/channels", "admin", Pages.form("code", code, "name", "x")).status())
                .isEqualTo(403);
        for (String user : List.of("staff1", "dispatch", "leader", "finance")) {
            assertThat(pages.post("/admin/channels", user, Pages.form("code", code, "name", "x")).status()).as(user)
                    .isEqualTo(403);
        }
        ChannelTestSupport s = new ChannelTestSupport(api);
        ChannelTestSupport.Created existing = s.channel(null);
        for (String user : List.of("staff1", "dispatch", "leader", "finance")) {
            Pages.Answer renewed = pages.post("/admin/channels/" + existing.code() + "/key", user, Pages.form());
            assertThat(renewed.status()).as(user).isEqualTo(403);
            assertThat(renewed.html().getElementById("channelKey")).as(user).isNull();
            assertThat(pages.post("/admin/channels/" + existing.code() + "/revoke", user, Pages.form()).status()).as(user)
                    .isEqualTo(403);
        }
        // the key is the one it had: neither renewed nor revoked
        assertThat(s.file(existing.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status())
                .isEqualTo(201);
        assertThat(pages.post("/admin/channels/NO_SUCH_ONE/revoke", "admin", Pages.form()).status()).isEqualTo(404);
        assertThat(api.get("/api/channels?size=200", "admin").text()).doesNotContain(code);
    }

    /** The row's callback URL form, as PATCH /api/channels/{code}: changed, refused by its field, blanked. */
    @Test
    void adminChangesAChannelsCallbackUrlFromItsRow() {
        ChannelTestSupport.Created c = new ChannelTestSupport(api).channel("https://old.example.gov.cn/cb");
        Element form = pages.get("/admin", "admin").html()
                .selectFirst("#channelList tr[data-channel=" + c.code() + "] form[data-form=channel-callback]");
        assertThat(form.selectFirst("input[name=_csrf]")).isNotNull();
        assertThat(form.selectFirst("input[name=callbackUrl]").val()).isEqualTo("https://old.example.gov.cn/cb");

        Pages.Answer changed = pages.post(form.attr("action"), "admin",
                Pages.form("callbackUrl", " https://new.example.gov.cn/cb "));
        assertThat(changed.status()).as(changed.body()).isEqualTo(303);
        Pages.Answer after = pages.get("/admin", "admin");
        assertThat(after.html().select("#flash").text()).isEqualTo("渠道 " + c.code()
                + " 的回调地址已改为 https://new.example.gov.cn/cb，尚未送达的回调自下次尝试起推送到这个地址。");
        assertThat(after.html().selectFirst("#channelList tr[data-channel=" + c.code() + "] td.url").text())
                .isEqualTo("https://new.example.gov.cn/cb");

        // a bad URL: 400, said by the row's field with the URL as typed, the one on file kept
        Pages.Answer bad = pages.post(form.attr("action"), "admin", Pages.form("callbackUrl", "javascript:alert(1)"));
        assertThat(bad.status()).isEqualTo(400);
        Element row = bad.html().selectFirst("#channelList tr[data-channel=" + c.code() + "]");
        assertThat(row.selectFirst("form[data-form=channel-callback] [data-field=callbackUrl]").text())
                .startsWith("应为 http 或 https 地址");
        assertThat(row.selectFirst("form[data-form=channel-callback] input[name=callbackUrl]").val())
                .isEqualTo("javascript:alert(1)");
        assertThat(row.selectFirst("td.url").text()).isEqualTo("https://new.example.gov.cn/cb");
        assertThat(bad.html().select("#answerSummary").text())
                .startsWith("未保存：修改回调地址（" + c.code() + "）有 1 处需要修改。");
        assertThat(bad.html().select("#toAnswer").attr("href")).isEqualTo("#callback-" + c.code());
        assertThat(bad.html().getElementById("callback-" + c.code())).isNotNull();
        // a form without the field at all is refused as the API refuses {}, not taken for blank
        assertThat(pages.post(form.attr("action"), "admin", Pages.form()).status()).isEqualTo(400);

        assertThat(pages.post(form.attr("action"), "admin", Pages.form("callbackUrl", "")).status()).isEqualTo(303);
        Pages.Answer removed = pages.get("/admin", "admin");
        assertThat(removed.html().select("#flash").text()).isEqualTo("渠道 " + c.code() + " 的回调地址已清除，此后不再推送回调。");
        assertThat(removed.html().selectFirst("#channelList tr[data-channel=" + c.code() + "] td.url").text())
                .isEqualTo("（无）");
        assertThat(pages.post("/admin/channels/NO_SUCH_ONE/callback-url", "admin",
                Pages.form("callbackUrl", "https://x.example.gov.cn/cb")).status()).isEqualTo(404);
        for (String user : List.of("staff1", "dispatch", "leader", "finance")) {
            assertThat(pages.post(form.attr("action"), user, Pages.form("callbackUrl", "https://evil.example/cb"))
                    .status()).as(user).isEqualTo(403);
        }
        assertThat(pages.postWithoutToken(form.attr("action"), "admin",
                Pages.form("callbackUrl", "https://evil.example/cb")).status()).isEqualTo(403);
        assertThat(api.get("/api/channels?size=200", "admin").text()).doesNotContain("evil.example");
    }

    /**
     * The row's 旧密钥即刻失效, as DELETE /api/channels/{code}/previous-key: there only while a renewal's replaced key
     * is within its grace, saying until when; it ends that key at once.
     */
    @Test
    void adminEndsAChannelsPreviousKeyFromItsRowWhileItHolds() {
        ChannelTestSupport s = new ChannelTestSupport(api);
        ChannelTestSupport.Created c = s.channel(null);
        String row = "#channelList tr[data-channel=" + c.code() + "]";
        assertThat(pages.get("/admin", "admin").html().select(row + " form[data-form=end-previous-key]"))
                .as("no renewal yet").isEmpty();
        Api.Response renewed = api.post("/api/channels/" + c.code() + "/key", "admin", null);
        assertThat(renewed.status()).isEqualTo(201);
        String newKey = renewed.json().get("key").asText();
        java.time.Instant until = jdbcUntil(c.code());

        Element form = pages.get("/admin", "admin").html().selectFirst(row + " form[data-form=end-previous-key]");
        assertThat(form).isNotNull();
        assertThat(form.selectFirst("input[name=_csrf]")).isNotNull();
        assertThat(form.selectFirst(".previous-key-until").text()).isEqualTo("旧密钥在 " + when.of(until) + " 前仍可使用");
        for (String user : List.of("staff1", "dispatch", "leader", "finance")) {
            assertThat(pages.post(form.attr("action"), user, Pages.form()).status()).as(user).isEqualTo(403);
        }
        assertThat(pages.postWithoutToken(form.attr("action"), "admin", Pages.form()).status()).isEqualTo(403);
        assertThat(s.file(c.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status())
                .as("nothing refused ended it").isEqualTo(201);

        Pages.Answer ended = pages.post(form.attr("action"), "admin", Pages.form());
        assertThat(ended.status()).as(ended.body()).isEqualTo(303);
        assertThat(s.file(c.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()).isEqualTo(401);
        assertThat(s.file(newKey, ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()).isEqualTo(201);
        Pages.Answer after = pages.get("/admin", "admin");
        assertThat(after.html().select("#flash").text()).startsWith("渠道 " + c.code() + " 换发前的旧密钥即刻失效");
        assertThat(after.html().select(row + " form[data-form=end-previous-key]")).as("none left").isEmpty();
        // a second submit (the form sent twice, or kept open past the grace): nothing was held, and /admin says so
        assertThat(pages.post(form.attr("action"), "admin", Pages.form()).status()).isEqualTo(303);
        assertThat(pages.get("/admin", "admin").html().select("#flash").text())
                .isEqualTo("渠道 " + c.code() + " 没有仍在宽限期内的旧密钥，无需结束：只有现行密钥有效。");
        assertThat(pages.post("/admin/channels/NO_SUCH_ONE/previous-key/revoke", "admin", Pages.form()).status())
                .isEqualTo(404);
    }

    private java.time.Instant jdbcUntil(String code) {
        return jdbc.sql("select previous_until from channel where code = ?").param(code)
                .query((rs, n) -> org.sanfu.Sql.instant(rs, "previous_until")).single();
    }
}
