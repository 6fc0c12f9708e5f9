package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.sanfu.Bundles;
import org.sanfu.DomainException;
import org.sanfu.Message;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpStatusCode;

/**
 * Messages words a Message from the bundles as Spring Boot's MessageSource reads them (UTF-8, no
 * fallback to the server's language): Chinese for any Chinese, English for English, arguments by name.
 */
class MessagesUnitTests {

    private final Messages messages = new Messages(Bundles.bootLike());

    @Test
    void chineseForAnyChineseAndEnglishForEnglish() {
        Message notFound = new DomainException.NotFound("ticket", "42").detail();

        assertThat(messages.text(notFound, Languages.CHINESE)).isEqualTo("事项 #42 不存在");
        assertThat(messages.text(notFound, Locale.TRADITIONAL_CHINESE)).isEqualTo("事项 #42 不存在");
        assertThat(messages.text(notFound, Languages.ENGLISH)).isEqualTo("ticket 42 does not exist");
        assertThat(messages.title(HttpStatusCode.valueOf(404), Languages.CHINESE)).isEqualTo("未找到");
        assertThat(messages.title(HttpStatusCode.valueOf(404), Languages.ENGLISH)).isEqualTo("Not Found");
        // a status without a title of its own
        assertThat(messages.title(HttpStatusCode.valueOf(418), Languages.CHINESE)).isEqualTo("错误 418");
        assertThat(messages.title(HttpStatusCode.valueOf(418), Languages.ENGLISH)).isEqualTo("Error 418");
    }

    @Test
    void argumentsAreFilledByNameListsJoinedAndNestedMessagesWordedInTheSameLanguage() {
        Message why = Message.of("sanfu.ticket.waits-for-contributions", "departments", List.of("FINANCE", "HRSS"));
        Message notNow = Message.of("sanfu.ticket.not-now-because", "id", 7, "status",
                Message.of("label.status.IN_PROGRESS"), "action", Message.of("label.action.reply"), "reason", why);

        assertThat(messages.text(notNow, Languages.CHINESE))
                .isEqualTo("事项 #7 当前为“办理中”，现在不能“答复”：协办部门 FINANCE, HRSS 尚未提交协办意见");
        assertThat(messages.text(notNow, Languages.ENGLISH)).isEqualTo(
                "ticket 7 is IN_PROGRESS; 'reply' is not possible now: co-departments FINANCE, HRSS have not contributed yet");
    }

    @Test
    void quotesAreTextNotMessageFormat() {
        Message character = Message.of("sanfu.credit-code.character", "position", 17, "character", 'I');

        assertThat(messages.text(character, Languages.CHINESE)).isEqualTo("第 17 个字符（'I'）不能出现在统一社会信用代码中");
        assertThat(messages.text(character, Languages.ENGLISH))
                .isEqualTo("character 17 ('I') is not allowed in a credit code");
    }

    @Test
    void theFieldsOfA400AreWordedAndTextAlreadyWordedIsKept() {
        InvalidInput invalid = new InvalidInput(List.of(
                new InvalidInput.Fault("size", Message.of("sanfu.validation.between", "min", 1, "max", 200)),
                new InvalidInput.Fault("reason", Message.worded("不能为空"))));

        assertThat(messages.errors(invalid, Languages.CHINESE)).containsExactly(
                new InvalidInput.FieldError("size", "必须在 1 到 200 之间"),
                new InvalidInput.FieldError("reason", "不能为空"));
        assertThat(messages.errors(invalid, Languages.ENGLISH)).containsExactly(
                new InvalidInput.FieldError("size", "must be between 1 and 200"),
                new InvalidInput.FieldError("reason", "不能为空"));
        assertThat(messages.text(invalid.detail(), Languages.CHINESE)).isEqualTo("size：必须在 1 到 200 之间");
        assertThat(invalid.getMessage()).isEqualTo("size: must be between 1 and 200");
    }

    @Test
    void aKeyMissingFromTheBundlesIsAnsweredInEnglishRatherThanAsAnError() {
        assertThat(messages.text(Message.of("sanfu.no-such-key", "id", 3), Languages.CHINESE))
                .isEqualTo("sanfu.no-such-key{id=3}");
    }

    /** As spring.messages configures it in application.yml (basename messages, UTF-8, no system locale). */
    /** /work's counts read as its inbox total does, 1234, not MessageFormat's default 1,234 beside it. */
    @Test
    void workCountsAreWrittenWithoutGrouping() {
        ResourceBundleMessageSource source = Bundles.bootLike();
        assertThat(source.getMessage("page.work.inbox-total", new Object[] {1234}, Locale.SIMPLIFIED_CHINESE))
                .contains("1234 件");
        assertThat(source.getMessage("page.work.my-reported.all", new Object[] {1234}, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("查看全部 1234 件");
        assertThat(source.getMessage("page.work.hotline-replied.all", new Object[] {1234, 1000},
                Locale.SIMPLIFIED_CHINESE)).startsWith("共 1234 件，这里列出回访期限最近的 1000 件");
        assertThat(source.getMessage("page.work.my-reported.all", new Object[] {1234}, Locale.ENGLISH))
                .isEqualTo("All 1234");
    }
}
