package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.LocaleResolver;

/** The API's language by Accept-Language, and the pages' Chinese whatever the browser asks for. */
class LanguagesUnitTests {

    private final LocaleResolver resolver = new Languages().localeResolver();

    @ParameterizedTest
    @ValueSource(strings = {"zh", "zh-CN", "zh-TW", "zh-Hant-TW", "ZH-cn", "zh, en", "zh-CN,zh;q=0.9,en;q=0.8",
            "en;q=0.5, zh", "fr, zh;q=0.5, en;q=0.4", "de, zh-HK;q=0.1"})
    void chineseWhenTheRequestPrefersChineseToEnglish(String header) {
        assertThat(Languages.api(header)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "en-US", "en, zh", "en;q=0.9, zh;q=0.8", "en-GB,en;q=0.9,zh-CN;q=0.8", "fr", "*",
            "zh;q=0, en", "zh;q=0", "fr, en;q=0.5, zh;q=0.4", "not a language;q=x"})
    void englishOtherwise(String header) {
        assertThat(Languages.api(header)).isEqualTo(Locale.ENGLISH);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void englishWithoutAHeader(String header) {
        assertThat(Languages.api(header)).isEqualTo(Locale.ENGLISH);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "/api/tickets | zh-CN | zh_CN",
            "/api/tickets | en    | en",
            "/api/tickets | -     | en",
            "/work        | en    | zh_CN",
            "/            | -     | zh_CN",
            "/login       | en-US | zh_CN",
            "/apiary      | en    | zh_CN"})
    void theResolverAsksTheApiRuleOnlyUnderApi(String path, String header, String expected) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        if (header != null) {
            request.addHeader("Accept-Language", header);
        }
        assertThat(resolver.resolveLocale(request).toString()).isEqualTo(expected);
    }
}
