package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The mobile number the feedback link's 用短信发送 is addressed to, read from a telephone as people write it. */
class PersonDetailsUnitTests {

    @Test
    void aMobileNumberIsItsElevenDigitsWithOrWithoutChinasCountryCode() {
        for (String written : new String[] {"13800001234", "138 0000 1234", "138-0000-1234", "+86 138 0000 1234",
            "+86-138-0000-1234", "+8613800001234", "86-13800001234", "86 138 0000 1234", "8613800001234",
            "0086 138 0000 1234", "0086-13800001234", "(+86) 138 0000 1234", "(86)13800001234"}) {
            assertThat(PersonDetails.mobile(written)).as(written).isEqualTo("13800001234");
        }
    }

    @Test
    void aLandlineAnExtensionAnotherCountrysCodeOrNoneIsNoMobileNumber() {
        for (String written : new String[] {"0576-88881234", "0576-8888 1234 转 8001", "13800001234 转 8001",
            "+1 138 0000 1234", "+852 1380 0001 234", "+86 0576 8888 1234", "+86 138 0000 123", "138000012345",
            "+86 +86 13800001234", "86 86 13800001234", "23800001234"}) {
            assertThat(PersonDetails.mobile(written)).as(written).isNull();
        }
        assertThat(PersonDetails.mobile(null)).isNull();
    }
}
