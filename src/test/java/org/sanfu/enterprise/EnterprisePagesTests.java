package org.sanfu.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.LostRace;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.util.MultiValueMap;

/** The enterprise pages (docs/UI.md): the list with search, the profile (一企一档), and the form that files one. */
@SanfuTest
class EnterprisePagesTests {

    @Autowired
    Pages pages;
    @Autowired
    Api api;
    @Autowired
    LostRace race;
    @Autowired
    EnterpriseService enterprises;

    private static MultiValueMap<String, String> filing(String code, String name) {
        return Pages.form("creditCode", code, "name", name, "town", "黄岩区", "industry", "模具",
                "exporter", "false", "exporter", "true", "key", "false", "specialist", "staff2");
    }

    @Test
    void theListFindsEnterprisesByNameAndByCreditCodeAndLinksToTheirProfiles() {
        String wanted = api.enterprise("路桥列表搜索机电有限公司", "路桥");
        String other = api.enterprise("温岭列表搜索鞋业有限公司", "温岭");

        Pages.Answer byName = pages.get("/enterprises?q=搜索机电", "staff1");
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.html().select("html").attr("lang")).isEqualTo("zh-CN");
        assertThat(byName.html().select("#enterpriseList a.enterprise").eachAttr("data-code")).containsExactly(wanted);
        assertThat(byName.html().selectFirst("#enterpriseList a.enterprise").attr("href"))
                .isEqualTo("/enterprises/" + wanted);
        assertThat(byName.html().select("input[name=q]").val()).isEqualTo("搜索机电");

        Pages.Answer byCode = pages.get("/enterprises?q=" + other.substring(6, 16).toLowerCase(), "leader");
        assertThat(byCode.status()).isEqualTo(200);
        assertThat(byCode.html().select("#enterpriseList a.enterprise").eachAttr("data-code")).contains(other)
                .doesNotContain(wanted);

        Pages.Answer none = pages.get("/enterprises?q=无此企业名称xyz", "dispatch");
        assertThat(none.html().select("#noEnterprises")).hasSize(1);
        assertThat(none.html().select("#enterpriseTotal").text()).isEqualTo("共 0 家企业");
        assertThat(none.html().select("#newFromSearch")).as("dispatch files no enterprises").isEmpty();
    }

    /** Search words and a town pasted with a no-break or zero-width space at an end find what they name (Typed). */
    @Test
    void searchWordsAndATownPastedWithANoBreakSpaceFindWhatTheyName() {
        String suffix = Api.creditCode().substring(12);
        String code = api.enterprise("粘贴企业" + suffix, "粘贴镇" + suffix);
        Pages.Answer found = pages.get("/enterprises?q=粘贴企业" + suffix + "\u00A0&town=\u200B粘贴镇" + suffix, "leader");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).contains(code);
    }

    /**
     * A credit code and a search typed with a Chinese input method (full-width letters and digits) and a name pasted
     * with no-break spaces: filed in ASCII capitals, the name trimmed at its ends, and found by ＣＯＳＣＯ.
     */
    @Test
    void theFormAndTheSearchTakeFullWidthLettersAndDigitsAsMeant() {
        String code = Api.creditCode();
        String tag = code.substring(9, 16);
        Pages.Answer saved = pages.post("/enterprises", "staff1",
                filing("\u3000" + Api.fullWidth(code.toLowerCase()) + "\u00A0", "\u00A0COSCO" + tag + "页面物流\u200B"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(saved.redirect()).isEqualTo("/enterprises/" + code);
        assertThat(api.get("/api/enterprises/" + code, "staff1").json().get("name").asText())
                .isEqualTo("COSCO" + tag + "页面物流");

        Pages.Answer found = pages.get("/enterprises?q=" + Api.fullWidth("cosco" + tag), "staff1");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.html().select("#enterpriseList a.enterprise").eachAttr("data-code")).containsExactly(code);
        assertThat(pages.get("/enterprises/" + Api.fullWidth(code), "staff1").status()).isEqualTo(200);
    }

    /** The search box finds 温岭市海通泵业有限公司 by 温岭海通, as people say it, and by its town 大桥镇. */
    @Test
    void theSearchFindsANameAsPeopleSayItAndByItsTown() {
        String code = api.enterprise("温岭市海通泵业有限公司", "大桥镇");
        String part = " " + code.substring(8, 17);

        for (String q : List.of("温岭海通", "大桥镇", "温岭市海通")) {
            Pages.Answer found = pages.get("/enterprises?q=" + q + part, "staff1");
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.html().select("#enterpriseList a.enterprise").eachAttr("data-code")).as(q)
                    .containsExactly(code);
        }
        assertThat(pages.get("/enterprises", "staff1").html().select("#q").attr("placeholder")).contains("镇（街道）");
    }

    /** A search that found nothing leads to the new enterprise's form with what was searched for filled in. */
    @Test
    void aSearchThatFoundNothingCarriesItsWordsIntoTheNewEnterprisesForm() {
        Pages.Answer none = pages.get("/enterprises?q=无此新建机电有限公司", "staff1");
        String link = none.html().select("#newFromSearch").attr("href");
        assertThat(none.html().select("#newFromSearch").text()).isEqualTo("新增企业「无此新建机电有限公司」");
        assertThat(link).isEqualTo("/enterprises/new?q=%E6%97%A0%E6%AD%A4%E6%96%B0%E5%BB%BA%E6%9C%BA%E7%94%B5%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8");
        // followed as a browser would (the test client encodes what it is given)
        Document form = pages.get(java.net.URLDecoder.decode(link, java.nio.charset.StandardCharsets.UTF_8), "staff1").html();
        assertThat(form.select("#name").val()).isEqualTo("无此新建机电有限公司");
        assertThat(form.select("#creditCode").val()).isEmpty();
        assertThat(form.select("#specialist option[selected]").val()).as("as the form always does for staff").isEqualTo("staff1");

        // eighteen letters and digits are a credit code, in upper case as it is stored
        String code = Api.creditCode();
        Document byCode = pages.get("/enterprises/new?q=" + code.toLowerCase(), "staff1").html();
        assertThat(byCode.select("#creditCode").val()).isEqualTo(code);
        assertThat(byCode.select("#name").val()).isEmpty();

        // the visit form's 查找企业 that found nothing leads there too
        assertThat(pages.get("/visits/new?enterprise=无此走访企业", "staff1").html().select("#noMatches a").attr("href"))
                .isEqualTo("/enterprises/new?q=%E6%97%A0%E6%AD%A4%E8%B5%B0%E8%AE%BF%E4%BC%81%E4%B8%9A");
    }

    @Test
    void theListIsPagedTwentyAtATime() {
        String town = "分页镇" + Api.creditCode().substring(12);
        for (int i = 0; i < 21; i++) {
            api.enterprise("分页测试企业" + i, town);
        }
        Pages.Answer first = pages.get("/enterprises?town=" + town, "staff1");
        assertThat(first.html().select("#enterpriseList a.enterprise")).hasSize(20);
        assertThat(first.html().select("#enterpriseTotal").text()).isEqualTo("共 21 家企业");
        String next = first.html().select("#nextPage").attr("href");
        assertThat(next).contains("page=1");
        // MockMvc encodes the path it is given: hand it the link as the browser would read it
        Pages.Answer second = pages.get(java.net.URLDecoder.decode(next, java.nio.charset.StandardCharsets.UTF_8), "staff1");
        assertThat(second.html().select("#enterpriseList a.enterprise")).hasSize(1);
        assertThat(second.html().select("#previousPage")).hasSize(1);
    }

    /**
     * (addition) 只看我驻企的: a specialist's own enterprises among the county's, the filter kept by the pager and
     * named in the line of what is set; someone else's (a link) is kept as it is.
     */
    @Test
    void aSpecialistKeepsToTheEnterprisesTheyLookAfterAcrossPages() {
        String town = "驻企镇" + Api.creditCode().substring(12);
        for (int i = 0; i < 21; i++) {
            assertThat(api.post("/api/enterprises", "staff1", Map.of("creditCode", Api.creditCode(), "name",
                    "驻企测试企业" + i, "town", town, "specialist", "staff2")).status()).isEqualTo(201);
        }
        String staff1s = api.enterprise("驻企别人的企业", town);

        Document all = pages.get("/enterprises?town=" + town, "staff2").html();
        assertThat(all.select("#enterpriseTotal").text()).isEqualTo("共 22 家企业");
        Element mine = all.selectFirst("input#mineEnterprises");
        assertThat(mine).isNotNull();
        assertThat(mine.attr("name")).isEqualTo("specialist");
        assertThat(mine.val()).isEqualTo("staff2");
        assertThat(mine.hasAttr("checked")).isFalse();
        assertThat(all.select("label[for=mineEnterprises]").text()).isEqualTo("只看我驻企的");
        assertThat(mine.closest("form").id()).isEqualTo("enterpriseSearch");

        Document first = pages.get("/enterprises?town=" + town + "&specialist=staff2", "staff2").html();
        assertThat(first.select("#enterpriseTotal").text()).isEqualTo("共 21 家企业");
        assertThat(first.select("#enterpriseList a.enterprise").eachAttr("data-code")).hasSize(20)
                .doesNotContain(staff1s);
        assertThat(first.select("input#mineEnterprises").hasAttr("checked")).isTrue();
        assertThat(first.select("#activeFilters .chip.specialist").text()).isEqualTo("驻企服务专员：李娜（staff2）");
        String next = java.net.URLDecoder.decode(first.select("#nextPage").attr("href"),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(next).contains("specialist=staff2", "page=1");
        Document second = pages.get(next, "staff2").html();
        assertThat(second.select("#enterpriseList a.enterprise")).hasSize(1);
        assertThat(second.select("input#mineEnterprises").hasAttr("checked")).isTrue();
        assertThat(java.net.URLDecoder.decode(second.select("#previousPage").attr("href"),
                java.nio.charset.StandardCharsets.UTF_8)).contains("specialist=staff2");

        // another's enterprises (a link): kept, named, and not offered as one's own
        Document theirs = pages.get("/enterprises?town=" + town + "&specialist=staff1", "staff2").html();
        assertThat(theirs.select("#enterpriseList a.enterprise").eachAttr("data-code")).containsExactly(staff1s);
        assertThat(theirs.select("input#mineEnterprises")).isEmpty();
        assertThat(theirs.select("input[type=hidden][name=specialist]").val()).isEqualTo("staff1");
        assertThat(theirs.select("#activeFilters .chip.specialist").text()).isEqualTo("驻企服务专员：王晓明（staff1）");
        // those who look after no enterprise have no such box, but may follow such a link
        Document leaders = pages.get("/enterprises?town=" + town + "&specialist=staff1", "leader").html();
        assertThat(leaders.select("input#mineEnterprises")).isEmpty();
        assertThat(leaders.select("#enterpriseList a.enterprise").eachAttr("data-code")).containsExactly(staff1s);

        Pages.Answer wrong = pages.get("/enterprises?specialist=" + "s".repeat(65), "staff2");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.html().select("[data-field=specialist] .field-error").text()).isEqualTo("驻企服务专员应为账号用户名");
    }

    /**
     * Words or a town longer than any file's (a hostile client's 100 000 characters): the list without that filter
     * (400), the filters given right still applied, what is wrong said by its input; never a 500.
     */
    @Test
    void anOverlongSearchOrTownIsNamedByItsInputAndTheRestStillFilters() {
        String town = "超长镇" + Api.creditCode().substring(12);
        String code = api.enterprise("超长查找测试企业", town);

        Pages.Answer words = pages.get("/enterprises?town=" + town + "&q=" + "泵".repeat(100_000), "leader");
        assertThat(words.status()).isEqualTo(400);
        Document page = words.html();
        assertThat(page.select("[data-field=q] .field-error").text()).isEqualTo("不能超过 200 个字符");
        assertThat(page.select("[data-field=town] .field-error")).isEmpty();
        assertThat(page.select("#enterpriseList a.enterprise").eachAttr("data-code")).containsExactly(code);
        assertThat(page.select("#newFromSearch")).isEmpty();
        // the town still filters, and is named: 共 1 家 is the town's, not the county's
        assertThat(page.select("#activeFilters .chip").eachText()).containsExactly("镇（街道）：" + town);

        Pages.Answer inTown = pages.get("/enterprises?town=" + "镇".repeat(100_000) + "&specialist=" + "s".repeat(65),
                "staff1");
        assertThat(inTown.status()).isEqualTo(400);
        assertThat(inTown.html().select("[data-field=town] .field-error").text()).isEqualTo("不能超过 100 个字符");
        assertThat(inTown.html().select("[data-field=specialist] .field-error").text())
                .isEqualTo("驻企服务专员应为账号用户名");
        assertThat(inTown.html().select("#q").attr("maxlength")).isEqualTo("200");
        assertThat(inTown.html().select("#town").attr("maxlength")).isEqualTo("100");
    }

    @Test
    void theFormFilesAnEnterpriseAndSendsToItsProfile() {
        Pages.Answer blank = pages.get("/enterprises/new", "staff1");
        assertThat(blank.status()).isEqualTo(200);
        Element form = blank.html().selectFirst("form#enterpriseForm[method=post][action=/enterprises]");
        assertThat(form).isNotNull();
        for (String name : List.of("_csrf", "creditCode", "name", "town", "industry", "exporter", "key", "specialist")) {
            assertThat(form.select("[name=" + name + "]")).as(name).isNotEmpty();
        }
        assertThat(form.select("select[name=specialist] option[selected]").val()).as("staff look after it").isEqualTo("staff1");

        String code = Api.creditCode();
        Pages.Answer saved = pages.post("/enterprises", "staff1", filing(code, "黄岩表单模具有限公司"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(saved.redirect()).isEqualTo("/enterprises/" + code);

        JsonNode filed = api.get("/api/enterprises/" + code, "staff1").json();
        assertThat(filed.get("name").asText()).isEqualTo("黄岩表单模具有限公司");
        assertThat(filed.get("town").asText()).isEqualTo("黄岩区");
        assertThat(filed.get("exporter").asBoolean()).isTrue();
        assertThat(filed.get("key").asBoolean()).isFalse();
        assertThat(filed.get("specialist").asText()).isEqualTo("staff2");

        Pages.Answer profile = pages.get(saved.redirect(), "staff1");
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.html().select("#enterpriseName").text()).isEqualTo("黄岩表单模具有限公司");
        assertThat(profile.html().select("#enterpriseFacts").text()).contains(code, "黄岩区", "模具", "staff2");
    }

    @Test
    void aBadCreditCodeIsShownByItsInputInChineseWithWhatWasTypedKept() {
        String code = Api.creditCode();
        String wrong = code.substring(0, 17) + (code.endsWith("0") ? "1" : "0");
        Pages.Answer refused = pages.post("/enterprises", "admin", filing(wrong, "校验位错误有限公司"));
        assertThat(refused.status()).isEqualTo(400);
        Document html = refused.html();
        Element input = html.selectFirst("input[name=creditCode]");
        assertThat(input.val()).isEqualTo(wrong);
        assertThat(input.parent().hasClass("has-error")).isTrue();
        assertThat(input.parent().select(".field-error").text()).startsWith("校验码不符");
        assertThat(html.select("#toFirstError").attr("href")).isEqualTo("#creditCode");
        assertThat(html.select("input[name=name]").val()).isEqualTo("校验位错误有限公司");
        assertThat(html.select("input[name=industry]").val()).isEqualTo("模具");
        assertThat(html.select("input[name=exporter][type=checkbox]").hasAttr("checked")).isTrue();
        assertThat(html.select("select[name=specialist] option[selected]").val()).isEqualTo("staff2");
        assertThat(api.get("/api/enterprises/" + wrong, "admin").status()).isEqualTo(404);

        Pages.Answer blankName = pages.post("/enterprises", "admin", Pages.form("creditCode", code, "name", " "));
        assertThat(blankName.status()).isEqualTo(400);
        assertThat(blankName.html().selectFirst("input[name=name]").parent().select(".field-error").text())
                .isEqualTo("不能为空");
        assertThat(api.get("/api/enterprises/" + code, "admin").status()).isEqualTo(404);
    }

    /**
     * The form shares the import's rule for towns: one on file but for its spaces is refused by the town (it would
     * split that town's figures), and a town no enterprise on file is in is filed and said on the profile.
     */
    @Test
    void aTownOnFileButForItsSpacesIsRefusedAndANewTownIsSaidOnTheProfile() {
        String suffix = Api.creditCode().substring(12);
        String known = "表单大桥镇" + suffix;
        api.enterprise("表单大桥镇原有企业", known);
        String code = Api.creditCode();

        Pages.Answer refused = pages.post("/enterprises", "staff1", Pages.form("creditCode", code,
                "name", "空格镇表单有限公司", "town", "表单大桥 镇" + suffix, "exporter", "false", "key", "false"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.html().selectFirst("input[name=town]").parent().select(".field-error").text())
                .startsWith("与已有的镇（街道）「" + known + "」只差空格");
        assertThat(api.get("/api/enterprises/" + code, "staff1").status()).isEqualTo(404);

        Pages.Answer onFile = pages.post("/enterprises", "staff1", Pages.form("creditCode", code,
                "name", "已有镇表单有限公司", "town", known, "exporter", "false", "key", "false"));
        assertThat(onFile.status()).as(onFile.body()).isEqualTo(303);
        assertThat(pages.get(onFile.redirect(), "staff1").html().select("#flash")).isEmpty();

        String fresh = "表单新设镇" + suffix;
        String other = Api.creditCode();
        Pages.Answer saved = pages.post("/enterprises", "staff1", Pages.form("creditCode", other,
                "name", "新镇表单有限公司", "town", fresh, "exporter", "false", "key", "false"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(pages.get(saved.redirect(), "staff1").html().select("#flash").text())
                .startsWith("新的镇（街道）「" + fresh + "」：此前建档的企业中没有这个镇（街道）");

        // correcting a file: the same rule, and the same word after 已保存
        Pages.Answer spaced = pages.post("/enterprises/" + other, "staff1", Pages.form("creditCode", other,
                "name", "新镇表单有限公司", "town", "表单新设\u3000镇" + suffix, "exporter", "false", "key", "false"));
        assertThat(spaced.status()).isEqualTo(400);
        assertThat(spaced.html().selectFirst("input[name=town]").parent().select(".field-error").text())
                .startsWith("与已有的镇（街道）「" + fresh + "」只差空格");
        String moved = "表单再设镇" + suffix;
        Pages.Answer corrected = pages.post("/enterprises/" + other, "staff1", Pages.form("creditCode", other,
                "name", "新镇表单有限公司", "town", moved, "exporter", "false", "key", "false"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(303);
        assertThat(pages.get(corrected.redirect(), "staff1").html().select("#flash").text())
                .startsWith("已保存企业信息").contains("新的镇（街道）「" + moved + "」");
    }

    @Test
    void aCodeOnFileIsRefusedWithALinkToTheEnterpriseFiledUnderIt() {
        String code = api.enterprise("已在档有限公司", "椒江");
        Pages.Answer again = pages.post("/enterprises", "staff1", filing(code, "重复登记有限公司"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.html().selectFirst("input[name=creditCode]").parent().select(".field-error").text())
                .isEqualTo("该信用代码的企业已经在档");
        assertThat(again.html().select("#existingEnterprise").attr("href")).isEqualTo("/enterprises/" + code);
        assertThat(api.get("/api/enterprises/" + code, "staff1").json().get("name").asText()).isEqualTo("已在档有限公司");
    }

    /**
     * A full registered name filed again under another code (almost always a mistyped code) is not saved unasked: the
     * form comes back (409) as typed, naming the enterprise on file with its code and town and linking its profile,
     * and files it only once 确认是另一家企业 is ticked. A merely similar name is filed at once; the API files as asked.
     */
    @Test
    void aNameOnFileUnderAnotherCodeIsFiledOnlyOnceConfirmed() {
        String name = "温岭市海通泵业有限公司" + code4();
        String first = api.enterprise(name, "大溪镇");
        String second = Api.creditCode();

        Pages.Answer asked = pages.post("/enterprises", "staff1", filing(second, name));
        assertThat(asked.status()).as(asked.body()).isEqualTo(409);
        Document html = asked.html();
        assertThat(html.selectFirst("input[name=name]").parent().hasClass("has-error")).isTrue();
        assertThat(html.selectFirst("input[name=name]").parent().select(".field-error").text()).isEqualTo(
                "已有同名企业：" + name + "（" + first + "，大溪镇）。请先核对信用代码是否填错；如果确是另一家企业，"
                        + "勾选“确认是另一家企业”后再保存。");
        assertThat(html.select("#toFirstError").attr("href")).isEqualTo("#name");
        assertThat(html.select("#namesakes a.namesake").eachAttr("href")).containsExactly("/enterprises/" + first);
        assertThat(html.select("#namesakes a.namesake").text()).isEqualTo("查看：" + name);
        Element confirm = html.selectFirst("form#enterpriseForm input[type=checkbox][name=sameNameConfirmed]");
        assertThat(confirm).isNotNull();
        assertThat(confirm.hasAttr("checked")).isFalse();
        assertThat(confirm.parent().text()).isEqualTo("确认是另一家企业");
        assertThat(html.select("input[name=creditCode]").val()).isEqualTo(second);
        assertThat(html.select("input[name=name]").val()).isEqualTo(name);
        assertThat(html.select("input[name=industry]").val()).isEqualTo("模具");
        assertThat(html.select("select[name=specialist] option[selected]").val()).isEqualTo("staff2");
        assertThat(api.get("/api/enterprises/" + second, "staff1").status()).as("nothing saved").isEqualTo(404);

        // ticked but with another fault: that fault first, the tick kept, nothing saved
        MultiValueMap<String, String> ticked = filing(second, name);
        ticked.add("sameNameConfirmed", "true");
        MultiValueMap<String, String> badTown = filing(second, name);
        badTown.set("town", "大溪\u3000镇");
        badTown.add("sameNameConfirmed", "true");
        Pages.Answer fault = pages.post("/enterprises", "staff1", badTown);
        assertThat(fault.status()).isEqualTo(400);
        assertThat(fault.html().select("input[name=sameNameConfirmed]").hasAttr("checked")).isTrue();
        assertThat(api.get("/api/enterprises/" + second, "staff1").status()).isEqualTo(404);

        // neither a leader nor a department files it, ticked or not
        for (String user : List.of("leader", "transport")) {
            assertThat(pages.post("/enterprises", user, ticked).status()).as(user).isEqualTo(403);
        }
        assertThat(api.get("/api/enterprises/" + second, "staff1").status()).isEqualTo(404);

        Pages.Answer saved = pages.post("/enterprises", "staff1", ticked);
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(saved.redirect()).isEqualTo("/enterprises/" + second);
        assertThat(api.get("/api/enterprises/" + second, "staff1").json().get("name").asText()).isEqualTo(name);
        assertThat(pages.get("/enterprises?q=" + name, "staff1").html().select("#enterpriseList a.enterprise")
                .eachAttr("data-code")).containsExactlyInAnyOrder(first, second);

        // a third: both named, each linked
        String third = Api.creditCode();
        Pages.Answer both = pages.post("/enterprises", "admin", filing(third, name));
        assertThat(both.status()).isEqualTo(409);
        assertThat(both.html().select("#namesakes a.namesake").eachAttr("href"))
                .containsExactlyInAnyOrder("/enterprises/" + first, "/enterprises/" + second);
        assertThat(both.html().selectFirst("input[name=name]").parent().select(".field-error").text())
                .contains(first + "，大溪镇", second + "，黄岩区");

        // a name that only begins alike is another enterprise's: filed at once
        Pages.Answer similar = pages.post("/enterprises", "staff1",
                filing(third, "温岭市海通泵业二厂有限公司" + code4()));
        assertThat(similar.status()).as(similar.body()).isEqualTo(303);

        // the API files as asked (integrators' imports)
        String byApi = Api.creditCode();
        assertThat(api.post("/api/enterprises", "staff1", Map.of("creditCode", byApi, "name", name)).status())
                .isEqualTo(201);
    }

    /** The name compared as channel intake finds an enterprise by name: brackets' width and spaces aside. */
    @Test
    void aNameOnFileButForItsBracketsWidthOrSpacesIsAskedAboutToo() {
        String tag = code4();
        String filed = "台州海通（温岭）泵业有限公司" + tag;
        String first = api.enterprise(filed, "大溪镇");

        for (String typed : List.of("台州海通(温岭)泵业有限公司" + tag, "台州海通 （温岭） 泵业有限公司" + tag,
                "台州海通 (温岭)泵业有限公司" + tag)) {
            String code = Api.creditCode();
            Pages.Answer asked = pages.post("/enterprises", "staff1", filing(code, typed));
            assertThat(asked.status()).as(typed).isEqualTo(409);
            assertThat(asked.html().select("#namesakes a.namesake").eachAttr("href")).as(typed)
                    .containsExactly("/enterprises/" + first);
            assertThat(asked.html().select("input[name=name]").val()).isEqualTo(typed);
            assertThat(api.get("/api/enterprises/" + code, "staff1").status()).as(typed).isEqualTo(404);
        }
    }

    /**
     * Correcting a file: a name changed to another enterprise's is asked about as on the new form; ticked, it is
     * saved. A name kept as filed is not asked about again, though another file has it.
     */
    @Test
    void aFileRenamedToAnotherEnterprisesNameIsSavedOnlyOnceConfirmed() {
        String name = "温岭市改名泵业有限公司" + code4();
        String other = api.enterprise(name, "大溪镇");
        String code = api.enterprise("温岭市原名泵业有限公司" + code4(), "箬横镇");
        MultiValueMap<String, String> renamed = Pages.form("creditCode", code, "name", name, "town", "箬横镇",
                "exporter", "false", "key", "false", "specialist", "staff1");

        Pages.Answer asked = pages.post("/enterprises/" + code, "staff1", renamed);
        assertThat(asked.status()).as(asked.body()).isEqualTo(409);
        assertThat(asked.html().selectFirst("form#enterpriseForm").attr("action")).isEqualTo("/enterprises/" + code);
        assertThat(asked.html().selectFirst("input[name=name]").parent().select(".field-error").text())
                .startsWith("已有同名企业：" + name + "（" + other + "，大溪镇）");
        assertThat(asked.html().select("#namesakes a.namesake").eachAttr("href")).containsExactly("/enterprises/" + other);
        assertThat(asked.html().select("input[name=name]").val()).isEqualTo(name);
        assertThat(api.get("/api/enterprises/" + code, "staff1").json().get("name").asText())
                .as("nothing saved").startsWith("温岭市原名泵业有限公司");

        renamed.add("sameNameConfirmed", "true");
        for (String user : List.of("leader", "transport")) {
            assertThat(pages.post("/enterprises/" + code, user, renamed).status()).as(user).isEqualTo(403);
        }
        Pages.Answer saved = pages.post("/enterprises/" + code, "staff1", renamed);
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(api.get("/api/enterprises/" + code, "staff1").json().get("name").asText()).isEqualTo(name);

        // the name kept, another field corrected: saved at once
        Pages.Answer kept = pages.post("/enterprises/" + code, "staff1", Pages.form("creditCode", code, "name", name,
                "town", "箬横镇", "industry", "水泵", "exporter", "false", "key", "false", "specialist", "staff1"));
        assertThat(kept.status()).as(kept.body()).isEqualTo(303);
    }

    @Test
    void aFormSentTwiceAtOnceFilesOneAndTheLaterIsToldTheCodeIsOnFile() throws Exception {
        String code = Api.creditCode();
        MockHttpSession staff = pages.session("staff1");

        Pages.Answer later = race.loser("enterprise",
                () -> enterprises.create(new EnterpriseForm(code, "双击先到有限公司", "黄岩区", "模具", true, false,
                        "staff2", null, null)),
                () -> pages.post("/enterprises", staff, filing(code, "双击后到有限公司")));

        assertThat(later.status()).isEqualTo(409);
        assertThat(later.html().selectFirst("input[name=creditCode]").parent().select(".field-error").text())
                .isEqualTo("该信用代码的企业已经在档");
        assertThat(later.html().select("#existingEnterprise").attr("href")).isEqualTo("/enterprises/" + code);
        assertThat(api.get("/api/enterprises/" + code, "staff1").json().get("name").asText()).isEqualTo("双击先到有限公司");
    }

    @Test
    void theProfileShowsTheEnterprisesVisitsAndTicketsWithLinksAndOffersAVisit() {
        String code = api.enterprise("档案页面测试有限公司", "大溪镇");
        List<JsonNode> tickets = api.visit(code, List.of(Api.problem("CONTAINER", "缺集装箱"),
                Api.problem("LEGAL", "合同纠纷")));
        String visitId = tickets.get(0).get("visitId").asText();

        for (String user : List.of("staff2", "dispatch", "leader", "admin")) {
            assertThat(pages.get("/enterprises/" + code, user).status()).as(user).isEqualTo(200);
        }
        Document profile = pages.get("/enterprises/" + code.toLowerCase(), "staff2").html();
        assertThat(profile.select("#enterpriseName").text()).isEqualTo("档案页面测试有限公司");
        assertThat(profile.select("#enterpriseVisits a.visit").eachAttr("href")).containsExactly("/visits/" + visitId);
        assertThat(profile.select("#enterpriseTickets a.ticket").eachAttr("href")).containsExactlyInAnyOrder(
                "/tickets/" + tickets.get(0).get("id").asText(), "/tickets/" + tickets.get(1).get("id").asText());
        assertThat(profile.select("#enterpriseTickets").text()).contains("缺集装箱", "合同纠纷")
                .as("its own name is not on each card").doesNotContain("档案页面测试有限公司");
        assertThat(pages.get("/tickets?enterprise=" + code, "staff2").html().select("a.ticket").text())
                .as("other lists still name it").contains("档案页面测试有限公司");
        assertThat(profile.select("#logVisit").attr("href")).isEqualTo("/visits/new?enterpriseCreditCode=" + code);
        assertThat(pages.get("/enterprises/" + code, "leader").html().select("#logVisit")).as("leaders log no visits")
                .isEmpty();
    }

    /**
     * The person assigned to the enterprise is its 驻企服务专员 (docs/GLOSSARY.md), as the enterprise form and the CSV
     * import call that person; 服务专员 alone is anyone who visits, the name of the visit page's visitor.
     */
    @Test
    void theProfileNamesTheEnterprisesSpecialistAsTheFormDoes() {
        String code = api.enterprise("档案专员称谓测试有限公司", "大溪镇");
        Document profile = pages.get("/enterprises/" + code, "staff1").html();
        Element specialist = profile.selectFirst("#specialist");
        assertThat(specialist).isNotNull();
        assertThat(specialist.text()).isEqualTo("王晓明（staff1）");
        assertThat(specialist.previousElementSibling().text()).isEqualTo("驻企服务专员");
        assertThat(pages.get("/enterprises/" + code + "/edit", "staff1").html().select("label[for=specialist]").text())
                .as("the form's label for the same person").isEqualTo("驻企服务专员");
    }

    /** A visit's card is headed by its source (座谈会 #3, docs/UI.md); no second 座谈会 below the heading. */
    @Test
    void aVisitsCardOnTheProfileNamesItsSourceOnce() {
        String code = api.enterprise("档案座谈会卡片测试有限公司", "大溪镇");
        api.visit(code, "FORUM", List.of(Api.problem("LEGAL", "合同纠纷")));
        Element card = pages.get("/enterprises/" + code, "staff1").html().selectFirst("#enterpriseVisits a.visit");
        assertThat(card).isNotNull();
        assertThat(card.select(".title").text()).startsWith("座谈会 #");
        assertThat(card.text().split("座谈会", -1)).as(card.text()).hasSize(2);
    }

    @Test
    void theProfileSaysNoVisitOnlyWhenThereIsNoneNotWhenTheVisitsLeftTheOperatingStatusBlank() {
        String code = api.enterprise("档案经营情况测试有限公司", "大溪镇");
        assertThat(pages.get("/enterprises/" + code, "staff1").html().select("#operatingStatus").text())
                .isEqualTo("尚无走访记录");

        api.visit(code, List.of(Api.problem("LEGAL", "合同纠纷")));
        Document profile = pages.get("/enterprises/" + code, "staff1").html();
        assertThat(profile.select("#enterpriseVisits a.visit")).hasSize(1);
        assertThat(profile.select("#operatingStatus").text()).as("a visit is on file, its form left 经营情况 blank")
                .isEqualTo("走访时未填写");
    }

    /** The profile lists the most recent 50 visits; its heading counts all of them, and says so when more are on file. */
    @Test
    void theVisitsHeadingCountsEveryVisitNotOnlyThoseListed() {
        String code = api.enterprise("档案走访计数测试有限公司", "大溪镇");
        for (int i = 0; i < 51; i++) {
            api.visit(code, List.of());
        }
        Document profile = pages.get("/enterprises/" + code, "staff1").html();
        assertThat(profile.select("#enterpriseVisits a.visit")).hasSize(50);
        assertThat(profile.select("#enterpriseVisits h2").text()).isEqualTo("走访记录（51）");
        assertThat(profile.select("#visitsShown").text()).isEqualTo("共 51 次，这里显示最近的 50 次。");

        String few = api.enterprise("档案走访计数少量测试有限公司", "大溪镇");
        api.visit(few, List.of());
        Document one = pages.get("/enterprises/" + few, "staff1").html();
        assertThat(one.select("#enterpriseVisits h2").text()).isEqualTo("走访记录（1）");
        assertThat(one.select("#visitsShown")).isEmpty();
    }

    @Test
    void anUnknownCreditCodeIsAChinese404Page() {
        Pages.Answer missing = pages.get("/enterprises/" + Api.creditCode(), "staff1");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.html().select("#errorTitle").text()).contains("未找到");
        assertThat(missing.html().select("html").attr("lang")).isEqualTo("zh-CN");
    }

    @Test
    void eachPageIsRefusedWithAChinesePageToARoleThatMayNotSeeIt() {
        String code = api.enterprise();
        for (String path : List.of("/enterprises", "/enterprises/" + code, "/enterprises/new")) {
            Pages.Answer refused = pages.get(path, "transport");
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.html().select("#errorTitle").text()).as(path).contains("无权访问");
        }
        assertThat(pages.get("/enterprises/new", "leader").status()).isEqualTo(403);
        assertThat(pages.get("/enterprises/new", "dispatch").status()).isEqualTo(403);
        assertThat(pages.get("/enterprises/new", "admin").status()).isEqualTo(200);

        String refusedCode = Api.creditCode();
        assertThat(pages.post("/enterprises", "leader", filing(refusedCode, "领导不能建档有限公司")).status()).isEqualTo(403);
        assertThat(api.get("/api/enterprises/" + refusedCode, "admin").status()).isEqualTo(404);
        assertThat(pages.get("/enterprises", "leader").html().select("#newEnterprise")).as("no button either").isEmpty();
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndFilesNothing() {
        String code = Api.creditCode();
        Pages.Answer forged = pages.postWithoutToken("/enterprises", "staff1", filing(code, "跨站伪造有限公司"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.html().select("#errorTitle").text()).contains("无权访问");
        assertThat(api.get("/api/enterprises/" + code, "admin").status()).isEqualTo(404);
    }

    @Test
    void staffCorrectAFileOnItsFormFilledInAsItStandsItsCodeFixed() {
        String code = Api.creditCode();
        assertThat(api.post("/api/enterprises", "staff1", Map.of("creditCode", code, "name", "待更正有限公司" + code4()))
                .status()).as("filed without a town").isEqualTo(201);
        Pages.Answer profile = pages.get("/enterprises/" + code, "staff1");
        assertThat(profile.html().select("#enterpriseFacts").text()).contains("未填");
        assertThat(profile.html().select("#editEnterprise").attr("href")).isEqualTo("/enterprises/" + code + "/edit");

        Pages.Answer edit = pages.get("/enterprises/" + code + "/edit", "staff1");
        assertThat(edit.status()).isEqualTo(200);
        Element form = edit.html().selectFirst("form#enterpriseForm[method=post]");
        assertThat(form.attr("action")).isEqualTo("/enterprises/" + code);
        assertThat(form.select("input[name=creditCode]").val()).isEqualTo(code);
        assertThat(form.select("input[name=creditCode]").hasAttr("readonly")).isTrue();
        assertThat(form.select("input[name=name]").val()).startsWith("待更正有限公司");
        assertThat(edit.html().select("h1").text()).startsWith("编辑企业：待更正有限公司");

        // a fault: shown by its input, what was typed kept, nothing saved
        Pages.Answer refused = pages.post("/enterprises/" + code, "staff1", Pages.form("creditCode", code, "name", "",
                "town", "路桥区", "exporter", "false", "key", "false", "specialist", "staff1"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.html().select("input[name=town]").val()).isEqualTo("路桥区");
        assertThat(refused.html().select(".has-error input[name=name]")).hasSize(1);
        assertThat(api.get("/api/enterprises/" + code, "leader").json().path("town").isNull()).isTrue();

        Pages.Answer saved = pages.post("/enterprises/" + code, "staff1", Pages.form("creditCode", code,
                "name", "已更正有限公司", "town", "路桥区", "industry", "模具", "exporter", "true", "key", "false",
                "specialist", "staff2"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(saved.redirect()).isEqualTo("/enterprises/" + code);
        Pages.Answer after = pages.get(saved.redirect(), "staff1");
        assertThat(after.html().select("#flash").text()).startsWith("已保存企业信息");
        assertThat(after.html().select("#enterpriseName").text()).isEqualTo("已更正有限公司");
        assertThat(after.html().select("#enterpriseFacts").text()).contains("路桥区", "模具", "staff2");
    }

    @Test
    void onlyStaffAndAdminCorrectAFile() {
        String code = api.enterprise();
        String before = api.get("/api/enterprises/" + code, "leader").text();
        for (String user : List.of("dispatch", "leader", "transport")) {
            assertThat(pages.get("/enterprises/" + code + "/edit", user).status()).as(user).isEqualTo(403);
            assertThat(pages.post("/enterprises/" + code, user, Pages.form("name", "他人改名")).status()).as(user)
                    .isEqualTo(403);
        }
        assertThat(pages.get("/enterprises/" + code, "leader").html().select("#editEnterprise")).isEmpty();
        assertThat(pages.postWithoutToken("/enterprises/" + code, "staff1", Pages.form("name", "伪造改名")).status())
                .isEqualTo(403);
        assertThat(api.get("/api/enterprises/" + code, "leader").text()).isEqualTo(before);
        assertThat(pages.get("/enterprises/" + code + "/edit", "admin").status()).isEqualTo(200);
        assertThat(pages.get("/enterprises/" + Api.creditCode() + "/edit", "staff1").status()).isEqualTo(404);
    }

    private static String code4() {
        return Api.creditCode().substring(12, 16);
    }
}
