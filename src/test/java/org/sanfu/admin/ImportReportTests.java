package org.sanfu.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sanfu.SanfuTest;
import org.sanfu.enterprise.EnterpriseImport;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.Messages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

/**
 * A fault of the whole file, as /admin's import form shows it ({@link ImportReport#describe}): worded in Chinese by
 * the import's message key, never from the English the API answers a client that names no language. Each as the
 * import throws it, from a file that has it.
 */
@SanfuTest
class ImportReportTests {

    private static final String HEADER = "creditCode,name,town,industry,exporter,key,specialist";

    @Autowired
    EnterpriseImport importer;
    @Autowired
    MessageSource messages;
    @Autowired
    Messages worded;

    /** What the page says of this file, each fault the import refused it with. */
    private String shown(byte[] file) {
        InvalidInput refused = catchThrowableOfType(() -> importer.load(file), InvalidInput.class);
        assertThat(refused).as(new String(file, StandardCharsets.UTF_8)).isNotNull();
        return refused.faults().stream().map(fault -> ImportReport.describe(fault, messages, worded))
                .collect(Collectors.joining("；"));
    }

    /**
     * The page's own wording where it has one (the header, the encoding), the API's Chinese else; an empty file (which
     * the form refuses before the import reads it, but the import says too) was shown in English when the page worded
     * the faults by matching their English.
     */
    @Test
    void everyFaultOfTheWholeFileIsWordedInChineseByItsKey() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("文件：为空：请上传 UTF-8 编码、以表头行开头的 CSV", new byte[0]);
        files.put("表头：第 1 行必须是表头 统一社会信用代码、企业名称、镇（街道）、行业、外贸企业、重点企业、驻企服务专员"
                + "（也可用英文列名），缺少：统一社会信用代码、行业、外贸企业、重点企业、驻企服务专员",
                "name,town\n某公司,某镇\n".getBytes(StandardCharsets.UTF_8));
        files.put("表头：第 1 行把“企业名称”列写了两次（中文列名和英文列名算同一列）",
                ("企业名称," + HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        files.put("文件：必须是 UTF-8 编码的文本（请在 Excel 中另存为“CSV UTF-8”）",
                (HEADER + "\n\u00FF").getBytes(StandardCharsets.ISO_8859_1));
        files.put("文件：不是可读的 CSV：第 2 行有加引号的字段，结束的引号（\"）之后、下一个逗号之前还有字符；字段中的引号要写成两个"
                + " \"\"：请改正这一行，或在 Excel 中重新另存为“CSV UTF-8”",
                (HEADER + "\n\"913\"x,某公司,某镇,泵业,是,否,\n").getBytes(StandardCharsets.UTF_8));

        files.forEach((said, file) -> assertThat(shown(file)).isEqualTo(said)
                .doesNotContainPattern("[A-Za-z]{3,} [a-z]{2,}"));
    }
}
