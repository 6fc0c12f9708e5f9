package org.sanfu.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.PinyinOrder;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The enterprise list in pinyin order of the names (API.md "Enterprises", UI.md /enterprises): as the database pages
 * it, on H2 and PostgreSQL alike, whichever way a name was written (filed, renamed, imported); one name's
 * enterprises by credit code.
 */
@SanfuTest
class EnterpriseOrderWebTests {

    @Autowired
    Api api;
    @Autowired
    Pages pages;

    /** As a phone's contacts list them; 衢 and 鄞 are GB2312 level 2, which the JDK's collator puts last. */
    static final List<String> IN_ORDER = List.of("2号码头仓储", "10号码头仓储", "阿里", "安吉纺织", "北仑港务",
            "杭州泵业", "宁波舟山港", "衢州化工", "鄞州区五金", "张家港物流", "COSCO宁波");

    private static String town() {
        return "拼音镇" + Api.creditCode().substring(10, 16);
    }

    private List<String> filed(List<String> names, String town) {
        List<String> shuffled = new ArrayList<>(names);
        Collections.shuffle(shuffled, new Random(45));
        List<String> codes = new ArrayList<>();
        for (String name : shuffled) {
            codes.add(api.enterprise(name, town));
        }
        return codes;
    }

    private List<String> apiNames(String town, int size) {
        return apiNames(town, size, 0);
    }

    private List<String> apiNames(String town, int size, int page) {
        Api.Response r = api.get("/api/enterprises?town=" + town + "&size=" + size + "&page=" + page, "leader");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return StreamSupport.stream(r.json().get("items").spliterator(), false).map(e -> e.get("name").asText())
                .toList();
    }

    /** Page by page; the enterprises of one name by credit code. */
    @Test
    void theApiListsEnterprisesInPinyinOrderPageByPage() {
        String town = town();
        filed(IN_ORDER, town);
        assertThat(apiNames(town, 50)).containsExactlyElementsOf(IN_ORDER);

        assertThat(apiNames(town, 4, 1)).containsExactlyElementsOf(IN_ORDER.subList(4, 8));

        List<String> namesakes = filed(List.of("衢州同名港务", "衢州同名港务", "衢州同名港务"), town);
        Api.Response r = api.get("/api/enterprises?town=" + town + "&size=50", "leader");
        assertThat(StreamSupport.stream(r.json().get("items").spliterator(), false)
                .filter(e -> e.get("name").asText().equals("衢州同名港务")).map(e -> e.get("creditCode").asText())
                .toList()).containsExactlyElementsOf(namesakes.stream().sorted().toList());
        assertThat(StreamSupport.stream(r.json().get("items").spliterator(), false).map(e -> e.get("name").asText())
                .toList().indexOf("衢州同名港务")).as("after 衢州化工").isEqualTo(IN_ORDER.indexOf("衢州化工") + 1);
    }

    /**
     * The database compares the keys unsigned, byte by byte: among these names two keys first differ in a byte of
     * 0x80 or more against one below, which a signed comparison would put the other way round.
     */
    @Test
    void theDatabaseComparesTheKeysUnsigned() {
        Comparator<byte[]> signed = Arrays::compare;
        boolean straddles = false;
        for (int i = 0; i + 1 < IN_ORDER.size(); i++) {
            byte[] a = PinyinOrder.key(IN_ORDER.get(i));
            byte[] b = PinyinOrder.key(IN_ORDER.get(i + 1));
            straddles |= Arrays.compareUnsigned(a, b) < 0 && signed.compare(a, b) > 0;
        }
        assertThat(straddles).as("the names test what they are meant to").isTrue();
        String town = town();
        filed(IN_ORDER, town);
        assertThat(apiNames(town, 50)).containsExactlyElementsOf(IN_ORDER);
    }

    /**
     * Place names as people read them (PinyinOrder's list), as the database pages them: 长沙 cháng between 常 and 朝
     * (ICU alone: zhǎng, after 张家港), 台州 tāi before 台风, 厦门 xià before 下沙, 乐清 yuè after 月亮湾; a place
     * after a province too (湖南长沙), and right after the spelling of its sound (常沙 before 长沙), whose keys run
     * longer than the others'; 长 cháng at a name's start (长城汽车 chéng before 常沙); a place's characters within a word as
     * ICU reads them (快乐清洁 lè, after 湖南, before 台州).
     */
    @Test
    void placeNamesComeWherePeopleReadThem() {
        List<String> inOrder = List.of("长城汽车", "常沙五金", "长沙银行", "常山化工", "朝阳轮胎", "湖南长沙港务", "快乐清洁",
                "台州港", "台风预警", "厦门航空", "下沙物流", "月亮湾酒店", "乐清电器", "张家港物流");
        String town = town();
        filed(inOrder, town);
        assertThat(apiNames(town, 50)).containsExactlyElementsOf(inOrder);
        assertThat(apiNames(town, 3, 1)).containsExactlyElementsOf(inOrder.subList(3, 6));
    }

    /** A renamed enterprise moves to its new name's place; an imported one, new or renamed, takes its place too. */
    @Test
    void aRenamedOrImportedEnterpriseTakesItsNewNamesPlace() {
        String town = town();
        api.enterprise("北仑港务", town);
        String renamed = api.enterprise("张家港物流", town);
        Api.Response put = api.call(HttpMethod.PUT, "/api/enterprises/" + renamed, "staff1", Map.of("name", "阿里",
                "town", town, "industry", "泵业", "exporter", true, "key", false, "specialist", "staff1"));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(apiNames(town, 50)).containsExactly("阿里", "北仑港务");

        String imported = Api.creditCode();
        String csv = "creditCode,name,town,industry,exporter,key,specialist\n"
                + imported + ",鄞州区五金," + town + ",泵业,true,false,staff1\n"
                + renamed + ",衢州化工," + town + ",泵业,true,false,staff1\n";
        Api.Response r = api.perform(MockMvcRequestBuilders.post("/api/enterprises/import").contentType("text/csv")
                .accept(MediaType.APPLICATION_JSON).content(csv.getBytes(StandardCharsets.UTF_8)), "admin");
        JsonNode answer = r.json();
        assertThat(answer.get("created").asInt()).as(r.text()).isEqualTo(1);
        assertThat(answer.get("updated").asInt()).isEqualTo(1);
        assertThat(apiNames(town, 50)).containsExactly("北仑港务", "衢州化工", "鄞州区五金");
    }

    /** The page lists them in the API's order. */
    @Test
    void thePageListsEnterprisesInPinyinOrder() {
        String town = town();
        List<String> codes = filed(IN_ORDER, town);
        Pages.Answer page = pages.get("/enterprises?town=" + town, "staff1");
        assertThat(page.status()).isEqualTo(200);
        List<String> shuffled = new ArrayList<>(IN_ORDER);
        Collections.shuffle(shuffled, new Random(45));
        List<String> expected = IN_ORDER.stream().map(name -> codes.get(shuffled.indexOf(name))).toList();
        assertThat(page.html().select("#enterpriseList a.enterprise").eachAttr("data-code"))
                .containsExactlyElementsOf(expected);
    }
}
