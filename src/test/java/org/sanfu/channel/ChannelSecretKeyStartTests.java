package org.sanfu.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * A sanfu.channels.secret-key that is no key stops the start, and the line that says why (operations.FailedStart)
 * names the setting, not only the decoder's complaint beneath it; the key itself is not in it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChannelSecretKeyStartTests {

    private static final String NO_BASE64 = "Not-A-Key-But-A-Sentence";

    /** The channels' settings and their secrets, alone. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ChannelProperties.class)
    @Import(ChannelSecrets.class)
    static class SecretsOnly {
    }

    @Test
    void aKeyThatIsNoBase64StopsTheStartNamingTheSettingInItsOneLine(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SecretsOnly.class).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off").run("--sanfu.channels.secret-key=" + NO_BASE64).close())
                .isInstanceOf(RuntimeException.class);
        assertThat(output.getOut().lines().filter(l -> l.contains("The service did not start")).toList())
                .singleElement().asString()
                .contains("java.lang.IllegalArgumentException: Illegal base64 character 2d (cause of "
                        + "java.lang.IllegalStateException: sanfu.channels.secret-key is no base64)")
                .doesNotContain(NO_BASE64);
    }
}
