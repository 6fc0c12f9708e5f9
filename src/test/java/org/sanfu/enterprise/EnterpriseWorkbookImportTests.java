package org.sanfu.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The import of an Excel workbook (.xlsx), the file county users try first: through the API and the administrator's
 * page, told by its bytes; an old .xls, another ZIP and a zip bomb are 400s naming the file.
 */
@SanfuTest
class EnterpriseWorkbookImportTests {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Autowired
    Api api;
    @Autowired
    Pages pages;

    private Api.Response upload(byte[] body, String type, String user) {
        return upload(body, type, user, "zh-CN");
    }

    private Api.Response upload(byte[] body, String type, String user, String language) {
        return api.perform(MockMvcRequestBuilders.post("/api/enterprises/import").contentType(type)
                .header("Accept-Language", language).accept(MediaType.APPLICATION_JSON).content(body), user);
    }

    private static byte[] workbook(Object[]... rows) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("企业");
            book.createSheet("第二页").createRow(0).createCell(0).setCellValue("不读");
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (rows[r][c] instanceof Double d) {
                        row.createCell(c).setCellValue(d);
                    } else if (rows[r][c] != null) {
                        row.createCell(c).setCellValue((String) rows[r][c]);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    private static final Object[] HEADER = {"统一社会信用代码", "企业名称", "镇（街道）", "行业", "外贸企业", "重点企业", "驻企服务专员"};

    /**
     * An all-digit credit code as Excel can keep one typed into a number cell: 15 digits and zeros (Excel keeps 15
     * digits of a number), valid as it is (the cut form of a code whose check character happens to fit); one whose
     * nearest double is another number (…455936 for …456000), so that it is read as the sheet holds it, not as that
     * double.
     */
    private static String numericCode() {
        return fifteenDigitsAndZeros(true);
    }

    /** What a credit code read from a number cell is refused with, in Chinese and in English. */
    private static final String NUMBER_CELL = "读自 Excel 的数字单元格（不是文本）：Excel 只保留 15 位有效数字，代码可能已被改动；"
            + "请把该列设为“文本”后重新填写";
    private static final String NUMBER_CELL_EN = "was read from an Excel number cell (not text): Excel keeps only 15 "
            + "significant digits, so the code may have been changed; format the column as Text and type the codes "
            + "again";

    /** 15 digits and three zeros whose check character ('0') is right or not. */
    private static String fifteenDigitsAndZeros(boolean valid) {
        for (long n = 913310810123456L; ; n++) {
            String digits = n + "000";
            if ((CreditCode.checkCharacter(digits.substring(0, 17)) == '0') == valid
                    && !new BigDecimal((double) Long.parseLong(digits)).toPlainString().equals(digits)) {
                return digits;
            }
        }
    }

    private byte[] mixedSheet(String code, String numeric, String town) throws IOException {
        return workbook(HEADER, new Object[] {code, "台州市椒江区示例（泵业）有限公司", town, "水泵", "是", "否", "staff1"},
                new Object[] {(double) Long.parseLong(numeric), "数字单元格企业", town, "泵业", "否", null, null},
                new Object[] {"123", "坏代码公司", town, "泵业", "是", "否", null});
    }

    @Test
    void aWorkbookIsImportedWithChineseTextUnchangedANumericCodeRefusedAsItsDigitsAndTheSheetsRowNumbers()
            throws IOException {
        String code = Api.creditCode();
        String numeric = numericCode();
        String town = "表格镇" + code.substring(12);

        // sent as text/csv too: the bytes decide
        Api.Response r = upload(mixedSheet(code, numeric, town), "text/csv", "admin");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("encoding").asText()).isEqualTo("XLSX");
        assertThat(r.json().get("created").asInt() + r.json().get("updated").asInt()).as(r.text()).isEqualTo(1);
        JsonNode rejected = r.json().get("rejected");
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0).get("line").asLong()).isEqualTo(3);
        assertThat(rejected.get(0).get("value").asText()).as("its digits, not 9.13311E+17").isEqualTo(numeric);
        assertThat(rejected.get(1).get("line").asLong()).isEqualTo(4);
        assertThat(rejected.get(1).get("value").asText()).isEqualTo("123");
        JsonNode filed = api.get("/api/enterprises/" + code, "leader").json();
        assertThat(filed.get("name").asText()).isEqualTo("台州市椒江区示例（泵业）有限公司");
        assertThat(filed.get("town").asText()).isEqualTo(town);
        assertThat(filed.get("exporter").asBoolean()).isTrue();

        Api.Response typed = upload(workbook(HEADER, new Object[] {code, "改名企业", town, "", "", "", ""},
                new Object[] {code, "重复行", town}), XLSX, "admin");
        assertThat(typed.status()).as(typed.text()).isEqualTo(200);
        assertThat(typed.json().get("updated").asInt()).isEqualTo(1);
        assertThat(typed.json().get("rejected").get(0).get("message").asText()).contains("与第 2 行重复");
    }

    @Test
    void anOldXlsAnotherZipAndAZipBombAreRefusedNamingTheFile() throws IOException {
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        Api.Response old = upload(xls, "text/csv", "admin");
        EnterpriseWebTests.assertFieldErrors(old, "body");
        assertThat(old.firstFault().get("message").asText()).contains(".xls").contains("请另存为 .xlsx 或 CSV UTF-8");

        Api.Response zip = upload(zip("readme.txt", "不是工作簿".getBytes(StandardCharsets.UTF_8)), XLSX, "admin");
        EnterpriseWebTests.assertFieldErrors(zip, "body");
        assertThat(zip.firstFault().get("message").asText()).contains("请另存为 .xlsx 或 CSV UTF-8");

        Api.Response bomb = upload(zip("xl/worksheets/sheet1.xml", new byte[50_000_000]), XLSX, "admin");
        EnterpriseWebTests.assertFieldErrors(bomb, "body");

        // parts each inflating well under POI's 100 times, together 20 MB from 0.4 MB: refused before POI inflates
        // them all into memory
        Api.Response inflating = upload(inflatingParts(null), XLSX, "admin");
        EnterpriseWebTests.assertFieldErrors(inflating, "body");
        assertThat(inflating.firstFault().get("message").asText()).contains("请分成几个文件导入");

        Pages.Answer page = pages.upload("/admin/enterprises/import", "admin", "file", "企业.xls", xls);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.html().select("#importForm .field-error[data-field=file]").text())
                .startsWith("文件：").contains("请另存为 .xlsx 或 CSV UTF-8");
        Pages.Answer other = pages.upload("/admin/enterprises/import", "admin", "file", "企业.xlsx",
                zip("readme.txt", new byte[] {1}));
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.html().select("#importForm .field-error[data-field=file]").text()).contains("不是 Excel 工作簿");
    }

    /**
     * A workbook cut off in its upload, or a zip bomb, is said in Chinese by what happened to it, on the API and the
     * page alike, not by the library's words (（EOFException）, （Truncated ZIP file…）, （Zip bomb detected!…）).
     */
    @Test
    void aWorkbookCutOffOrAZipBombIsSaidByWhatHappenedNotByTheLibrarysWords() throws IOException {
        byte[] whole = workbook(HEADER, new Object[] {Api.creditCode(), "截断企业", "", "", "", "", ""});
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length * 2 / 3);
        String incomplete = "不是可读的 .xlsx 工作簿：文件不完整（可能上传或下载时中断），请重新保存后再导入";

        Api.Response r = upload(cut, XLSX, "admin");
        EnterpriseWebTests.assertFieldErrors(r, "body");
        assertThat(r.firstFault().get("message").asText()).isEqualTo(incomplete);
        assertThat(r.json().get("detail").asText()).contains(incomplete).doesNotContain("Exception")
                .doesNotContain("Truncated");
        assertThat(upload(zip("xl/worksheets/sheet1.xml", new byte[10_000_000]), XLSX, "admin").firstFault()
                .get("message").asText())
                .isEqualTo("不是可读的 .xlsx 工作簿：压缩比异常，无法安全读取；请在 Excel 中重新另存为 .xlsx 或 CSV UTF-8");

        Pages.Answer page = pages.upload("/admin/enterprises/import", "admin", "file", "企业.xlsx", cut);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.html().select("#importForm .field-error[data-field=file]").text()).isEqualTo("文件：" + incomplete);
    }

    /**
     * A ZIP that is no workbook is the client's to mend: refused naming the file, and no ERROR in the operators' log
     * (POI's "Unable to close resource", which it logged closing a package it could not list as one to be saved).
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aMalformedWorkbookIsRefusedWithoutAnErrorInTheLog(CapturedOutput output) throws IOException {
        EnterpriseWebTests.assertFieldErrors(upload(zip("readme.txt", "不是工作簿".getBytes(StandardCharsets.UTF_8)),
                XLSX, "admin"), "body");
        Pages.Answer page = pages.upload("/admin/enterprises/import", "admin", "file", "企业.xlsx",
                zip("readme.txt", new byte[] {1}));
        assertThat(page.status()).isEqualTo(400);

        assertThat(output.getAll().lines().filter(line -> line.contains("ERROR") && line.contains("org.apache.poi")))
                .isEmpty();
        assertThat(output.getAll()).doesNotContain("Unable to close resource");
    }

    /**
     * The parts are counted as POI reads them: a first entry the JDK's ZipInputStream cannot read (a name that is not
     * UTF-8), which commons-compress and so POI read, does not leave the 20 MB after it uncounted.
     */
    @Test
    void partsAfterAnEntryTheJdkCannotReadAreCountedToo() throws IOException {
        Api.Response inflating = upload(inflatingParts(new byte[] {(byte) 0xFF, (byte) 0xFE}), XLSX, "admin");

        EnterpriseWebTests.assertFieldErrors(inflating, "body");
        assertThat(inflating.firstFault().get("message").asText()).contains("请分成几个文件导入");
        String code = Api.creditCode();
        Api.Response normal = upload(workbook(HEADER, new Object[] {code, "正常工作簿企业", "", "", "", "", ""}), XLSX,
                "admin");
        assertThat(normal.status()).as(normal.text()).isEqualTo(200);
        assertThat(normal.json().get("rejected")).isEmpty();
        assertThat(api.get("/api/enterprises/" + code, "leader").json().get("name").asText()).isEqualTo("正常工作簿企业");
    }

    /**
     * A credit code typed into a number cell keeps Excel's 15 digits and zeros after them: it is refused by the cell's
     * type, whatever its digits, one whose cut form happens to have its check character (about 1 in 31) too, which
     * would have filed the wrong enterprise; the line says why and how to mend it, in Chinese and English, beside the
     * line's other faults, and nothing is filed.
     */
    @Test
    void aCodeFromANumberCellIsRefusedWithTheHintWhateverItsDigits() throws IOException {
        String fits = numericCode();
        String cut = fifteenDigitsAndZeros(false);
        byte[] sheet = workbook(HEADER,
                new Object[] {(double) Long.parseLong(fits), "十五位企业", "", "", "否", "否", null},
                new Object[] {(double) Long.parseLong(cut), "十五位企业二", "", "", "也许", "否", null},
                new Object[] {123d, "短数字企业", "", "", "否", "否", null});

        Api.Response chinese = upload(sheet, XLSX, "admin");

        assertThat(chinese.status()).as(chinese.text()).isEqualTo(200);
        assertThat(chinese.json().get("created").asInt() + chinese.json().get("updated").asInt()).isZero();
        JsonNode rejected = chinese.json().get("rejected");
        assertThat(rejected).hasSize(3);
        assertThat(rejected.findValuesAsText("value")).containsExactly(fits, cut, "123");
        for (JsonNode line : rejected) {
            assertThat(line.get("errors").get(0).get("field").asText()).isEqualTo("creditCode");
            assertThat(line.get("errors").get(0).get("message").asText()).isEqualTo(NUMBER_CELL);
        }
        assertThat(rejected.get(1).get("errors").get(1).get("field").asText()).as("beside it").isEqualTo("exporter");
        assertThat(api.get("/api/enterprises/" + fits, "leader").status()).isEqualTo(404);
        assertThat(upload(sheet, XLSX, "admin", "en").json().get("rejected").get(0).get("message").asText())
                .isEqualTo("creditCode: " + NUMBER_CELL_EN);
    }

    /**
     * A text cell of 15 digits and zeros may hold what was typed, or a cut number column turned to text (分列,
     * =TEXT(A2,"0")), which keeps the damage: its check character failing is said with the hint of what Excel may have
     * done, as the same digits in a CSV have it, not the number cell's refusal.
     */
    @Test
    void aTextCellOfFifteenDigitsAndZerosHasTheCodesOwnFaultWithTheCutHintAsInACsv() throws IOException {
        String cut = fifteenDigitsAndZeros(false);
        byte[] sheet = workbook(HEADER, new Object[] {cut, "十五位文本企业", "", "", "否", "否", null});
        byte[] csv = (String.join(",", java.util.Arrays.stream(HEADER).map(String.class::cast).toList()) + "\n" + cut
                + ",十五位文本企业,,,否,否,\n").getBytes(StandardCharsets.UTF_8);

        for (Api.Response r : java.util.List.of(upload(sheet, XLSX, "admin"), upload(csv, "text/csv", "admin"))) {
            JsonNode line = r.json().get("rejected").get(0);
            assertThat(line.get("value").asText()).isEqualTo(cut);
            assertThat(line.get("errors").get(0).get("message").asText()).isEqualTo("校验码不符（GB 32100-2015）"
                    + "；如该列曾是数字格式，Excel 只保留了 15 位有效数字，代码可能已被改动：请把该列设为“文本”后重新填写");
        }
        // a valid code of that shape is what was typed: filed as it is
        String fits = fifteenDigitsAndZeros(true);
        Api.Response typed = upload(workbook(HEADER, new Object[] {fits, "十五位文本企业", "", "", "否", "否", null}),
                XLSX, "admin");
        assertThat(typed.json().get("rejected")).as(typed.text()).isEmpty();
    }

    @Test
    void theAdministratorsPageImportsAWorkbookAndListsItsBadRowInChinese() throws IOException {
        String code = Api.creditCode();
        String numeric = numericCode();
        Pages.Answer imported = pages.upload("/admin/enterprises/import", "admin", "file", "名单.xlsx",
                mixedSheet(code, numeric, "页面镇" + code.substring(12)));

        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.html().select("#importEncoding")).isEmpty();
        var rows = imported.html().select("#importErrors tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).select("td.line").text()).isEqualTo("3");
        assertThat(rows.get(0).select("td.field").text()).isEqualTo("统一社会信用代码");
        assertThat(rows.get(0).select("td.message").text()).isEqualTo("「" + numeric + "」" + NUMBER_CELL);
        assertThat(rows.get(1).select("td.line").text()).isEqualTo("4");
        assertThat(rows.get(1).select("td.field").text()).isEqualTo("统一社会信用代码");
        assertThat(rows.get(1).select("td.message").text()).isEqualTo("「123」必须是 18 个字符");
    }

    @Test
    void onlyAdminMayImportAWorkbook() throws IOException {
        String code = Api.creditCode();
        Api.Response r = upload(workbook(HEADER, new Object[] {code, "职员导入", "", "", "", "", ""}), XLSX, "staff1");
        assertThat(r.status()).isEqualTo(403);
        assertThat(api.get("/api/enterprises/" + code, "leader").status()).isEqualTo(404);
    }

    /**
     * 20 parts of 1 MB each that deflate to 20 KB (a byte in 128 random), after a part of one byte named by
     * {@code firstName}'s bytes when given (a name in no charset the ZIP says).
     */
    private static byte[] inflatingParts(byte[] firstName) throws IOException {
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        java.util.Random random = new java.util.Random(7);
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(many)) {
            if (firstName != null) {
                // ISO-8859-1 writes each char as the byte it numbers, and sets no UTF-8 flag
                out.setEncoding(StandardCharsets.ISO_8859_1.name());
                out.putArchiveEntry(new ZipArchiveEntry(new String(firstName, StandardCharsets.ISO_8859_1)));
                out.write(1);
                out.closeArchiveEntry();
            }
            for (int part = 0; part < 20; part++) {
                byte[] sparse = new byte[1_000_000];
                for (int i = 0; i < sparse.length; i += 128) {
                    sparse[i] = (byte) random.nextInt(256);
                }
                out.putArchiveEntry(new ZipArchiveEntry("xl/media/part" + part + ".bin"));
                out.write(sparse);
                out.closeArchiveEntry();
            }
        }
        return many.toByteArray();
    }

    private static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    + "content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
        }
        return out.toByteArray();
    }
}
