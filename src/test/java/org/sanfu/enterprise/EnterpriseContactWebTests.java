package org.sanfu.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanfu.enterprise.EnterpriseWebTests.assertFieldErrors;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * An enterprise's contact (联系人, 联系电话): filed and corrected through the API and the form, imported with the two
 * optional columns of a CSV or a workbook, shown with a tel: link on the enterprise's page and to whoever reads its
 * ticket, and addressed by the feedback link's 用短信发送 when it is a mobile number. Each test files its own
 * enterprises under random credit codes.
 */
@SanfuTest
class EnterpriseContactWebTests {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String HEADER = "creditCode,name,town,industry,exporter,key,specialist";

    @Autowired
    Api api;
    @Autowired
    Pages pages;

    private static Map<String, Object> form(String code, String name, String contactName, String contactPhone) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("creditCode", code);
        form.put("name", name);
        form.put("town", "联系镇");
        form.put("specialist", "staff1");
        form.put("contactName", contactName);
        form.put("contactPhone", contactPhone);
        return form;
    }

    private String filed(String contactName, String contactPhone) {
        String code = Api.creditCode();
        Api.Response r = api.post("/api/enterprises", "staff1", form(code, "联系人企业" + code.substring(10),
                contactName, contactPhone));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return code;
    }

    private JsonNode profile(String code) {
        Api.Response r = api.get("/api/enterprises/" + code, "leader");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    // --- the API -------------------------------------------------------------------------------

    @Test
    void aContactIsFiledAndCorrectedWithItsChineseNameAsMeant() {
        String code = Api.creditCode();
        // a name's ends lose their spaces (a no-break one too); a telephone typed with a Chinese input method is ASCII
        Api.Response created = api.post("/api/enterprises", "staff1", form(code, "联系人企业" + code.substring(10),
                "\u00A0王丽 ", "１３８-００００-１２３４"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("contactName").asText()).isEqualTo("王丽");
        assertThat(created.json().get("contactPhone").asText()).isEqualTo("138-0000-1234");
        assertThat(profile(code).get("contactName").asText()).isEqualTo("王丽");
        assertThat(profile(code).get("contactPhone").asText()).isEqualTo("138-0000-1234");

        Api.Response corrected = api.call(HttpMethod.PUT, "/api/enterprises/" + code, "staff1",
                form(code, "联系人企业" + code.substring(10), "欧阳　建国", "0576-8888 1234 转 8001"));
        assertThat(corrected.status()).as(corrected.text()).isEqualTo(200);
        assertThat(corrected.json().get("contactName").asText()).isEqualTo("欧阳　建国");
        assertThat(profile(code).get("contactPhone").asText()).isEqualTo("0576-8888 1234 转 8001");

        // an integrator's correction written before the contact existed leaves it as filed
        Map<String, Object> without = form(code, "联系人企业" + code.substring(10), null, null);
        without.remove("contactName");
        without.remove("contactPhone");
        without.put("industry", "泵业");
        Api.Response kept = api.call(HttpMethod.PUT, "/api/enterprises/" + code, "admin", without);
        assertThat(kept.status()).as(kept.text()).isEqualTo(200);
        assertThat(kept.json().get("industry").asText()).isEqualTo("泵业");
        assertThat(profile(code).get("contactName").asText()).isEqualTo("欧阳　建国");
        assertThat(profile(code).get("contactPhone").asText()).isEqualTo("0576-8888 1234 转 8001");

        // null (or blank) takes it away, each part on its own
        Map<String, Object> phoneTakenAway = new LinkedHashMap<>(without);
        phoneTakenAway.put("contactPhone", null);
        assertThat(api.call(HttpMethod.PUT, "/api/enterprises/" + code, "admin", phoneTakenAway).status()).isEqualTo(200);
        assertThat(profile(code).get("contactName").asText()).isEqualTo("欧阳　建国");
        assertThat(profile(code).get("contactPhone").isNull()).isTrue();
        Map<String, Object> cleared = new LinkedHashMap<>(phoneTakenAway);
        cleared.put("contactName", " ");
        assertThat(api.call(HttpMethod.PUT, "/api/enterprises/" + code, "admin", cleared).status()).isEqualTo(200);
        assertThat(profile(code).get("contactName").isNull()).isTrue();
        assertThat(profile(code).has("contactPhone")).as("null when none, never left out").isTrue();
    }

    @Test
    void aBadTelephoneOrAnOverlongNameIs400NamingItAndNothingIsStored() {
        String code = Api.creditCode();
        Api.Response refused = api.post("/api/enterprises", "staff1", form(code, "坏电话企业", "王丽", "请打办公室"));
        assertFieldErrors(refused, "contactPhone");
        // in the account's words for its telephone (the API answers in English without an Accept-Language)
        assertThat(refused.json().get("errors").get(0).get("message").asText()).contains("a telephone number");
        assertThat(api.get("/api/enterprises/" + code, "leader").status()).isEqualTo(404);

        String filed = filed("王丽", "13800001234");
        for (Map<String, Object> bad : List.of(form(filed, "坏电话企业", "王丽", "1234"),
                form(filed, "坏电话企业", "王丽", "1".repeat(33)))) {
            assertFieldErrors(api.call(HttpMethod.PUT, "/api/enterprises/" + filed, "staff1", bad), "contactPhone");
        }
        assertFieldErrors(api.call(HttpMethod.PUT, "/api/enterprises/" + filed, "staff1",
                form(filed, "坏电话企业", "长".repeat(33), "13800001234")), "contactName");
        assertFieldErrors(api.call(HttpMethod.PUT, "/api/enterprises/" + filed, "staff1",
                form(filed, "坏电话企业", "王\t丽", "13800001234")), "contactName");
        JsonNode kept = profile(filed);
        assertThat(kept.get("contactName").asText()).isEqualTo("王丽");
        assertThat(kept.get("contactPhone").asText()).isEqualTo("13800001234");
        assertThat(kept.get("name").asText()).isNotEqualTo("坏电话企业");
    }

    @Test
    void aDepartmentALeaderOrDispatchMayNotSetAContact() {
        String code = filed("王丽", "13800001234");
        for (String user : List.of("finance", "leader", "dispatch")) {
            Api.Response r = api.call(HttpMethod.PUT, "/api/enterprises/" + code, user,
                    form(code, "改联系人企业", "李四", "13900001111"));
            assertThat(r.status()).as(user + ": " + r.text()).isEqualTo(403);
        }
        assertThat(profile(code).get("contactName").asText()).isEqualTo("王丽");

        // nor file an enterprise with one: nothing is stored
        for (String user : List.of("finance", "leader", "dispatch")) {
            String fresh = Api.creditCode();
            Api.Response r = api.post("/api/enterprises", user, form(fresh, "部门建档企业", "李四", "13900001111"));
            assertThat(r.status()).as(user + ": " + r.text()).isEqualTo(403);
            assertThat(api.get("/api/enterprises/" + fresh, "leader").status()).as(user).isEqualTo(404);
        }
    }

    @Test
    void aDepartmentReadsTheContactOnlyOfAnEnterpriseOneOfWhoseTicketsItHandles() {
        String handled = filed("王丽", "13800001234");
        String notItsOwn = filed("李四", "13900001111");
        api.visit(handled, List.of(Api.problem("FINANCING", "贷款展期"))); // finance leads it
        api.visit(notItsOwn, List.of(Api.problem("CONTAINER", "舱位紧张"))); // transport's, not finance's

        // the list never carries it for a department, the keys still there; for staff it does
        for (String code : List.of(handled, notItsOwn)) {
            JsonNode item = api.get("/api/enterprises?q=" + code, "finance").json().get("items").get(0);
            assertThat(item.get("creditCode").asText()).isEqualTo(code);
            assertThat(item.has("contactName") && item.has("contactPhone")).as("null, never left out").isTrue();
            assertThat(item.get("contactName").isNull()).as(code).isTrue();
            assertThat(item.get("contactPhone").isNull()).as(code).isTrue();
            assertThat(api.get("/api/enterprises?q=" + code, "staff1").json().get("items").get(0).get("contactPhone")
                    .isNull()).isFalse();
        }
        Api.Response page = api.get("/api/enterprises?size=200", "finance");
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        assertThat(page.json().get("items").findValues("contactPhone")).isNotEmpty().allMatch(JsonNode::isNull);

        // the profile: with it where the department leads a ticket, without it where it has none
        JsonNode own = api.get("/api/enterprises/" + handled, "finance").json();
        assertThat(own.get("tickets")).hasSize(1);
        assertThat(own.get("contactName").asText()).isEqualTo("王丽");
        assertThat(own.get("contactPhone").asText()).isEqualTo("13800001234");
        JsonNode other = api.get("/api/enterprises/" + notItsOwn, "finance").json();
        assertThat(other.get("tickets")).isEmpty();
        assertThat(other.has("contactName") && other.has("contactPhone")).as("null, never left out").isTrue();
        assertThat(other.get("contactName").isNull()).isTrue();
        assertThat(other.get("contactPhone").isNull()).isTrue();
        // no page shows it either: a department opens no enterprise's page, only its own tickets' (above)
        assertThat(pages.get("/enterprises/" + notItsOwn, "finance").status()).isEqualTo(403);
        // the department that does handle it reads it, and the other roles as ever
        assertThat(api.get("/api/enterprises/" + notItsOwn, "transport").json().get("contactName").asText())
                .isEqualTo("李四");
        for (String user : List.of("staff1", "dispatch", "leader", "admin")) {
            assertThat(api.get("/api/enterprises/" + notItsOwn, user).json().get("contactPhone").asText()).as(user)
                    .isEqualTo("13900001111");
        }
    }

    // --- the import ----------------------------------------------------------------------------

    private Api.Response upload(byte[] body, String type) {
        return api.perform(MockMvcRequestBuilders.post("/api/enterprises/import").contentType(type)
                .accept(MediaType.APPLICATION_JSON).content(body), "admin");
    }

    private Api.Response csv(String... lines) {
        return upload((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), "text/csv");
    }

    /** A sheet of these rows: a String a text cell, a Number a number cell (as typed into a General column). */
    private static byte[] workbook(Object[]... rows) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("企业");
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (rows[r][c] instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else {
                        row.createCell(c).setCellValue((String) rows[r][c]);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void aCsvWithTheContactColumnsFilesThemAndABadTelephoneRejectsItsLineNamingTheField() {
        String a = Api.creditCode();
        String b = Api.creditCode();
        String known = filed("旧联系人", "13800001234");
        Api.Response r = csv(HEADER + ",联系人,联系电话",
                a + ",导入联系人企业甲,联系镇,泵业,是,否,staff1,王丽,13800001234",
                b + ",导入联系人企业乙,联系镇,泵业,是,否,staff1,李四,打办公室",
                known + ",已有联系人企业,联系镇,泵业,是,否,staff1,,");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).isEqualTo(1);
        assertThat(r.json().get("updated").asInt()).isEqualTo(1);
        JsonNode rejected = r.json().get("rejected");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).get("line").asInt()).isEqualTo(3);
        assertThat(rejected.get(0).get("errors").findValuesAsText("field")).containsExactly("contactPhone");
        assertThat(rejected.get(0).get("value").asText()).isEqualTo("打办公室");
        assertThat(api.get("/api/enterprises/" + b, "leader").status()).isEqualTo(404);
        assertThat(profile(a).get("contactName").asText()).isEqualTo("王丽");
        assertThat(profile(a).get("contactPhone").asText()).isEqualTo("13800001234");
        // the columns given, a blank cell clears what was on file
        assertThat(profile(known).get("contactName").isNull()).isTrue();
        assertThat(profile(known).get("contactPhone").isNull()).isTrue();
    }

    @Test
    void aCsvWithoutTheContactColumnsImportsAsBeforeAndLeavesContactsOnFile() {
        String known = filed("王丽", "13800001234");
        String fresh = Api.creditCode();
        Api.Response r = csv(HEADER, known + ",改名的联系人企业,联系镇,泵业,是,否,staff1",
                fresh + ",新的无联系人企业,联系镇,泵业,否,否,");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("rejected")).isEmpty();
        JsonNode updated = profile(known);
        assertThat(updated.get("name").asText()).isEqualTo("改名的联系人企业");
        assertThat(updated.get("contactName").asText()).isEqualTo("王丽");
        assertThat(updated.get("contactPhone").asText()).isEqualTo("13800001234");
        assertThat(profile(fresh).get("contactPhone").isNull()).isTrue();

        // one column alone: the other part stays as it is on file
        Api.Response phoneOnly = csv(HEADER + ",contactPhone", known + ",改名的联系人企业,联系镇,泵业,是,否,staff1,0576-88881234");
        assertThat(phoneOnly.json().get("rejected")).as(phoneOnly.text()).isEmpty();
        assertThat(profile(known).get("contactName").asText()).isEqualTo("王丽");
        assertThat(profile(known).get("contactPhone").asText()).isEqualTo("0576-88881234");
    }

    @Test
    void aWorkbookWithOrWithoutTheContactColumnsIsReadAsTheCsvIs() throws IOException {
        String[] header = {"统一社会信用代码", "企业名称", "镇（街道）", "行业", "外贸企业", "重点企业", "驻企服务专员"};
        String[] withContact = {"统一社会信用代码", "企业名称", "镇（街道）", "行业", "外贸企业", "重点企业", "驻企服务专员",
            "联系人", "联系电话"};
        String a = Api.creditCode();
        String b = Api.creditCode();
        Api.Response r = upload(workbook(withContact,
                new String[] {a, "表格联系人企业甲", "联系镇", "泵业", "是", "否", "staff1", "王丽", "0576-8888 1234 转 8001"},
                new String[] {b, "表格联系人企业乙", "联系镇", "泵业", "是", "否", "staff1", "李四", "12"}), XLSX);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("encoding").asText()).isEqualTo("XLSX");
        assertThat(r.json().get("created").asInt()).isEqualTo(1);
        assertThat(r.json().get("rejected").get(0).get("errors").findValuesAsText("field")).containsExactly("contactPhone");
        assertThat(profile(a).get("contactPhone").asText()).isEqualTo("0576-8888 1234 转 8001");

        Api.Response without = upload(workbook(header,
                new String[] {a, "表格联系人企业甲改名", "联系镇", "泵业", "是", "否", "staff1"}), XLSX);
        assertThat(without.json().get("updated").asInt()).as(without.text()).isEqualTo(1);
        assertThat(profile(a).get("name").asText()).isEqualTo("表格联系人企业甲改名");
        assertThat(profile(a).get("contactName").asText()).isEqualTo("王丽");
        assertThat(profile(a).get("contactPhone").asText()).isEqualTo("0576-8888 1234 转 8001");
    }

    /**
     * A landline typed into a sheet's number cell has lost its leading 0 (057688881234 is kept as 57688881234): the
     * line is rejected by 联系电话, as a credit code from a number cell is; a mobile's 11 digits come through whole.
     */
    @Test
    void aLandlineFromANumberCellIsRejectedAndAMobileFromOneIsFiled() throws IOException {
        String landline = Api.creditCode();
        String mobile = Api.creditCode();
        Object[] header = {"统一社会信用代码", "企业名称", "镇（街道）", "行业", "外贸企业", "重点企业", "驻企服务专员", "联系人",
            "联系电话"};
        byte[] sheet = workbook(header,
                new Object[] {landline, "数字电话企业甲", "联系镇", "泵业", "否", "否", "staff1", "王丽", 57688881234d},
                new Object[] {mobile, "数字电话企业乙", "联系镇", "泵业", "否", "否", "staff1", "王丽", 13800001234d});
        Api.Response r = upload(sheet, XLSX);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).as(r.text()).isEqualTo(1);
        JsonNode rejected = r.json().get("rejected").get(0);
        assertThat(rejected.get("line").asInt()).isEqualTo(2);
        assertThat(rejected.get("errors").findValuesAsText("field")).containsExactly("contactPhone");
        assertThat(rejected.get("errors").get(0).get("message").asText()).contains("Excel", "0576");
        assertThat(api.get("/api/enterprises/" + landline, "admin").status()).isEqualTo(404);
        assertThat(profile(mobile).get("contactPhone").asText()).isEqualTo("13800001234");
    }

    // --- the pages -----------------------------------------------------------------------------

    @Test
    void theFormsFileAndCorrectAContactAndTheEnterprisesPageDialsIt() {
        String code = Api.creditCode();
        Pages.Answer created = pages.post("/enterprises", "staff1", Pages.form("creditCode", code,
                "name", "页面联系人企业" + code.substring(10), "town", "联系镇", "specialist", "staff1",
                "contactName", "王丽", "contactPhone", "138 0000 1234"));
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        Document page = pages.get("/enterprises/" + code, "dispatch").html();
        assertThat(page.getElementById("contactName").text()).isEqualTo("王丽");
        Element phone = page.selectFirst("#contactPhone a");
        assertThat(phone.text()).isEqualTo("138 0000 1234");
        assertThat(phone.attr("href")).isEqualTo("tel:13800001234");

        Document edit = pages.get("/enterprises/" + code + "/edit", "staff1").html();
        assertThat(edit.getElementById("contactName").val()).isEqualTo("王丽");
        assertThat(edit.getElementById("contactPhone").val()).isEqualTo("138 0000 1234");
        assertThat(edit.select("label[for=contactPhone]").text()).isEqualTo("联系电话");

        Pages.Answer bad = pages.post("/enterprises/" + code, "staff1", Pages.form("name", "页面联系人企业" + code.substring(10),
                "contactName", "王丽", "contactPhone", "没有电话"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.html().select("[data-field=contactPhone] .field-error, #contactPhone ~ .field-error").text())
                .contains("请填写电话号码");
        assertThat(profile(code).get("contactPhone").asText()).isEqualTo("138 0000 1234");

        Pages.Answer saved = pages.post("/enterprises/" + code, "staff1", Pages.form("name", "页面联系人企业" + code.substring(10),
                "specialist", "staff1", "contactName", "李四", "contactPhone", ""));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(profile(code).get("contactName").asText()).isEqualTo("李四");
        assertThat(profile(code).get("contactPhone").isNull()).isTrue();
        assertThat(pages.get("/enterprises/" + code, "leader").html().getElementById("contactPhone").text())
                .isEqualTo("未填");
    }

    @Test
    void theDepartmentHandlingATicketSeesTheEnterprisesContactWithALinkThatDialsIt() {
        String code = filed("王丽", "0576-8888 1234 转 8001");
        String id = api.visit(code, List.of(Api.problem("CONTAINER", "舱位紧张"))).get(0).get("id").asText();
        for (String user : List.of("transport", "staff1", "leader")) {
            Element contact = pages.get("/tickets/" + id, user).html().getElementById("enterpriseContact");
            assertThat(contact).as(user).isNotNull();
            assertThat(contact.text()).contains("王丽", "0576-8888 1234 转 8001");
            assertThat(contact.selectFirst("a").attr("href")).isEqualTo("tel:0576-88881234,8001");
        }
        assertThat(pages.get("/tickets/" + id, "finance").status()).as("a department not on it reads nothing")
                .isEqualTo(403);

        String without = filed(null, null);
        String other = api.visit(without, List.of(Api.problem("CONTAINER", "无联系人"))).get(0).get("id").asText();
        assertThat(pages.get("/tickets/" + other, "transport").html().getElementById("enterpriseContact")).isNull();
    }

    @Test
    void theFeedbackLinksTextMessageGoesToTheContactsMobileAndTheEnterprisesOwnPageShowsNoContact() {
        String mobile = filed("王丽", "138-0000-1234");
        String landline = filed("李四", "0576-88881234");
        for (String code : List.of(mobile, landline)) {
            String id = api.visit(code, List.of(Api.problem("CONTAINER", "回访短信"))).get(0).get("id").asText();
            api.act(id, "sign", "transport", null);
            api.act(id, "reply", "transport", Map.of("resolution", "已协调舱位", "outcome", "RESOLVED"));
            String replaces = pages.get("/tickets/" + id, "staff1").html()
                    .select("form#feedbackLinkForm input[name=replaces]").val();
            Pages.Answer issued = pages.post("/tickets/" + id + "/feedback-link", "staff1",
                    Pages.form("replaces", replaces));
            assertThat(issued.status()).as(issued.body()).isEqualTo(200);
            String href = issued.html().getElementById("smsLink").attr("href");
            // a mobile number by its digits; a landline takes no text message: the phone asks whom to send it to
            assertThat(href).startsWith(code.equals(mobile) ? "sms:13800001234?&body=" : "sms:?&body=");
            assertThat(href).contains("%E5%9B%9E%E8%AE%BF%E7%9F%AD%E4%BF%A1"); // the body still names 回访短信

            String link = issued.html().getElementById("link").attr("href");
            Pages.Answer own = pages.get(link.substring(link.indexOf("/f/")), (String) null);
            assertThat(own.body()).as("the enterprise's own page").doesNotContain("13800001234", "138-0000-1234",
                    "0576-88881234", "王丽", "李四");
        }
    }
}
