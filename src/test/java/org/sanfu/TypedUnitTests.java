package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a person typed, taken as meant: the one place names are trimmed and identifiers folded. */
class TypedUnitTests {

    /** Every space a copy from Word or WeChat, or a Chinese input method, leaves around a text. */
    private static final String SPACES = " \u00A0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
            + "\u200A\u202F\u205F\u200B\uFEFF";

    @Test
    void aNameLosesEverySpaceAtItsEndsAndKeepsWhatIsInsideIt() {
        assertThat(Typed.trimmed(SPACES + "ＣＯＳＣＯ\u00A0（宁波）\u3000物流" + SPACES))
                .isEqualTo("ＣＯＳＣＯ\u00A0（宁波）\u3000物流");
        assertThat(Typed.trimmed(SPACES)).isEmpty();
        assertThat(Typed.trimmed(null)).isNull();
    }

    @Test
    void aControlCharacterAtTheEndOfANameStaysForItsCheckToRefuse() {
        assertThat(Typed.trimmed("\u00A0名称\t")).isEqualTo("名称\t");
        assertThat(Typed.trimmed("\n名称")).isEqualTo("\n名称");
    }

    @Test
    void anIdentifierIsFoldedFromFullWidthToAsciiAndTrimmed() {
        assertThat(Typed.folded(SPACES + "ｓｔａｆｆ１" + SPACES)).isEqualTo("staff1");
        assertThat(Typed.folded("\t０５７６－８８８８　１２３４ 转 ８００１\u00A0")).isEqualTo("0576-8888 1234 转 8001");
        assertThat(Typed.folded("！～")).isEqualTo("!~");
        assertThat(Typed.folded("中文名称")).isEqualTo("中文名称");
        assertThat(Typed.folded(null)).isNull();
    }

    @Test
    void aCodeIsFoldedAndItsAsciiLettersAloneAreUpperCased() {
        assertThat(Typed.code("\u00A0９１３３１０００ｍａ２ａｂｃ\u200B")).isEqualTo("91331000MA2ABC");
        assertThat(Typed.code("hotline_12345")).isEqualTo("HOTLINE_12345");
        // no other letter upper-cases into a code's: ı, ſ and ß stay for the code's check to refuse
        assertThat(Typed.code("ıſß")).isEqualTo("ıſß");
        assertThat(Typed.code(null)).isNull();
    }

    @Test
    void aWordIsFoldedAndItsAsciiLettersAloneAreLowerCased() {
        assertThat(Typed.word(" XLSX\u00A0")).isEqualTo("xlsx");
        assertThat(Typed.word("Ｄｏｃｘ")).isEqualTo("docx");
        assertThat(Typed.word("md")).isEqualTo("md");
        // no other letter lower-cases into a word's: the Kelvin sign and the dotted İ stay for the word's check to refuse
        assertThat(Typed.word("\u212AB İ")).isEqualTo("\u212Ab İ");
        assertThat(Typed.word(null)).isNull();
    }
}
