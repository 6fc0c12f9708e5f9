package org.sanfu.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
 * {@code POST /api/enterprises/import} (API.md "Enterprises"): UTF-8 CSV with the header
 * {@code creditCode,name,town,industry,exporter,key,specialist}; the header is line 1.
 */
@SanfuTest
class EnterpriseImportWebTests {

    static final String HEADER = "creditCode,name,town,industry,exporter,key,specialist";

    @Autowired
    Api api;
    @Autowired
    LostRace race;
    @Autowired
    EnterpriseService enterprises;

    // --- helpers -------------------------------------------------------------------------------

    private Api.Response upload(byte[] body, String mediaType, String user) {
        return api.perform(MockMvcRequestBuilders.post("/api/enterprises/import")
                .contentType(mediaType).accept(MediaType.APPLICATION_JSON).content(body), user);
    }

    private Api.Response upload(String csv) {
        return upload(csv.getBytes(StandardCharsets.UTF_8), "text/csv", "admin");
    }

    private static String row(String code, String name, String town) {
        return code + "," + name + "," + town + ",泵业,true,false,staff1";
    }

    private static String csv(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private JsonNode profile(String code) {
        Api.Response r = api.get("/api/enterprises/" + code, "leader");
        assertThat(r.status()).as(code + ": " + r.text()).isEqualTo(200);
        return r.json();
    }

    private boolean onFile(String code) {
        return api.get("/api/enterprises/" + code, "leader").status() == 200;
    }

    private static String town() {
        return "导入镇" + Api.creditCode().substring(10, 16);
    }

    /** Each rejected line's message (not its errors' messages). */
    private static List<String> messages(Api.Response r) {
        List<String> messages = new java.util.ArrayList<>();
        r.json().get("rejected").forEach(line -> messages.add(line.get("message").asText()));
        return messages;
    }

    private static List<Long> rejectedLines(Api.Response r) {
        return r.json().get("rejected").findValues("line").stream().map(JsonNode::asLong).toList();
    }

    private static String withWrongCheckCharacter(String code) {
        char last = code.charAt(17);
        char other = Api.CODE_ALPHABET.charAt((Api.CODE_ALPHABET.indexOf(last) + 1) % Api.CODE_ALPHABET.length());
        return code.substring(0, 17) + other;
    }

    // --- tests ---------------------------------------------------------------------------------

    /**
     * A county's sheet typed with a Chinese input method and pasted from WeChat: a full-width code with no-break and
     * zero-width spaces around it is the code in ASCII capitals, the same code in half-width on a later line updates
     * it, a name loses the spaces at its ends only, and 是 or ｙｅｓ with an ideographic space after it is yes.
     */
    @Test
    void aLineTypedInFullWidthOrPastedWithNoBreakSpacesIsFiledAsMeant() {
        String code = Api.creditCode();
        String town = town();
        String typed = "\uFEFF" + Api.fullWidth(code.toLowerCase()) + "\u00A0,\u00A0全角\u3000导入企业\u00A0," + town
                + ",泵业,是\u3000," + Api.fullWidth("yes") + "," + Api.fullWidth("staff1") + "\u00A0";

        Api.Response r = upload(csv(HEADER, typed));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("rejected")).as(r.text()).isEmpty();
        assertThat(r.json().get("created").asInt()).isEqualTo(1);
        JsonNode filed = profile(code);
        assertThat(filed.get("name").asText()).isEqualTo("全角\u3000导入企业");
        assertThat(filed.get("exporter").asBoolean()).isTrue();
        assertThat(filed.get("key").asBoolean()).isTrue();
        assertThat(filed.get("specialist").asText()).isEqualTo("staff1");

        Api.Response again = upload(csv(HEADER, row(code, "半角再导入", town)));
        assertThat(again.json().get("updated").asInt()).as(again.text()).isEqualTo(1);
        assertThat(profile(code).get("name").asText()).isEqualTo("半角再导入");
    }

    @Test
    void newCodesAreCreatedAndCodesOnFileAreUpdatedAndCounted() {
        String existing = api.enterprise("旧名称企业", "旧镇");
        String a = Api.creditCode();
        String b = Api.creditCode();
        String town = town();

        Api.Response r = upload(csv(HEADER, row(a, "新企业甲", town), row(existing, "新名称企业", town),
                row(b, "新企业乙", town)));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().get("created").asInt()).isEqualTo(2);
        assertThat(r.json().get("updated").asInt()).isEqualTo(1);
        assertThat(r.json().get("rejected")).isEmpty();
        assertThat(profile(a).get("name").asText()).isEqualTo("新企业甲");
        assertThat(profile(b).get("town").asText()).isEqualTo(town);
        JsonNode updated = profile(existing);
        assertThat(updated.get("name").asText()).isEqualTo("新名称企业");
        assertThat(updated.get("town").asText()).isEqualTo(town);
    }

    @Test
    void everyColumnIsReadIncludingTheFlagsAndTheSpecialist() {
        String code = Api.creditCode();

        Api.Response r = upload(csv(HEADER, code + ",标志企业,椒江区,汽摩配,false,true,staff2"));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode p = profile(code);
        assertThat(p.get("industry").asText()).isEqualTo("汽摩配");
        assertThat(p.get("exporter").asBoolean()).isFalse();
        assertThat(p.get("key").asBoolean()).isTrue();
        assertThat(p.get("specialist").asText()).isEqualTo("staff2");
    }

    @Test
    void aDisabledAccountIsRefusedAsANewSpecialistButKeptWhereTheFileNamesItAlready(
            @Autowired org.sanfu.security.AccountAdministration administration) {
        String leaver = "left-" + Api.creditCode().substring(10, 16).toLowerCase();
        TestAccounts.create(administration, leaver, "STAFF", null, "a-first-password");
        String kept = Api.creditCode();
        assertThat(upload(csv(HEADER, kept + ",旧专员企业,椒江区,泵业,true,false," + leaver)).status()).isEqualTo(200);
        administration.disable(new org.sanfu.security.Caller("admin", org.sanfu.security.Role.ADMIN, null), leaver);

        String fresh = Api.creditCode();
        Api.Response r = upload(csv(HEADER, kept + ",旧专员企业（更名）,椒江区,泵业,true,false," + leaver,
                fresh + ",新企业,椒江区,泵业,true,false," + leaver));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(rejectedLines(r)).containsExactly(3L);
        assertThat(r.json().get("rejected").get(0).toString()).contains("specialist");
        assertThat(profile(kept).get("name").asText()).isEqualTo("旧专员企业（更名）");
        assertThat(profile(kept).get("specialist").asText()).isEqualTo(leaver);
        assertThat(onFile(fresh)).isFalse();

        // a line that gave the enterprise another specialist leaves the disabled one named anew by a later line
        Api.Response again = upload(csv(HEADER, kept + ",旧专员企业（更名）,椒江区,泵业,true,false,staff1",
                kept + ",旧专员企业（更名）,椒江区,泵业,true,false," + leaver));
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(rejectedLines(again)).containsExactly(3L);
        assertThat(profile(kept).get("specialist").asText()).isEqualTo("staff1");
    }

    /** It is a CSV endpoint: what is wrong with its body is said of CSV, not of JSON. */
    @Test
    void anEmptyBodyOrNoContentTypeIsRefusedInWordsAboutCsv() {
        Api.Response empty = upload(new byte[0], "text/csv", "admin");
        assertThat(empty.status()).as(empty.text()).isEqualTo(400);
        assertThat(empty.firstFault().get("field").asText()).isEqualTo("body");
        assertThat(empty.firstFault().get("message").asText()).contains("CSV").doesNotContain("JSON");
        Api.Response chinese = api.perform(MockMvcRequestBuilders.post("/api/enterprises/import")
                .contentType("text/csv").header("Accept-Language", "zh-CN").content(new byte[0]), "admin");
        assertThat(chinese.firstFault().get("message").asText()).contains("CSV").contains("空");

        Api.Response untyped = api.perform(MockMvcRequestBuilders.post("/api/enterprises/import")
                .content(csv(HEADER).getBytes(StandardCharsets.UTF_8)), "admin");
        assertThat(untyped.status()).as(untyped.text()).isEqualTo(415);
        assertThat(untyped.json().get("detail").asText()).contains("text/csv").doesNotContain("application/json");
    }

    @Test
    void aRejectedRowSaysWhyInTheLanguageTheRequestPrefers() {
        String bad = withWrongCheckCharacter(Api.creditCode());
        byte[] body = csv(HEADER, row(bad, "坏校验码企业", town()),
                Api.creditCode() + ",坏标志企业,椒江区,泵业,perhaps,false,staff1")
                .getBytes(StandardCharsets.UTF_8);

        Api.Response chinese = api.perform(MockMvcRequestBuilders.post("/api/enterprises/import")
                .contentType("text/csv").header("Accept-Language", "zh-CN").content(body), "admin");
        assertThat(chinese.status()).as(chinese.text()).isEqualTo(200);
        assertThat(messages(chinese)).containsExactly("creditCode：校验码不符（GB 32100-2015）",
                "exporter：不是 是/否/true/false 之一（1/0、yes/no、y/n 亦可，留空算 否）");
        assertThat(chinese.json().get("rejected").get(0).get("errors").get(0).get("field").asText())
                .isEqualTo("creditCode");
        assertThat(chinese.json().get("rejected").get(0).get("errors").get(0).get("message").asText())
                .isEqualTo("校验码不符（GB 32100-2015）");

        Api.Response english = upload(body, "text/csv", "admin");
        assertThat(messages(english)).containsExactly(
                "creditCode: check character does not match (GB 32100-2015)",
                "exporter: is not one of 是/否, true/false, 1/0, yes/no, y/n (blank is no)");
    }

    @Test
    void goodRowsAreKeptWhenOthersAreRejectedAndRejectedLinesCountTheHeaderAsLineOne() {
        String town = town();
        String good2 = Api.creditCode();
        String bad3 = withWrongCheckCharacter(Api.creditCode());
        String good4 = Api.creditCode();
        String bad5 = Api.creditCode();
        String bad6 = Api.creditCode();
        String bad7 = Api.creditCode();
        String good8 = Api.creditCode();

        Api.Response r = upload(csv(HEADER,
                row(good2, "好企业二", town),                                  // line 2
                row(bad3, "坏校验码", town),                                   // line 3
                row(good4, "好企业四", town),                                  // line 4
                bad5 + ",坏标志," + town + ",泵业,perhaps,false,staff1",         // line 5
                bad6 + ",少一列," + town + ",泵业,true,false",                   // line 6
                bad7 + ",," + town + ",泵业,true,false,staff1",                 // line 7: no name
                row(good8, "好企业八", town)));                                // line 8

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).isEqualTo(3);
        assertThat(r.json().get("updated").asInt()).isZero();
        assertThat(rejectedLines(r)).containsExactly(3L, 5L, 6L, 7L);
        r.json().get("rejected").forEach(x -> assertThat(x.get("message").asText()).isNotBlank());
        assertThat(r.json().get("rejected").get(0).get("message").asText()).contains("creditCode");
        assertThat(r.json().get("rejected").get(1).get("message").asText()).contains("exporter");
        assertThat(r.json().get("rejected").get(3).get("message").asText()).contains("name");
        assertThat(List.of(good2, good4, good8)).allSatisfy(code -> assertThat(onFile(code)).isTrue());
        assertThat(List.of(bad3, bad5, bad6, bad7)).allSatisfy(code -> assertThat(onFile(code)).isFalse());
    }

    @Test
    void aRejectedLastLineWithoutLineBreakIsNumberedCorrectly() {
        String good = Api.creditCode();
        String bad = withWrongCheckCharacter(Api.creditCode());

        Api.Response r = upload(HEADER + "\n" + row(good, "好企业", town()) + "\n" + row(bad, "坏企业", town()));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).isEqualTo(1);
        assertThat(rejectedLines(r)).containsExactly(3L);
    }

    @Test
    void windowsLineBreaksAndBlankLinesDoNotShiftTheLineNumbers() {
        String good = Api.creditCode();
        String bad = withWrongCheckCharacter(Api.creditCode());

        Api.Response r = upload(HEADER + "\r\n" + row(good, "好企业", town()) + "\r\n\r\n" + row(bad, "坏企业", town())
                + "\r\n");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).isEqualTo(1);
        assertThat(rejectedLines(r)).containsExactly(4L);
    }

    /** QA: every other fault says the value read; an unknown specialist's said only what it must be. */
    @Test
    void anUnknownSpecialistIsQuotedAsRead() {
        String nobody = "nobody-" + Api.creditCode().substring(12).toLowerCase();
        Api.Response r = upload(csv(HEADER, Api.creditCode() + ",无此专员企业,某镇,泵业,true,false,\u00a0" + nobody));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode error = r.json().get("rejected").get(0).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("specialist");
        assertThat(error.get("message").asText()).contains(nobody).startsWith("no account has the user name");
    }

    /** An account of another role (a leader) is no typo: the line's fault says it is that account, not that none is. */
    @Test
    void aSpecialistOfAnotherRoleIsSaidToBeThatAccount() {
        Api.Response r = upload(csv(HEADER, Api.creditCode() + ",领导不是专员企业,某镇,泵业,true,false,leader"));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode line = r.json().get("rejected").get(0);
        assertThat(line.get("value").asText()).isEqualTo("leader");
        assertThat(line.get("errors")).hasSize(1);
        assertThat(line.get("errors").get(0).get("field").asText()).isEqualTo("specialist");
        assertThat(line.get("errors").get(0).get("message").asText()).isEqualTo("the account leader is not a service "
                + "staff account (its role is LEADER): a resident specialist must be the user name of a service staff "
                + "account");
    }

    @Test
    void aRejectedRowLeavesTheEnterpriseOnFileAsItWas() {
        String code = api.enterprise("原样企业", "原镇");

        Api.Response r = upload(csv(HEADER, code + ",改名企业,新镇,泵业,true,false,leader"));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("updated").asInt()).isZero();
        assertThat(rejectedLines(r)).containsExactly(2L);
        assertThat(r.json().get("rejected").get(0).get("message").asText()).contains("specialist");
        assertThat(profile(code).get("name").asText()).isEqualTo("原样企业");
    }

    /**
     * A credit code on two lines of one file (the tester's rows 2 and 3, one enterprise typed twice): the later line is
     * refused naming the earlier one, which is filed as it is; the counts say one created, none updated. Before, the
     * later line silently overwrote the earlier (新建 2 家，更新 1 家 for one enterprise, row 2's name lost).
     */
    @Test
    void aCodeAlreadyOnAnEarlierLineOfTheFileIsRefusedNamingThatLine() {
        String code = Api.creditCode();
        String other = Api.creditCode();
        String town = town();

        byte[] body = csv(HEADER, row(code, "第一次", town), row(code, "第二次", town), row(other, "另一家", town))
                .getBytes(StandardCharsets.UTF_8);
        Api.Response r = api.perform(MockMvcRequestBuilders.post("/api/enterprises/import")
                .contentType("text/csv").header("Accept-Language", "zh-CN").content(body), "admin");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).as(r.text()).isEqualTo(2);
        assertThat(r.json().get("updated").asInt()).as(r.text()).isZero();
        assertThat(rejectedLines(r)).containsExactly(3L);
        JsonNode line = r.json().get("rejected").get(0);
        assertThat(line.get("errors").findValuesAsText("field")).containsExactly("creditCode");
        assertThat(line.get("message").asText()).contains("creditCode：与第 2 行重复（");
        assertThat(line.get("value").asText()).isEqualTo(code);
        assertThat(profile(code).get("name").asText()).isEqualTo("第一次");
        assertThat(profile(other).get("name").asText()).isEqualTo("另一家");
    }

    /**
     * The same code typed in full-width digits and lower case (a Chinese input method) is the same code, as the
     * import files it: the later line is refused, and its other faults are said beside the repetition; a code on
     * file already is updated by its first line only.
     */
    @Test
    void aCodeRepeatedInFullWidthIsTheSameCodeAndTheLinesOtherFaultsAreSaidToo() {
        String onFile = api.enterprise("已建档企业", "旧镇");
        String town = town();

        Api.Response r = upload(csv(HEADER, row(onFile, "第一次更名", town),
                Api.fullWidth(onFile.toLowerCase()) + ",第二次更名," + town + ",泵业,是的,false,staff1"));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).as(r.text()).isZero();
        assertThat(r.json().get("updated").asInt()).as(r.text()).isEqualTo(1);
        assertThat(rejectedLines(r)).containsExactly(3L);
        JsonNode line = r.json().get("rejected").get(0);
        assertThat(line.get("errors").findValuesAsText("field")).containsExactly("creditCode", "exporter");
        assertThat(line.get("message").asText()).contains("creditCode: repeats line 2 (");
        assertThat(profile(onFile).get("name").asText()).isEqualTo("第一次更名");
    }

    /**
     * (addition) A name an enterprise on file has under another credit code, compared as the enterprise form asks
     * about it (brackets' width and spaces aside), is imported as before and said in {@code notices} by the name, as
     * is a name an earlier line of the file gave another code (said on the later line); a line keeping the name its
     * code has on file says nothing, and a line refused says no notice. Before, such a name was filed without a word.
     */
    @Test
    void aNameOnFileUnderAnotherCodeOrOnAnEarlierLineIsImportedAndSaid() {
        String suffix = Api.creditCode().substring(12);
        String name = "同名泵业（温岭）有限公司" + suffix;
        String onFile = api.enterprise(name, "城东镇");
        String town = town();
        String namesake = Api.creditCode();
        String halfWidth = Api.creditCode();
        String first = Api.creditCode();
        String second = Api.creditCode();
        Api.Response r = upload(csv(HEADER,
                row(onFile, name, town),                                          // 2: its own name: nothing said
                row(namesake, name, town),                                        // 3: on file under onFile
                row(halfWidth, name.replace('（', '(').replace('）', ')'), town),  // 4: the same, half-width brackets
                row(first, "同名新厂" + suffix, town),                             // 5
                row(second, "同名 新厂" + suffix, town),                           // 6: line 5's name, a space typed in
                "123,同名新厂" + suffix + "," + town + ",泵业,true,false,staff1"));  // 7: refused, no notice

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).as(r.text()).isEqualTo(4);
        assertThat(r.json().get("updated").asInt()).as(r.text()).isEqualTo(1);
        assertThat(rejectedLines(r)).containsExactly(7L);
        List<JsonNode> said = new java.util.ArrayList<>();
        r.json().get("notices").forEach(n -> {
            if (n.get("field").asText().equals("name")) {
                said.add(n);
            }
        });
        assertThat(said).extracting(n -> n.get("line").asLong()).containsExactly(3L, 4L, 6L);
        assertThat(said.get(0).get("value").asText()).isEqualTo(name);
        assertThat(said.get(0).get("message").asText())
                .isEqualTo("an enterprise named \"" + name + "\" is on file already (unified social credit code "
                        + onFile + "); make sure it is not the same enterprise");
        assertThat(said.get(1).get("value").asText()).isEqualTo(name.replace('（', '(').replace('）', ')'));
        assertThat(said.get(1).get("message").asText()).contains("\"" + name + "\"", onFile);
        assertThat(said.get(2).get("message").asText())
                .isEqualTo("has the name of line 5, \"同名新厂" + suffix + "\" (unified social credit code " + first
                        + "); make sure it is not the same enterprise");
        assertThat(r.json().get("notices").get(0).get("field").asText()).as("the new town first, line 2").isEqualTo("town");
        for (String code : List.of(namesake, halfWidth, first, second)) {
            assertThat(onFile(code)).as(code).isTrue();
        }

        // in Chinese, every namesake on file named (the file has two of that name now)
        String third = Api.creditCode();
        Api.Response chinese = api.perform(MockMvcRequestBuilders.post("/api/enterprises/import").contentType("text/csv")
                .header("Accept-Language", "zh-CN").content(csv(HEADER, row(third, name, town))
                        .getBytes(StandardCharsets.UTF_8)), "admin");
        assertThat(chinese.json().get("notices")).hasSize(1);
        assertThat(chinese.json().get("notices").get(0).get("message").asText()).isEqualTo(
                "已有同名企业「" + name + "」（统一社会信用代码 " + String.join(", ", java.util.stream.Stream.of(onFile, namesake)
                        .sorted().toList()) + "），请确认不是同一家企业");
        assertThat(onFile(third)).isTrue();
    }

    /**
     * (addition) A rejected line gives the line's enterprise name and credit code as read ({@code name},
     * {@code creditCode}: trimmed, the first 40 characters and … when longer, null when blank) beside every fault of
     * it, so that a clerk finds the row in the sheet.
     */
    @Test
    void aRejectedLineGivesItsNameAndCreditCodeAsRead() {
        String town = town();
        String longName = "很长的名称".repeat(9);
        Api.Response r = upload(csv(HEADER,
                "123,  坏代码有限公司  ," + town + ",泵业,true,false,leader",
                "456,\"" + longName + "\"," + town + ",泵业,true,false,staff1",
                "," + "," + town + ",泵业,true,false,staff1"));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(rejectedLines(r)).containsExactly(2L, 3L, 4L);
        JsonNode bad = r.json().get("rejected").get(0);
        assertThat(bad.get("name").asText()).isEqualTo("坏代码有限公司");
        assertThat(bad.get("creditCode").asText()).isEqualTo("123");
        assertThat(bad.get("errors").findValuesAsText("field")).containsExactly("creditCode", "specialist");
        assertThat(r.json().get("rejected").get(1).get("name").asText()).isEqualTo(longName.substring(0, 40) + "…");
        JsonNode blank = r.json().get("rejected").get(2);
        assertThat(blank.get("name").isNull()).as(blank.toString()).isTrue();
        assertThat(blank.get("creditCode").isNull()).as(blank.toString()).isTrue();
    }

    /**
     * A code filed by another request after the import looked for it (the same file sent twice at once, a clerk
     * filing it meanwhile) is on file when its line is written: the line updates it and counts as updated, as it
     * would a moment later, and the lines after it are imported as well.
     */
    @Test
    void aCodeFiledMeanwhileIsUpdatedAndCountedSoAndTheLinesAfterItAreKept() throws Exception {
        String taken = Api.creditCode();
        String fresh = Api.creditCode();
        String town = town();

        Api.Response r = race.loser("enterprise",
                () -> enterprises.create(new EnterpriseForm(taken, "先登记的名称", "先登记镇", "泵业", true, false,
                        "staff1", null, null)),
                () -> upload(csv(HEADER, row(taken, "导入的名称", town), row(fresh, "导入的新企业", town))));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).as(r.text()).isEqualTo(1);
        assertThat(r.json().get("updated").asInt()).as(r.text()).isEqualTo(1);
        assertThat(r.json().get("rejected")).isEmpty();
        assertThat(profile(taken).get("name").asText()).isEqualTo("导入的名称");
        assertThat(profile(taken).get("town").asText()).isEqualTo(town);
        assertThat(profile(fresh).get("name").asText()).isEqualTo("导入的新企业");
    }

    @Test
    void anUpdatedNameShowsInTheEnterprisesTickets() {
        String code = api.enterprise("改名前有限公司", "改名前镇");
        List<JsonNode> tickets = api.visit(code, List.of(Api.problem("CONTAINER", "集装箱紧张"),
                Api.problem("OTHER", "其他问题")));
        assertThat(tickets).allSatisfy(t -> assertThat(t.get("enterpriseName").asText()).isEqualTo("改名前有限公司"));

        Api.Response r = upload(csv(HEADER, code + ",改名后有限公司,改名后镇,泵业,true,false,staff1"));

        assertThat(r.json().get("updated").asInt()).as(r.text()).isEqualTo(1);
        for (JsonNode t : tickets) {
            JsonNode now = api.get("/api/tickets/" + t.get("id").asText(), "leader").json();
            assertThat(now.get("enterpriseName").asText()).isEqualTo("改名后有限公司");
            assertThat(now.get("town").asText()).isEqualTo("改名后镇");
        }
        JsonNode seenByTransport = api.get("/api/tickets/" + tickets.get(0).get("id").asText(), "transport").json();
        assertThat(seenByTransport.get("enterpriseName").asText()).isEqualTo("改名后有限公司");
    }

    @Test
    void chineseTextRoundTripsUnchanged() {
        String code = Api.creditCode();
        String name = "\"台州市黄岩区（东城街道）模具有限公司,出口部\"";

        Api.Response r = upload(csv(HEADER, code + "," + name + ",黄岩区·东城街道,模具／塑料,是,否,staff1"));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).isEqualTo(1);
        JsonNode p = profile(code);
        assertThat(p.get("name").asText()).isEqualTo("台州市黄岩区（东城街道）模具有限公司,出口部");
        assertThat(p.get("town").asText()).isEqualTo("黄岩区·东城街道");
        assertThat(p.get("industry").asText()).isEqualTo("模具／塑料");
        assertThat(p.get("exporter").asBoolean()).isTrue();
        assertThat(p.get("key").asBoolean()).isFalse();
        Api.Response found = api.get("/api/enterprises?q=模具有限公司,出口部", "leader");
        assertThat(found.json().get("items").findValuesAsText("creditCode")).contains(code);
    }

    @Test
    void aUtf8ByteOrderMarkAsExcelWritesItIsAccepted() {
        String code = Api.creditCode();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        body.writeBytes(csv(HEADER, row(code, "带BOM企业", "椒江区")).getBytes(StandardCharsets.UTF_8));

        Api.Response r = upload(body.toByteArray(), "text/csv", "admin");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).isEqualTo(1);
        assertThat(r.json().get("rejected")).isEmpty();
        assertThat(profile(code).get("name").asText()).isEqualTo("带BOM企业");
    }

    @Test
    void aCharsetParameterOnTheMediaTypeIsAccepted() {
        String code = Api.creditCode();

        Api.Response r = upload(csv(HEADER, row(code, "字符集企业", "椒江区")).getBytes(StandardCharsets.UTF_8),
                "text/csv;charset=UTF-8", "admin");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(onFile(code)).isTrue();
    }

    /** Excel 2013 and WPS save CSV on Chinese Windows as GBK: read as GB18030 (its superset), and said so. */
    @Test
    void aGbkFileAsExcelSavesItOnChineseWindowsIsReadAsGb18030AndSaysSo() {
        String code = Api.creditCode();
        String town = town();
        byte[] gbk = csv("统一社会信用代码,企业名称,镇（街道）,行业,外贸企业,重点企业,驻企服务专员",
                code + ",国标编码泵业有限公司," + town + ",水泵,是,否,staff1").getBytes(Charset.forName("GB18030"));

        Api.Response r = upload(gbk, "text/csv", "admin");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).isEqualTo(1);
        assertThat(r.json().get("rejected")).isEmpty();
        assertThat(r.json().get("encoding").asText()).isEqualTo("GB18030");
        JsonNode p = profile(code);
        assertThat(p.get("name").asText()).isEqualTo("国标编码泵业有限公司");
        assertThat(p.get("town").asText()).isEqualTo(town);
        assertThat(p.get("exporter").asBoolean()).isTrue();

        Api.Response utf8 = upload(csv(HEADER, row(Api.creditCode(), "统一码企业", town)));
        assertThat(utf8.json().get("encoding").asText()).isEqualTo("UTF-8");
    }

    @Test
    void bytesThatAreNeitherUtf8NorGb18030AreRejectedWholeAndNothingIsFiled() {
        String code = Api.creditCode();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(csv(HEADER, row(code, "坏字节企业", "椒江区")).getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xFF, (byte) 0x80, '\n'});

        Api.Response r = upload(body.toByteArray(), "text/csv", "admin");

        EnterpriseWebTests.assertFieldErrors(r, "body");
        assertThat(r.json().get("detail").asText()).contains("UTF-8");
        assertThat(onFile(code)).isFalse();
    }

    @Test
    void aWrongHeaderIsRejectedWholeAndNothingIsFiled() {
        String code = Api.creditCode();

        Api.Response r = upload(csv("统一社会信用代码,名称,镇街,行业,出口,重点,专员", row(code, "表头错误企业", "椒江区")));

        EnterpriseWebTests.assertFieldErrors(r, "header");
        assertThat(onFile(code)).isFalse();

        Api.Response noHeader = upload(csv(row(code, "没有表头企业", "椒江区")));
        EnterpriseWebTests.assertFieldErrors(noHeader, "header");
        assertThat(onFile(code)).isFalse();
    }

    /** An administrator's file exported from Excel names the columns in Chinese, as the form and the template do. */
    @Test
    void theColumnsMayBeNamedByTheirChineseLabels() {
        String code = Api.creditCode();

        Api.Response r = upload(csv("统一社会信用代码,企业名称,镇（街道）,行业,外贸企业,重点企业,驻企服务专员",
                code + ",中文表头企业,椒江区,汽摩配,否,是,staff2"));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).isEqualTo(1);
        assertThat(r.json().get("rejected")).isEmpty();
        JsonNode p = profile(code);
        assertThat(p.get("name").asText()).isEqualTo("中文表头企业");
        assertThat(p.get("town").asText()).isEqualTo("椒江区");
        assertThat(p.get("exporter").asBoolean()).isFalse();
        assertThat(p.get("key").asBoolean()).isTrue();
        assertThat(p.get("specialist").asText()).isEqualTo("staff2");
    }

    /** English and Chinese names mixed, in another order, as Excel users write them: spaces, 镇(街道), a BOM. */
    @Test
    void chineseAndEnglishNamesMixInAnyOrderWithHalfWidthParenthesesAndSpaces() {
        String code = Api.creditCode();
        String header = "\uFEFF 企业名称 ,creditCode,镇(街道),industry,外贸企业\u3000,KEY, 驻企服务专员";

        Api.Response r = upload(csv(header, "混合表头企业," + code + ",路桥区,鞋业,是,否,staff1"));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("rejected")).isEmpty();
        JsonNode p = profile(code);
        assertThat(p.get("name").asText()).isEqualTo("混合表头企业");
        assertThat(p.get("town").asText()).isEqualTo("路桥区");
        assertThat(p.get("industry").asText()).isEqualTo("鞋业");
        assertThat(p.get("exporter").asBoolean()).isTrue();
        assertThat(p.get("key").asBoolean()).isFalse();
    }

    /**
     * A column missing is named as the API names it: in English by field, as before; in Chinese by label. A
     * column named twice, once in each language, is refused rather than one of them read.
     */
    @Test
    void aMissingOrRepeatedColumnIsNamedAndNothingIsFiled() {
        String code = Api.creditCode();
        byte[] misspelled = csv("统一社会信用代码,企业名,镇（街道）,行业,外贸企业,重点企业,驻企服务专员",
                row(code, "表头错字企业", "椒江区")).getBytes(StandardCharsets.UTF_8);

        Api.Response english = upload(misspelled, "text/csv", "admin");
        EnterpriseWebTests.assertFieldErrors(english, "header");
        assertThat(english.firstFault().get("message").asText())
                .isEqualTo("line 1 must name the columns " + HEADER + " (or by their Chinese names 统一社会信用代码、企业名称、"
                        + "镇（街道）、行业、外贸企业、重点企业、驻企服务专员); missing: name (企业名称)");
        Api.Response chinese = api.perform(MockMvcRequestBuilders.post("/api/enterprises/import")
                .contentType("text/csv").header("Accept-Language", "zh-CN").content(misspelled), "admin");
        assertThat(chinese.firstFault().get("message").asText()).endsWith("缺少：企业名称（name）")
                .contains("统一社会信用代码、企业名称、镇（街道）、行业、外贸企业、重点企业、驻企服务专员");

        Api.Response twice = upload(csv(HEADER + ",企业名称", row(code, "两个名称企业", "椒江区") + ",另一个名称"));
        EnterpriseWebTests.assertFieldErrors(twice, "header");
        assertThat(twice.firstFault().get("message").asText()).contains("name").contains("twice");
        assertThat(onFile(code)).isFalse();
    }

    @Test
    void csvThatCannotBeParsedIsRejectedWholeAndNothingIsFiled() {
        String good = Api.creditCode();
        String broken = Api.creditCode();

        Api.Response r = upload(csv(HEADER, row(good, "好企业", town()),
                broken + ",\"没有结束的引号,椒江区,泵业,true,false,staff1"));

        EnterpriseWebTests.assertProblem(r, 400);
        assertThat(onFile(good)).isFalse();
        assertThat(onFile(broken)).isFalse();
    }

    /**
     * A quoted field never closed, or text after a closing quote, is said by what is wrong and the line commons-csv
     * names, in the request's language, never in commons-csv's English ("EOF reached before encapsulated token
     * finished", "Invalid character between encapsulated token and delimiter"); nothing is filed.
     */
    @Test
    void csvThatCannotBeParsedIsSaidByItsCauseAndLineNotByTheParsersWords() {
        String good = Api.creditCode();
        byte[] unclosed = csv(HEADER, row(good, "好企业", town()),
                Api.creditCode() + ",\"没有结束的引号,椒江区,泵业,true,false,staff1").getBytes(StandardCharsets.UTF_8);
        byte[] after = csv(HEADER, row(good, "好企业", town()), row("\"" + Api.creditCode() + "\"x", "引号后有字", "椒江区"))
                .getBytes(StandardCharsets.UTF_8);

        Api.Response chinese = api.perform(MockMvcRequestBuilders.post("/api/enterprises/import")
                .contentType("text/csv").header("Accept-Language", "zh-CN").content(unclosed), "admin");
        EnterpriseWebTests.assertFieldErrors(chinese, "body");
        assertThat(chinese.firstFault().get("message").asText()).startsWith("不是可读的 CSV：第 3 行的字段以英文引号（\"）开头，"
                + "但直到文件末尾都没有与它配对的引号");
        assertThat(chinese.json().get("detail").asText()).doesNotContain("EOF").doesNotContain("encapsulated");
        assertThat(upload(unclosed, "text/csv", "admin").firstFault().get("message").asText())
                .startsWith("is not readable CSV: a field on line 3 opens with a quote (\") that is never closed");

        Api.Response afterQuote = api.perform(MockMvcRequestBuilders.post("/api/enterprises/import")
                .contentType("text/csv").header("Accept-Language", "zh-CN").content(after), "admin");
        EnterpriseWebTests.assertFieldErrors(afterQuote, "body");
        assertThat(afterQuote.firstFault().get("message").asText())
                .startsWith("不是可读的 CSV：第 3 行有加引号的字段，结束的引号（\"）之后、下一个逗号之前还有字符")
                .doesNotContain("Invalid");
        assertThat(upload(after, "text/csv", "admin").firstFault().get("message").asText())
                .startsWith("is not readable CSV: on line 3 a quoted field has more after its closing quote");
        assertThat(onFile(good)).isFalse();
    }

    @Test
    void aFileOverTheBodyLimitIs413() {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        String code = Api.creditCode();
        csv.append(row(code, "超大文件企业", "椒江区")).append('\n');
        while (csv.length() < 1_100_000) {
            csv.append(row(Api.creditCode(), "填充企业", "椒江区")).append('\n');
        }

        Api.Response r = upload(csv.toString());

        EnterpriseWebTests.assertProblem(r, 413);
        assertThat(onFile(code)).isFalse();
    }

    @Test
    void aHeaderWithoutRowsImportsNothing() {
        Api.Response r = upload(csv(HEADER));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).isZero();
        assertThat(r.json().get("updated").asInt()).isZero();
        assertThat(r.json().get("rejected")).isEmpty();
    }

    @Test
    void anEmptyBodyIsABadRequest() {
        EnterpriseWebTests.assertProblem(upload(new byte[0], "text/csv", "admin"), 400);
    }

    @Test
    void jsonIsAnUnsupportedMediaType() {
        String code = Api.creditCode();
        byte[] json = api.write(Map.of("creditCode", code, "name", "JSON企业")).getBytes(StandardCharsets.UTF_8);

        Api.Response r = upload(json, "application/json", "admin");

        EnterpriseWebTests.assertProblem(r, 415);
        assertThat(onFile(code)).isFalse();
    }

    @Test
    void onlyAdminMayImport() {
        String code = Api.creditCode();
        byte[] body = csv(HEADER, row(code, "越权导入企业", "椒江区")).getBytes(StandardCharsets.UTF_8);

        for (String user : List.of("staff1", "dispatch", "commerce", "leader")) {
            EnterpriseWebTests.assertProblem(upload(body, "text/csv", user), 403);
        }
        assertThat(onFile(code)).isFalse();
    }

    @Test
    void withoutCredentialsTheAnswerIs401WithABasicChallenge() {
        String code = Api.creditCode();

        Api.Response r = upload(csv(HEADER, row(code, "匿名导入企业", "椒江区")).getBytes(StandardCharsets.UTF_8),
                "text/csv", null);

        EnterpriseWebTests.assertProblem(r, 401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(onFile(code)).isFalse();
    }

    /** The value at fault as read, cut to 40 characters; the yes/no columns' fault says what they take. */
    @Test
    void aRejectedLineGivesTheValueAtFaultAndTheYesNoFaultSaysWhatTheColumnTakes() {
        String town = town();
        String longName = "很长的企业名称".repeat(40);
        byte[] body = csv(HEADER, Api.creditCode() + ",是的企业," + town + ",泵业,是的,否,staff1",
                Api.creditCode() + "," + longName + "," + town + ",泵业,是,否,staff1",
                Api.creditCode() + ",少一列," + town + ",泵业,true,false").getBytes(StandardCharsets.UTF_8);

        Api.Response chinese = api.perform(MockMvcRequestBuilders.post("/api/enterprises/import")
                .contentType("text/csv").header("Accept-Language", "zh-CN").content(body), "admin");

        assertThat(chinese.status()).as(chinese.text()).isEqualTo(200);
        JsonNode yesNo = chinese.json().get("rejected").get(0);
        assertThat(yesNo.get("value").asText()).isEqualTo("是的");
        assertThat(yesNo.get("errors").get(0).get("message").asText())
                .isEqualTo("不是 是/否/true/false 之一（1/0、yes/no、y/n 亦可，留空算 否）");
        JsonNode tooLong = chinese.json().get("rejected").get(1);
        assertThat(tooLong.get("errors").get(0).get("field").asText()).isEqualTo("name");
        assertThat(tooLong.get("value").asText()).isEqualTo(longName.substring(0, 40) + "…");
        assertThat(chinese.json().get("rejected").get(2).get("value").isNull()).as("a fault of the whole line").isTrue();

        Api.Response english = upload(body, "text/csv", "admin");
        assertThat(messages(english).get(0)).isEqualTo("exporter: is not one of 是/否, true/false, 1/0, yes/no, y/n "
                + "(blank is no)");
    }

    /**
     * A yes/no column's bad value is one fault of its line among the others, said in the columns' order: before, it
     * stopped the line's check, and the page showed it alone, the line's other faults coming only with the next try.
     * The refused line's new town is not remembered: the next line naming it is told of it.
     */
    @Test
    void aBadYesNoValueIsSaidBesideTheLinesOtherFaults() {
        String bad = withWrongCheckCharacter(Api.creditCode());
        String town = town();
        String good = Api.creditCode();

        Api.Response r = upload(csv(HEADER, bad + ",多处有误企业," + town + ",泵业,是的,不,nobody",
                row(good, "同镇企业", town)));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(rejectedLines(r)).containsExactly(2L);
        JsonNode line = r.json().get("rejected").get(0);
        assertThat(line.get("errors").findValuesAsText("field"))
                .containsExactly("creditCode", "exporter", "key", "specialist");
        assertThat(line.get("value").asText()).as("the first column at fault").isEqualTo(bad);
        assertThat(line.get("message").asText()).startsWith("creditCode: check character does not match");
        assertThat(r.json().get("created").asInt()).isEqualTo(1);
        assertThat(r.json().get("notices").findValuesAsText("line")).containsExactly("3");
    }

    /** Excel writes a row of empty cells as ",,,,,,": passed over and counted, not a fault; line numbers hold. */
    @Test
    void linesOfOnlyCommasOrSpacesAreSkippedAndCounted() {
        String good = Api.creditCode();
        String bad = withWrongCheckCharacter(Api.creditCode());

        Api.Response r = upload(HEADER + "\r\n" + row(good, "空行之前企业", town()) + "\r\n,,,,,,\r\n   \r\n\r\n"
                + row(bad, "空行之后企业", town()) + "\r\n , ,,,\u3000,,\r\n");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).isEqualTo(1);
        assertThat(rejectedLines(r)).containsExactly(6L);
        assertThat(r.json().get("skipped").asInt()).isEqualTo(4);
        assertThat(upload(csv(HEADER, row(Api.creditCode(), "无空行企业", town()))).json().get("skipped").asInt())
                .isZero();
    }

    /** A credit code Excel turned into 9.13311E+17 (the column was a number) says what happened and how to mend it. */
    @Test
    void aCreditCodeInScientificNotationGetsAHint() {
        byte[] body = csv(HEADER, "9.13311E+17,科学计数企业," + town() + ",泵业,是,否,staff1",
                "91331100E+10,科学计数企业二," + town() + ",泵业,是,否,staff1",
                "123,短代码企业," + town() + ",泵业,是,否,staff1").getBytes(StandardCharsets.UTF_8);

        Api.Response chinese = api.perform(MockMvcRequestBuilders.post("/api/enterprises/import")
                .contentType("text/csv").header("Accept-Language", "zh-CN").content(body), "admin");

        assertThat(chinese.status()).as(chinese.text()).isEqualTo(200);
        JsonNode rejected = chinese.json().get("rejected");
        assertThat(rejected.get(0).get("errors").get(0).get("message").asText())
                .isEqualTo("必须是 18 个字符；像是被 Excel 转成了科学计数法，请把该列设为“文本”后重新填写");
        assertThat(rejected.get(0).get("value").asText()).isEqualTo("9.13311E+17");
        assertThat(rejected.get(1).get("errors").get(0).get("message").asText()).contains("科学计数法");
        assertThat(rejected.get(2).get("errors").get(0).get("message").asText()).isEqualTo("必须是 18 个字符");

        Api.Response english = upload(body, "text/csv", "admin");
        assertThat(messages(english).get(0)).startsWith("creditCode: must be 18 characters; it looks like Excel turned "
                + "it into scientific notation");
    }

    /**
     * A town no enterprise on file is in is imported and said once (a notice, not a fault); one that is a town on file
     * but for its spaces is a typo that would split that town's figures: refused, naming the town on file. A town new
     * in the file counts as on file for its later lines.
     */
    @Test
    void aNewTownIsANoticeAndOneThatDiffersFromATownOnFileOnlyInSpacesIsRefused() {
        String suffix = Api.creditCode().substring(12);
        String known = "大桥镇" + suffix;
        api.enterprise("大桥镇原有企业", known);
        String spaced = "大桥 镇" + suffix;
        String fresh = "新设镇" + suffix;
        String good = Api.creditCode();
        String twin = Api.creditCode();
        String first = Api.creditCode();
        String second = Api.creditCode();
        String freshTwin = Api.creditCode();
        byte[] body = csv(HEADER, row(good, "已有镇企业", known),                    // line 2: on file
                row(twin, "空格镇企业", spaced),                                      // line 3: refused
                row(first, "新镇企业一", fresh),                                      // line 4: new, said
                row(second, "新镇企业二", fresh),                                     // line 5: said once
                row(freshTwin, "新镇空格企业", "新设\u3000镇" + suffix)).getBytes(StandardCharsets.UTF_8); // line 6

        Api.Response chinese = api.perform(MockMvcRequestBuilders.post("/api/enterprises/import")
                .contentType("text/csv").header("Accept-Language", "zh-CN").content(body), "admin");

        assertThat(chinese.status()).as(chinese.text()).isEqualTo(200);
        assertThat(chinese.json().get("created").asInt()).isEqualTo(3);
        assertThat(rejectedLines(chinese)).containsExactly(3L, 6L);
        JsonNode refused = chinese.json().get("rejected").get(0);
        assertThat(refused.get("errors").get(0).get("field").asText()).isEqualTo("town");
        assertThat(refused.get("errors").get(0).get("message").asText()).startsWith("与已有的镇（街道）「" + known + "」只差空格");
        assertThat(refused.get("value").asText()).isEqualTo(spaced);
        assertThat(chinese.json().get("rejected").get(1).get("errors").get(0).get("message").asText())
                .contains("「" + fresh + "」");
        JsonNode notices = chinese.json().get("notices");
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).get("line").asLong()).isEqualTo(4);
        assertThat(notices.get(0).get("field").asText()).isEqualTo("town");
        assertThat(notices.get(0).get("value").asText()).isEqualTo(fresh);
        assertThat(notices.get(0).get("message").asText()).startsWith("新的镇（街道）「" + fresh + "」");
        assertThat(onFile(twin)).isFalse();
        assertThat(onFile(freshTwin)).isFalse();
        assertThat(profile(second).get("town").asText()).isEqualTo(fresh);

        // the same rule for one enterprise filed through the API, as the page's form files it
        Api.Response one = api.post("/api/enterprises", "staff1", Map.of("creditCode", Api.creditCode(),
                "name", "单个空格镇企业", "town", spaced));
        EnterpriseWebTests.assertFieldErrors(one, "town");
        assertThat(one.firstFault().get("message").asText()).contains("\"" + known + "\"").contains("spaces");
    }

    /**
     * Only the spaced spelling is refused: a town filed with a space before its twin was (none on file to compare
     * it with) never makes the right spelling wrong, so its enterprises can be corrected one by one, and once the
     * right one is on file the spaced one is refused from then on, also for an enterprise that still has it.
     */
    @Test
    void aSpacedTownOnFileDoesNotMakeTheRightSpellingWrong() {
        String suffix = Api.creditCode().substring(12);
        String spaced = "甲乙 镇" + suffix;
        String right = "甲乙镇" + suffix;
        String first = Api.creditCode();
        assertThat(api.post("/api/enterprises", "staff1", Map.of("creditCode", first, "name", "先建档企业",
                "town", spaced)).status()).as("no twin on file to compare it with").isEqualTo(201);

        String second = Api.creditCode();
        Api.Response rightOne = api.post("/api/enterprises", "staff1", Map.of("creditCode", second,
                "name", "后建档企业", "town", right));
        assertThat(rightOne.status()).as(rightOne.text()).isEqualTo(201);

        Api.Response keptSpaced = api.call(HttpMethod.PUT, "/api/enterprises/" + first, "staff1", Map.of("creditCode", first,
                "name", "先建档企业改名", "town", spaced));
        EnterpriseWebTests.assertFieldErrors(keptSpaced, "town");
        assertThat(keptSpaced.firstFault().get("message").asText()).contains("\"" + right + "\"");
        Api.Response corrected = api.call(HttpMethod.PUT, "/api/enterprises/" + first, "staff1", Map.of("creditCode", first,
                "name", "先建档企业", "town", right));
        assertThat(corrected.status()).as(corrected.text()).isEqualTo(200);
        assertThat(profile(first).get("town").asText()).isEqualTo(right);
    }
}
