package org.sanfu.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.LostRace;
import org.sanfu.SanfuTest;
import org.sanfu.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * {@code POST /api/enterprises}, {@code GET /api/enterprises} and the profile
 * {@code GET /api/enterprises/{creditCode}} (API.md "Enterprises"). Every test files its own
 * enterprises under random credit codes and a random town, and looks only at those.
 */
@SanfuTest
class EnterpriseWebTests {

    @Autowired
    Api api;
    @Autowired
    LostRace race;
    @Autowired
    EnterpriseService enterprises;

    // --- helpers -------------------------------------------------------------------------------

    /** A token no other test uses, to put into names and towns. */
    private static String token() {
        return Api.creditCode().substring(8, 16);
    }

    private static Map<String, Object> form(String code, String name, String town, boolean key) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("creditCode", code);
        form.put("name", name);
        form.put("town", town);
        form.put("industry", "泵业");
        form.put("exporter", true);
        form.put("key", key);
        form.put("specialist", "staff1");
        return form;
    }

    private String create(String name, String town, boolean key) {
        String code = Api.creditCode();
        Api.Response r = api.post("/api/enterprises", "staff1", form(code, name, town, key));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return code;
    }

    /** A code of the right shape whose check character is wrong. */
    private static String withWrongCheckCharacter(String code) {
        char last = code.charAt(17);
        char other = Api.CODE_ALPHABET.charAt((Api.CODE_ALPHABET.indexOf(last) + 1) % Api.CODE_ALPHABET.length());
        return code.substring(0, 17) + other;
    }

    private static List<String> codes(Api.Response list) {
        return list.json().get("items").findValuesAsText("creditCode");
    }

    static void assertProblem(Api.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).as("content type of " + r.text()).startsWith("application/problem+json");
        JsonNode body = r.json();
        assertThat(body).as(r.text()).isNotNull();
        assertThat(body.path("type").asText()).isNotBlank();
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("detail").asText()).isNotBlank();
        assertThat(r.text()).doesNotContain("Exception", "\tat ", "at org.", "at java.", "\"trace\"");
    }

    static void assertFieldErrors(Api.Response r, String... fields) {
        assertProblem(r, 400);
        List<String> named = r.json().path("errors").findValuesAsText("field");
        assertThat(named).as(r.text()).contains(fields);
        r.json().path("errors").forEach(e -> assertThat(e.path("message").asText()).isNotBlank());
    }

    // --- POST /api/enterprises -----------------------------------------------------------------

    @Test
    void staffFilesAnEnterpriseAndGetsItBackWithItsChineseTextUnchanged() {
        String code = Api.creditCode();
        Map<String, Object> form = form(code, "台州正立电机有限公司·" + token(), "路桥区（金清镇）", false);
        form.put("industry", "电机／水泵");

        Api.Response created = api.post("/api/enterprises", "staff1", form);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        JsonNode e = created.json();
        assertThat(e.get("creditCode").asText()).isEqualTo(code);
        assertThat(e.get("name").asText()).isEqualTo(form.get("name"));
        assertThat(e.get("town").asText()).isEqualTo("路桥区（金清镇）");
        assertThat(e.get("industry").asText()).isEqualTo("电机／水泵");
        assertThat(e.get("exporter").asBoolean()).isTrue();
        assertThat(e.get("key").asBoolean()).isFalse();
        assertThat(e.get("specialist").asText()).isEqualTo("staff1");

        JsonNode profile = api.get("/api/enterprises/" + code, "leader").json();
        assertThat(profile.get("name").asText()).isEqualTo(form.get("name"));
        assertThat(profile.get("town").asText()).isEqualTo("路桥区（金清镇）");
        assertThat(profile.get("industry").asText()).isEqualTo("电机／水泵");
    }

    @Test
    void adminMayFileAnEnterpriseToo() {
        Api.Response r = api.post("/api/enterprises", "admin", form(Api.creditCode(), "管理员建档企业", "椒江区", true));

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("key").asBoolean()).isTrue();
    }

    /** (Addition, RFC 9110) The 201's Location is the enterprise's profile, under its code as filed. */
    @Test
    void aFiledEnterpriseIsAtItsLocation() {
        String code = Api.creditCode();

        Api.Response created = api.post("/api/enterprises", "staff1",
                form(" " + code.toLowerCase() + " ", "地址企业" + token(), "椒江区", false));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/enterprises/" + code);
        Api.Response read = api.get(created.header("Location"), "staff1");
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(read.json().get("creditCode").asText()).isEqualTo(code);
        assertThat(read.json().get("name")).isEqualTo(created.json().get("name"));
    }

    @Test
    void aCreditCodeTypedInLowerCaseWithSpacesIsStoredInUpperCase() {
        String code = Api.creditCode();

        Api.Response r = api.post("/api/enterprises", "staff1",
                form("  " + code.toLowerCase() + " ", "小写代码企业", "黄岩区", false));

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("creditCode").asText()).isEqualTo(code);
        assertThat(api.get("/api/enterprises/" + code, "leader").status()).isEqualTo(200);
        assertThat(api.get("/api/enterprises/" + code.toLowerCase(), "leader").json().get("creditCode").asText())
                .isEqualTo(code);
    }

    /**
     * As a Chinese input method types it (full-width letters and digits, the ideographic space) and as Word or WeChat
     * copies it (no-break and zero-width spaces around it): the code is filed in ASCII capitals, the name without the
     * spaces at its ends but with its own inner characters, and either spelling of the code finds it.
     */
    @Test
    void aCreditCodeTypedInFullWidthAndANameCopiedWithNoBreakSpacesAreFiledAsMeant() {
        String code = Api.creditCode();
        Map<String, Object> typed = form("\u00A0" + Api.fullWidth(code.toLowerCase()) + "\u3000",
                "\u200B\u00A0ＣＯＳＣＯ\u00A0全角物流\u00A0", "黄岩区", false);
        typed.put("specialist", "\u00A0" + Api.fullWidth("staff1"));

        Api.Response r = api.post("/api/enterprises", "staff1", typed);

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("creditCode").asText()).isEqualTo(code);
        assertThat(r.json().get("name").asText()).isEqualTo("ＣＯＳＣＯ\u00A0全角物流");
        assertThat(r.json().get("specialist").asText()).isEqualTo("staff1");
        assertThat(api.get("/api/enterprises/" + Api.fullWidth(code), "leader").json().path("creditCode").asText())
                .isEqualTo(code);
        Map<String, Object> again = form(Api.fullWidth(code), "再次", "黄岩区", false);
        assertProblem(api.post("/api/enterprises", "staff1", again), 409);
        // what is still wrong once folded is 400 naming the field, as before
        Api.Response wrong = api.post("/api/enterprises", "staff1",
                form(Api.fullWidth(withWrongCheckCharacter(code)), "错码企业", "黄岩区", false));
        assertProblem(wrong, 400);
        assertFieldErrors(wrong, "creditCode");
    }

    @Test
    void aCreditCodeWithAWrongCheckCharacterIsRejectedNamingTheField() {
        String bad = withWrongCheckCharacter(Api.creditCode());

        Api.Response r = api.post("/api/enterprises", "staff1", form(bad, "校验码错误企业", "椒江区", false));

        assertFieldErrors(r, "creditCode");
        assertProblem(api.get("/api/enterprises/" + bad, "leader"), 404);
    }

    @Test
    void creditCodesOfTheWrongLengthOrWithLettersOutsideTheAlphabetAreRejected() {
        String code = Api.creditCode();
        for (String bad : List.of(code.substring(0, 17), code + "0", code.substring(0, 10) + "I" + code.substring(11),
                code.substring(0, 10) + "O" + code.substring(11), "")) {
            Api.Response r = api.post("/api/enterprises", "staff1", form(bad, "代码格式错误企业", "椒江区", false));
            assertFieldErrors(r, "creditCode");
        }
        Map<String, Object> missing = form(null, "没有代码的企业", "椒江区", false);
        assertFieldErrors(api.post("/api/enterprises", "staff1", missing), "creditCode");
    }

    @Test
    void aCreditCodeOnFileAlreadyIsAConflictAndLeavesTheFileAsItWas() {
        String code = create("先建档企业", "温岭市", false);

        Api.Response again = api.post("/api/enterprises", "staff2", form(code, "后建档企业", "玉环市", true));

        assertProblem(again, 409);
        JsonNode profile = api.get("/api/enterprises/" + code, "leader").json();
        assertThat(profile.get("name").asText()).isEqualTo("先建档企业");
        assertThat(profile.get("town").asText()).isEqualTo("温岭市");
        assertThat(profile.get("key").asBoolean()).isFalse();
    }

    @Test
    void theSameCodeFiledTwiceAtOnceIsFiledOnceAndTheLaterRequestIsTheSameConflict() throws Exception {
        String code = Api.creditCode();

        Api.Response later = race.loser("enterprise",
                () -> enterprises.create(new EnterpriseForm(code, "先到企业", "温岭市", "泵业", true, false, "staff1", null, null)),
                () -> api.post("/api/enterprises", "staff2", form(code, "后到企业", "玉环市", true)));

        assertProblem(later, 409);
        assertThat(later.json().get("detail").asText())
                .isEqualTo("an enterprise with credit code " + code + " exists already");
        JsonNode profile = api.get("/api/enterprises/" + code, "leader").json();
        assertThat(profile.get("name").asText()).isEqualTo("先到企业");
        assertThat(profile.get("town").asText()).isEqualTo("温岭市");
    }

    @Test
    void everyFaultOfAFormIsNamedAndNothingIsFiled() {
        String code = Api.creditCode();
        Map<String, Object> form = form(code, "   ", "镇".repeat(101), false);
        form.put("specialist", "leader");

        Api.Response r = api.post("/api/enterprises", "staff1", form);

        assertFieldErrors(r, "name", "town", "specialist");
        assertProblem(api.get("/api/enterprises/" + code, "leader"), 404);
    }

    @Test
    void aSpecialistWhoIsNoServiceStaffIsRejected() {
        Map<String, Object> form = form(Api.creditCode(), "专员不存在企业", "椒江区", false);
        form.put("specialist", "nobody-" + token());

        assertFieldErrors(api.post("/api/enterprises", "staff1", form), "specialist");
    }

    /**
     * An account of another role (a leader) named as specialist is no typo: its fault says it is that account and its
     * role, not that no account has the name, which is said of a name no account has; in Chinese and in English.
     */
    @Test
    void aSpecialistWhoIsAnAccountOfAnotherRoleIsToldApartFromNoAccount() {
        String code = Api.creditCode();
        Map<String, Object> form = form(code, "领导不是专员企业", "椒江区", false);
        form.put("specialist", "leader");
        assertThat(specialistFault(form, "zh-CN"))
                .isEqualTo("账号「leader」不是服务专员账号（其角色为领导）：驻企服务专员必须是服务专员账号的用户名");
        assertThat(specialistFault(form, "en")).isEqualTo("the account leader is not a service staff account (its role "
                + "is LEADER): a resident specialist must be the user name of a service staff account");

        String nobody = "nobody-" + token();
        form.put("specialist", nobody);
        assertThat(specialistFault(form, "zh-CN"))
                .isEqualTo("没有用户名为「" + nobody + "」的账号：驻企服务专员必须是服务专员账号的用户名");
        assertThat(specialistFault(form, "en")).startsWith("no account has the user name " + nobody + ":");
        assertProblem(api.get("/api/enterprises/" + code, "leader"), 404);
    }

    /** The message of the one fault, by specialist, of this form posted in this language. */
    private String specialistFault(Map<String, Object> form, String language) {
        Api.Response r = api.perform(MockMvcRequestBuilders.post("/api/enterprises")
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .header("Accept-Language", language).content(api.write(form)), "staff1");
        assertFieldErrors(r, "specialist");
        assertThat(r.json().path("errors")).as(r.text()).hasSize(1);
        return r.json().path("errors").get(0).path("message").asText();
    }

    /** A field misspelt would file the enterprise without it, unnoticed: refused naming it, nothing filed. */
    @Test
    void aMisspeltFieldIsRejectedNamingItAndNothingIsFiled() {
        String code = Api.creditCode();
        Map<String, Object> form = form(code, "拼错字段企业", "椒江区", false);
        form.put("Exporter", form.remove("exporter"));
        form.put("specialst", form.remove("specialist"));

        Api.Response r = api.post("/api/enterprises", "staff1", form);

        assertFieldErrors(r, "Exporter", "specialst");
        assertThat(r.json().get("errors").findValuesAsText("message"))
                .contains("'specialst' is not a field of this request; did you mean 'specialist'?");
        assertProblem(api.get("/api/enterprises/" + code, "leader"), 404);
    }

    @Test
    void aFieldOfTheWrongTypeIsRejectedNamingIt() {
        Map<String, Object> form = form(Api.creditCode(), "类型错误企业", "椒江区", false);
        form.put("exporter", "sometimes");

        assertFieldErrors(api.post("/api/enterprises", "staff1", form), "exporter");
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() {
        assertProblem(api.post("/api/enterprises", "staff1", "{\"creditCode\": "), 400);
    }

    @Test
    void aBodyThatIsNotJsonMediaTypeIsUnsupported() {
        Api.Response r = api.perform(MockMvcRequestBuilders.post("/api/enterprises")
                .contentType(MediaType.TEXT_PLAIN).accept(MediaType.APPLICATION_JSON)
                .content("creditCode=" + Api.creditCode()), "staff1");

        assertProblem(r, 415);
    }

    @Test
    void departmentsLeadersAndDispatchMayNotFileEnterprises() {
        for (String user : List.of("commerce", "leader", "dispatch")) {
            String code = Api.creditCode();
            Api.Response r = api.post("/api/enterprises", user, form(code, "无权建档企业", "椒江区", false));
            assertProblem(r, 403);
            assertProblem(api.get("/api/enterprises/" + code, "leader"), 404);
        }
    }

    @Test
    void withoutCredentialsTheAnswerIs401WithABasicChallenge() {
        String code = Api.creditCode();
        Api.Response post = api.perform(MockMvcRequestBuilders.post("/api/enterprises")
                .contentType(MediaType.APPLICATION_JSON).characterEncoding(StandardCharsets.UTF_8)
                .content(api.write(form(code, "匿名建档", "椒江区", false))), null);
        Api.Response list = api.get("/api/enterprises", null);
        Api.Response profile = api.get("/api/enterprises/" + code, null);

        for (Api.Response r : List.of(post, list, profile)) {
            assertProblem(r, 401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
        }
        assertProblem(api.get("/api/enterprises/" + code, "leader"), 404);
    }

    @Test
    void aWrongPasswordIs401() {
        Api.Response r = api.perform(MockMvcRequestBuilders.get("/api/enterprises")
                .accept(MediaType.APPLICATION_JSON)
                .with(httpBasic("staff1", "wrong")), null);

        assertProblem(r, 401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
    }

    // --- GET /api/enterprises ------------------------------------------------------------------

    @Test
    void theListFiltersByTownAndByKeyEnterprise() {
        String town = "筛选镇" + token();
        String a = create("甲企业", town, true);
        String b = create("乙企业", town, false);
        String c = create("丙企业", town, true);
        String elsewhere = create("丁企业", town + "外", true);

        Api.Response inTown = api.get("/api/enterprises?town=" + town + "&size=200", "leader");
        assertThat(inTown.status()).isEqualTo(200);
        assertThat(inTown.json().get("total").asLong()).isEqualTo(3);
        assertThat(codes(inTown)).containsExactlyInAnyOrder(a, b, c).doesNotContain(elsewhere);

        Api.Response keyInTown = api.get("/api/enterprises?town=" + town + "&key=true", "commerce");
        assertThat(keyInTown.status()).isEqualTo(200);
        assertThat(codes(keyInTown)).containsExactlyInAnyOrder(a, c);
        assertThat(keyInTown.json().get("total").asLong()).isEqualTo(2);

        Api.Response notKey = api.get("/api/enterprises?town=" + town + "&key=false", "staff2");
        assertThat(codes(notKey)).containsExactly(b);
    }

    /** (addition) A specialist's own: the enterprises whose 驻企服务专员 they are. */
    @Test
    void theListFiltersByTheEnterprisesSpecialist() {
        String town = "专员镇" + token();
        String mine = create("专员甲企业", town, false);
        Map<String, Object> theirs = form(Api.creditCode(), "专员乙企业", town, false);
        theirs.put("specialist", "staff2");
        assertThat(api.post("/api/enterprises", "staff1", theirs).status()).isEqualTo(201);

        assertThat(codes(api.get("/api/enterprises?town=" + town + "&specialist=staff1", "leader")))
                .containsExactly(mine);
        Api.Response staff2 = api.get("/api/enterprises?town=" + town + "&specialist=staff2", "staff1");
        assertThat(codes(staff2)).containsExactly(theirs.get("creditCode").toString());
        assertThat(staff2.json().get("total").asLong()).isEqualTo(1);
        assertThat(codes(api.get("/api/enterprises?town=" + town + "&specialist=", "leader"))).hasSize(2);
        assertThat(codes(api.get("/api/enterprises?town=" + town + "&specialist=nobody", "leader"))).isEmpty();
        // what no user name can be is a mistake to name, not an empty list
        assertFieldErrors(api.get("/api/enterprises?specialist=" + "s".repeat(65), "leader"), "specialist");
    }

    /**
     * A hostile client's 100 000 characters in {@code town} or {@code q}: 400 naming the parameter, in the
     * caller's language, rather than compared with every file. A town or words as long as a file's still search.
     */
    @Test
    void anOverlongTownOrSearchIs400NamingItInChineseOrEnglish() {
        String town = "长镇" + token();
        String code = create("长名企业" + token(), town, false);
        for (String parameter : List.of("town", "q")) {
            for (String[] language : new String[][] {{"zh-CN", "不能超过"}, {"en", "at most"}}) {
                Api.Response r = api.perform(MockMvcRequestBuilders.get("/api/enterprises")
                        .queryParam(parameter, "泵".repeat(100_000)).accept(MediaType.APPLICATION_JSON)
                        .header("Accept-Language", language[0]), "leader");
                assertFieldErrors(r, parameter);
                assertThat(r.json().path("errors").get(0).path("message").asText()).as(r.text())
                        .contains(language[1]);
            }
        }
        assertFieldErrors(api.get("/api/enterprises?town=" + "镇".repeat(101), "leader"), "town");
        assertFieldErrors(api.get("/api/enterprises?q=" + "a".repeat(201), "leader"), "q");
        assertThat(codes(api.get("/api/enterprises?town=" + town + "&q=" + "a".repeat(200), "leader"))).isEmpty();
        assertThat(codes(api.get("/api/enterprises?town=" + town + "镇".repeat(100 - town.length()), "leader")))
                .isEmpty();
        assertThat(codes(api.get("/api/enterprises?town=" + town, "leader"))).containsExactly(code);
    }

    @Test
    void theListSearchesNamesAndCreditCodesWhateverTheCase() {
        String tag = token();
        // a town of its own, without the tag: a word in the town finds its enterprises too
        String town = "搜索镇" + token();
        String named = create("椒江" + tag + "泵业有限公司", town, false);
        String other = create("椒江另一家公司", town, false);

        Api.Response byName = api.get("/api/enterprises?q=" + tag.toLowerCase(), "leader");
        assertThat(codes(byName)).containsExactly(named);

        String codePart = other.substring(8, 17).toLowerCase();
        Api.Response byCode = api.get("/api/enterprises?town=" + town + "&q=" + codePart, "leader");
        assertThat(codes(byCode)).containsExactly(other);

        Api.Response both = api.get("/api/enterprises?town=" + town + "&q=椒江", "leader");
        assertThat(codes(both)).containsExactlyInAnyOrder(named, other);
    }

    /** ＣＯＳＣＯ typed with a Chinese input method finds COSCO, by name or by code; so does a specialist's name. */
    @Test
    void theListSearchesAndFiltersWithWordsTypedInFullWidth() {
        String tag = token();
        String town = "全角镇" + tag;
        String named = create("COSCO" + tag + " Shipping", town, false);

        Api.Response byName = api.get("/api/enterprises?q=" + Api.fullWidth("cosco" + tag) + "\u00A0", "leader");
        assertThat(codes(byName)).containsExactly(named);
        Api.Response byCode = api.get("/api/enterprises?town=" + town + "&q=" + Api.fullWidth(named.substring(8, 17)),
                "leader");
        assertThat(codes(byCode)).containsExactly(named);
        Api.Response bySpecialist = api.get("/api/enterprises?town=" + town + "&specialist=" + Api.fullWidth("staff1"),
                "leader");
        assertThat(codes(bySpecialist)).containsExactly(named);

        // an official name's full-width brackets, typed as they are filed, still find it: each word matches as typed
        // or folded
        String bracketed = create("吉利" + tag + "控股集团（宁波）有限公司", town, false);
        assertThat(codes(api.get("/api/enterprises?town=" + town + "&q=集团（宁波）", "leader"))).containsExactly(bracketed);
        assertThat(codes(api.get("/api/enterprises?town=" + town + "&q=集团(宁波)", "leader"))).isEmpty();
    }

    @Test
    void eachWordOfTheSearchMustBeInTheNameOrTheCreditCode() {
        String tag = token();
        String town = "多词镇" + tag;
        String pumps = create("椒江" + tag + "泵业有限公司", town, false);
        create("椒江" + tag + "阀门有限公司", town, false);

        // a space or a 全角 one between the words (the request builder encodes them); one word may be in the
        // code, another in the name
        assertThat(codes(api.get("/api/enterprises?q=泵业 " + tag, "leader"))).containsExactly(pumps);
        assertThat(codes(api.get("/api/enterprises?q=" + tag + "\u3000泵业", "leader"))).containsExactly(pumps);
        assertThat(codes(api.get("/api/enterprises?q=" + pumps.substring(8, 17) + " 椒江", "leader")))
                .containsExactly(pumps);
        assertThat(codes(api.get("/api/enterprises?q=泵业 阀门 " + tag, "leader"))).as("every word").isEmpty();
    }

    /**
     * Names as people say them, without the suffixes of the divisions at their start (温岭海通 for 温岭市海通泵业有限公司,
     * 浙江温岭 for 浙江省温岭市…), beside the name as filed; and a word in the town (镇（街道）). Each search names a part of
     * the credit code too, to find this test's enterprises among those filed so before.
     */
    @Test
    void theListFindsANameAsPeopleSayItAndTheEnterprisesOfATown() {
        String haitong = create("温岭市海通泵业有限公司", "大桥镇", false);
        String zhejiang = create("浙江省温岭市海通阀门有限公司", "泽国镇", false);
        String supermarket = create("大润发超市有限公司", "大桥镇", false);
        String h = " " + haitong.substring(8, 17);
        String z = " " + zhejiang.substring(8, 17);
        String s = " " + supermarket.substring(8, 17);

        assertThat(codes(api.get("/api/enterprises?q=温岭海通" + h, "leader"))).containsExactly(haitong);
        assertThat(codes(api.get("/api/enterprises?q=浙江温岭海通" + z, "leader"))).containsExactly(zhejiang);
        assertThat(codes(api.get("/api/enterprises?q=温岭海通阀门" + z, "leader"))).containsExactly(zhejiang);
        assertThat(codes(api.get("/api/enterprises?q=大桥镇" + h, "leader"))).containsExactly(haitong);
        assertThat(codes(api.get("/api/enterprises?q=大桥镇 海通泵业" + h, "leader"))).containsExactly(haitong);
        // as filed, still; and any part of the name as said, as of the name filed
        assertThat(codes(api.get("/api/enterprises?q=温岭市海通" + h, "leader"))).containsExactly(haitong);
        assertThat(codes(api.get("/api/enterprises?q=海通泵业" + h, "leader"))).containsExactly(haitong);
        assertThat(codes(api.get("/api/enterprises?q=温岭海" + h, "leader"))).containsExactly(haitong);
        // one division filed with its suffix and the next without: neither reading
        assertThat(codes(api.get("/api/enterprises?q=浙江省温岭海通" + z, "leader"))).isEmpty();
        // 超市 after four characters is no division: its 市 stays
        assertThat(codes(api.get("/api/enterprises?q=大润发超有限" + s, "leader"))).isEmpty();
        assertThat(codes(api.get("/api/enterprises?q=大润发超市 大桥镇" + s, "leader"))).containsExactly(supermarket);
        assertThat(codes(api.get("/api/enterprises?q=泽国镇" + h, "leader"))).as("another town").isEmpty();
    }

    @Test
    void searchTreatsLikeWildcardsAsPlainCharacters() {
        String tag = token();
        String underscore = create("通配" + tag + "_甲", "通配镇" + tag, false);
        create("通配" + tag + "X甲", "通配镇" + tag, false);
        create("通配" + tag + "百分甲", "通配镇" + tag, false);

        assertThat(codes(api.get("/api/enterprises?q=" + tag + "_", "leader"))).containsExactly(underscore);
        assertThat(codes(api.get("/api/enterprises?q=" + tag + "%25", "leader"))).isEmpty();
    }

    @Test
    void emptyFiltersAreIgnored() {
        String tag = token();
        String code = create("空筛选" + tag, "空筛选镇" + tag, true);

        Api.Response r = api.get("/api/enterprises?town=&key=&q=" + tag, "leader");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(codes(r)).containsExactly(code);
    }

    @Test
    void theListPagesThroughItsItemsWithTheirTotal() {
        String town = "分页镇" + token();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(create("分页企业" + i, town, false));
        }

        Api.Response first = api.get("/api/enterprises?town=" + town + "&page=0&size=2", "leader");
        Api.Response second = api.get("/api/enterprises?town=" + town + "&page=1&size=2", "leader");
        Api.Response third = api.get("/api/enterprises?town=" + town + "&page=2&size=2", "leader");
        Api.Response beyond = api.get("/api/enterprises?town=" + town + "&page=3&size=2", "leader");

        assertThat(first.json().get("page").asInt()).isZero();
        assertThat(first.json().get("size").asInt()).isEqualTo(2);
        assertThat(first.json().get("total").asLong()).isEqualTo(5);
        assertThat(second.json().get("page").asInt()).isEqualTo(1);
        assertThat(codes(first)).hasSize(2);
        assertThat(codes(second)).hasSize(2);
        assertThat(codes(third)).hasSize(1);
        assertThat(codes(beyond)).isEmpty();
        assertThat(beyond.json().get("total").asLong()).isEqualTo(5);
        List<String> paged = new ArrayList<>();
        paged.addAll(codes(first));
        paged.addAll(codes(second));
        paged.addAll(codes(third));
        assertThat(paged).containsExactlyElementsOf(all); // ordered by name: 分页企业0..4
    }

    @Test
    void theListUsesPagesOfTwentyByDefault() {
        Api.Response r = api.get("/api/enterprises?town=默认分页镇" + token(), "leader");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("page").asInt()).isZero();
        assertThat(r.json().get("size").asInt()).isEqualTo(20);
        assertThat(r.json().get("total").asLong()).isZero();
        assertThat(r.json().get("items")).isEmpty();
    }

    @Test
    void pageSizesOutsideOneToTwoHundredAndBadFiltersAreRejectedNamingTheParameter() {
        assertFieldErrors(api.get("/api/enterprises?size=0", "leader"), "size");
        assertFieldErrors(api.get("/api/enterprises?size=201", "leader"), "size");
        assertFieldErrors(api.get("/api/enterprises?page=-1", "leader"), "page");
        assertFieldErrors(api.get("/api/enterprises?key=maybe", "leader"), "key");
        assertFieldErrors(api.get("/api/enterprises?size=many", "leader"), "size");
        assertThat(api.get("/api/enterprises?size=200", "leader").status()).isEqualTo(200);
        assertThat(api.get("/api/enterprises?size=1", "leader").status()).isEqualTo(200);
    }

    // --- GET /api/enterprises/{creditCode} -----------------------------------------------------

    @Test
    void theProfileShowsTheEnterpriseItsVisitsItsTicketsAndItsLatestOperatingStatus() {
        String code = create("档案企业", "档案镇" + token(), true);
        Api.Response visit = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                "visitedAt", "2021-01-04T10:00:00+08:00", "operatingStatus", "WATCH", "notes", "订单下滑",
                "problems", List.of(Api.problem("CONTAINER", "出口集装箱紧张"), Api.problem("LABOR", "招工难"))));
        assertThat(visit.status()).as(visit.text()).isEqualTo(201);
        List<String> ticketIds = visit.json().get("tickets").findValuesAsText("id");

        Api.Response r = api.get("/api/enterprises/" + code, "leader");

        assertThat(r.status()).isEqualTo(200);
        JsonNode p = r.json();
        assertThat(p.get("creditCode").asText()).isEqualTo(code);
        assertThat(p.get("name").asText()).isEqualTo("档案企业");
        assertThat(p.get("industry").asText()).isEqualTo("泵业");
        assertThat(p.get("exporter").asBoolean()).isTrue();
        assertThat(p.get("key").asBoolean()).isTrue();
        assertThat(p.get("specialist").asText()).isEqualTo("staff1");
        assertThat(p.get("latestOperatingStatus").asText()).isEqualTo("WATCH");
        assertThat(p.get("visits")).hasSize(1);
        assertThat(p.get("visits").get(0).get("id").asText()).isEqualTo(visit.json().get("id").asText());
        assertThat(p.get("visits").get(0).get("notes").asText()).isEqualTo("订单下滑");
        JsonNode tickets = p.get("tickets");
        assertThat(tickets.findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(ticketIds);
        for (JsonNode t : tickets) {
            assertThat(t.get("id").isTextual()).isTrue();
            assertThat(t.has("category")).isTrue();
            assertThat(t.has("title")).isTrue();
            assertThat(t.get("status").asText()).isEqualTo("ASSIGNED");
            // logged years late: the reply clock has long run out
            assertThat(t.get("overdue").isBoolean()).isTrue();
            assertThat(t.get("overdue").asBoolean()).isTrue();
        }
        assertThat(tickets.findValuesAsText("category")).containsExactlyInAnyOrder("CONTAINER", "LABOR");
        assertThat(tickets.findValuesAsText("title")).containsExactlyInAnyOrder("出口集装箱紧张", "招工难");
    }

    @Test
    void aNewEnterpriseHasAnEmptyProfileAndNoOperatingStatusYet() {
        String code = create("新建档企业", "新镇" + token(), false);

        JsonNode p = api.get("/api/enterprises/" + code, "staff2").json();

        assertThat(p.get("visits")).isEmpty();
        assertThat(p.get("tickets")).isEmpty();
        assertThat(p.get("latestOperatingStatus").isNull()).isTrue();
    }

    @Test
    void theProfileFollowsATicketsStatus() {
        String code = create("状态企业", "状态镇" + token(), false);
        String id = api.visit(code, List.of(Api.problem("CONTAINER", "舱位紧张"))).get(0).get("id").asText();

        api.act(id, "sign", "transport", null);

        JsonNode line = api.get("/api/enterprises/" + code, "leader").json().get("tickets").get(0);
        assertThat(line.get("id").asText()).isEqualTo(id);
        assertThat(line.get("status").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aVisitLoggedLateDoesNotOverwriteTheOperatingStatusALaterVisitSaw() {
        String code = create("经营状态企业", "经营镇" + token(), false);
        Api.Response recent = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                "visitedAt", "2021-03-01T09:00:00+08:00", "operatingStatus", "NORMAL", "problems", List.of()));
        Api.Response older = api.post("/api/visits", "staff2", Map.of("enterpriseCreditCode", code,
                "visitedAt", "2021-02-01T09:00:00+08:00", "operatingStatus", "ABNORMAL", "problems", List.of()));
        assertThat(recent.status()).isEqualTo(201);
        assertThat(older.status()).isEqualTo(201);

        JsonNode p = api.get("/api/enterprises/" + code, "leader").json();
        assertThat(p.get("latestOperatingStatus").asText()).isEqualTo("NORMAL");
        // newest first
        assertThat(p.get("visits").findValuesAsText("id"))
                .containsExactly(recent.json().get("id").asText(), older.json().get("id").asText());

        Api.Response newest = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                "visitedAt", "2021-04-01T09:00:00+08:00", "operatingStatus", "ABNORMAL", "problems", List.of()));
        assertThat(newest.status()).isEqualTo(201);
        assertThat(api.get("/api/enterprises/" + code, "leader").json().get("latestOperatingStatus").asText())
                .isEqualTo("ABNORMAL");
    }

    @Test
    void aDepartmentSeesOnlyItsOwnTicketsInTheProfile() {
        String code = create("多部门企业", "部门镇" + token(), false);
        List<JsonNode> tickets = api.visit(code, List.of(
                Api.problem("CONTAINER", "集装箱紧张"),            // TRANSPORT leads
                Api.problem("LABOR", "招工难"),                    // HRSS leads
                Api.problem("CREDIT_INSURANCE", "信保额度不足")));  // COMMERCE leads, FINANCE co-handles
        String container = tickets.get(0).get("id").asText();
        String labor = tickets.get(1).get("id").asText();
        String insurance = tickets.get(2).get("id").asText();

        Map<String, List<String>> seen = new HashMap<>();
        for (String user : List.of("transport", "hrss", "commerce", "finance", "customs", "leader", "staff2")) {
            Api.Response r = api.get("/api/enterprises/" + code, user);
            assertThat(r.status()).as(user).isEqualTo(200);
            assertThat(r.json().get("name").asText()).isEqualTo("多部门企业");
            seen.put(user, r.json().get("tickets").findValuesAsText("id"));
        }

        assertThat(seen.get("transport")).containsExactly(container);
        assertThat(seen.get("hrss")).containsExactly(labor);
        assertThat(seen.get("commerce")).containsExactly(insurance);
        assertThat(seen.get("finance")).containsExactly(insurance);
        assertThat(seen.get("customs")).isEmpty();
        assertThat(seen.get("leader")).containsExactlyInAnyOrder(container, labor, insurance);
        assertThat(seen.get("staff2")).containsExactlyInAnyOrder(container, labor, insurance);
    }

    @Test
    void aDepartmentDoesNotSeeTheVisitsInTheProfile() {
        String code = create("走访保密企业", "保密镇" + token(), false);
        api.visit(code, List.of(Api.problem("CONTAINER", "集装箱紧张")));

        assertThat(api.get("/api/enterprises/" + code, "leader").json().get("visits")).hasSize(1);
        assertThat(api.get("/api/enterprises/" + code, "transport").json().get("visits")).isEmpty();
    }

    @Test
    void anUnknownCreditCodeIs404() {
        assertProblem(api.get("/api/enterprises/" + Api.creditCode(), "leader"), 404);
        assertProblem(api.get("/api/enterprises/not-a-code", "staff1"), 404);
        assertProblem(api.get("/api/enterprises/" + Api.creditCode(), "commerce"), 404);
    }

    // --- a specialist who left -------------------------------------------------------------------

    @Autowired
    org.sanfu.security.AccountAdministration administration;
    @Autowired
    org.sanfu.Pages pages;

    @Test
    void aDisabledAccountIsNewlyNamedSpecialistOfNoneButTheOneOnFileStaysWhileTheFileIsCorrected() {
        String leaver = "leaver-" + token().toLowerCase();
        TestAccounts.create(administration, leaver, "STAFF", null, "a-first-password");
        String code = Api.creditCode();
        Map<String, Object> looked = form(code, "专员离职企业" + token(), null, false);
        looked.put("specialist", leaver);
        assertThat(api.post("/api/enterprises", "staff1", looked).status()).isEqualTo(201);
        administration.disable(new org.sanfu.security.Caller("admin", org.sanfu.security.Role.ADMIN, null), leaver);

        String other = Api.creditCode();
        Map<String, Object> fresh = form(other, "新企业" + token(), null, false);
        fresh.put("specialist", leaver);
        Api.Response refused = api.post("/api/enterprises", "staff1", fresh);
        assertProblem(refused, 400);
        assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("specialist");
        assertThat(refused.json().get("errors").get(0).get("message").asText()).contains(leaver).contains("disabled");
        assertThat(api.get("/api/enterprises/" + other, "leader").status()).as("nothing filed").isEqualTo(404);

        Map<String, Object> corrected = form(code, "专员离职企业（改名）", null, false);
        corrected.put("specialist", leaver);
        Api.Response kept = api.call(HttpMethod.PUT, "/api/enterprises/" + code, "staff1", corrected);
        assertThat(kept.status()).as(kept.text()).isEqualTo(200);
        assertThat(kept.json().get("specialist").asText()).isEqualTo(leaver);

        String third = create("另一企业" + token(), null, false);
        Map<String, Object> given = form(third, "另一企业", null, false);
        given.put("specialist", leaver);
        assertProblem(api.call(HttpMethod.PUT, "/api/enterprises/" + third, "staff1", given), 400);
        assertThat(api.get("/api/enterprises/" + third, "leader").json().get("specialist").asText()).isEqualTo("staff1");

        // the form offers staff at work; the file's own leaver stays its value, said to be disabled
        org.jsoup.select.Elements offered = pages.get("/enterprises/new", "staff1").html().select("#specialist option");
        assertThat(offered.eachAttr("value")).contains("staff1").doesNotContain(leaver);
        org.jsoup.select.Elements editing = pages.get("/enterprises/" + code + "/edit", "staff1").html()
                .select("#specialist option[selected]");
        assertThat(editing.eachAttr("value")).containsExactly(leaver);
        assertThat(editing.text()).endsWith("（已停用）");
    }

    // --- correcting a file: PUT /api/enterprises/{creditCode} ---------------------------------

    @Test
    void staffCorrectAFileAndTheEnterprisesTicketsShowTheNewNameAndTown() {
        String t = token();
        String code = create("更正前企业" + t, null, false);
        String ticket = api.visit(code, List.of(Api.problem("CONTAINER", "舱位紧张"))).get(0).get("id").asText();
        Map<String, Object> corrected = form(code, "更正后企业" + t, "更正镇" + t, true);
        corrected.put("specialist", "staff2");
        Api.Response r = api.call(HttpMethod.PUT, "/api/enterprises/" + code, "staff1", corrected);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("name").asText()).isEqualTo("更正后企业" + t);
        assertThat(r.json().get("town").asText()).isEqualTo("更正镇" + t);
        assertThat(r.json().get("key").asBoolean()).isTrue();
        assertThat(r.json().get("specialist").asText()).isEqualTo("staff2");
        JsonNode profile = api.get("/api/enterprises/" + code, "leader").json();
        assertThat(profile.get("town").asText()).isEqualTo("更正镇" + t);
        JsonNode onTicket = api.get("/api/tickets/" + ticket, "leader").json();
        assertThat(onTicket.get("enterpriseName").asText()).isEqualTo("更正后企业" + t);
        assertThat(onTicket.get("town").asText()).isEqualTo("更正镇" + t);

        // the admin too; a credit code in the body is no field of a correction: the path names the file
        String other = Api.creditCode();
        Api.Response byAdmin = api.call(HttpMethod.PUT, "/api/enterprises/" + code, "admin",
                form(other, "更正后企业" + t, "更正镇" + t, false));
        assertThat(byAdmin.status()).as(byAdmin.text()).isEqualTo(200);
        assertThat(byAdmin.json().get("creditCode").asText()).isEqualTo(code);
        assertThat(api.get("/api/enterprises/" + code, "leader").json().get("key").asBoolean()).isFalse();
        assertThat(api.get("/api/enterprises/" + other, "leader").status()).isEqualTo(404);
    }

    @Test
    void aCorrectionIsCheckedInAPIsOrderAndARefusedOneChangesNothing() {
        String t = token();
        String code = create("不变企业" + t, "不变镇" + t, false);
        String before = api.get("/api/enterprises/" + code, "leader").text();
        String unknown = Api.creditCode();

        // 404 before 403: an unknown code is unknown to everyone
        for (String user : List.of("staff1", "dispatch", "finance")) {
            assertProblem(api.call(HttpMethod.PUT, "/api/enterprises/" + unknown, user, form(unknown, "x", null, false)),
                    404);
        }
        for (String user : List.of("dispatch", "leader", "finance")) {
            assertProblem(api.call(HttpMethod.PUT, "/api/enterprises/" + code, user, form(code, "他人改名", null, false)),
                    403);
        }
        assertProblem(api.call(HttpMethod.PUT, "/api/enterprises/" + code, null, form(code, "匿名改名", null, false)), 401);

        Api.Response blank = api.call(HttpMethod.PUT, "/api/enterprises/" + code, "staff1", form(code, " ", null, false));
        assertProblem(blank, 400);
        assertFieldErrors(blank, "name");
        Api.Response notJson = api.call(HttpMethod.PUT, "/api/enterprises/" + code, "staff1", "{\"name\": ");
        assertProblem(notJson, 400);
        Api.Response notStaff = api.call(HttpMethod.PUT, "/api/enterprises/" + code, "staff1",
                Map.of("name", "改专员", "specialist", "finance"));
        assertProblem(notStaff, 400);
        assertFieldErrors(notStaff, "specialist");

        assertThat(api.get("/api/enterprises/" + code, "leader").text()).isEqualTo(before);
    }
}
