package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Started without the prod profile, so under the demo profile by default, but with the prod profile's environment
 * variables set, the service refuses to start before any bean exists, saying what to do; with the prod profile, or
 * without the variables, it starts. (A context of no beans, with the shipped ./config/: what is refused is refused
 * before the context is made.)
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoProfileCheckTests {

    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }

    @Test
    void theDefaultDemoProfileWithTheDatabasesVariableIsRefusedSayingWhatToDo(CapturedOutput output) {
        assertThatThrownBy(() -> start(null, "SANFU_DB_URL=jdbc:postgresql://db.example/sanfu",
                "SANFU_ADMIN_PASSWORD=Zq7-secret").close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the demo profile is active (by default: no profile was given")
                .hasMessageContaining("SANFU_DB_URL, SANFU_ADMIN_PASSWORD are set")
                .hasMessageContaining("start with --spring.profiles.active=prod (or SPRING_PROFILES_ACTIVE=prod)")
                .hasMessageContaining("or unset them to try the demo")
                .hasMessageNotContaining("Zq7-secret")
                .hasMessageNotContaining("db.example");
        // the one line an operator reads first (FailedStart), before any bean
        assertThat(output.getOut().lines().filter(l -> l.contains("The service did not start")).toList())
                .singleElement().asString().contains("ERROR", "the demo profile is active", "SANFU_DB_URL");
    }

    @Test
    void theDemoProfileAskedForIsRefusedToo() {
        assertThatThrownBy(() -> start("demo", "SANFU_DB_PASSWORD=x").close())
                .hasMessageContaining("the demo profile is active (asked for").hasMessageContaining("SANFU_DB_PASSWORD is set")
                .hasMessageContaining("or unset it to try the demo");
    }

    @Test
    void theProdProfileOrTheDemoWithoutTheVariablesStarts() {
        start("prod", "SANFU_DB_URL=jdbc:postgresql://db.example/sanfu", "SANFU_ADMIN_PASSWORD=Zq7-secret").close();
        start(null).close();
        start("demo", "SANFU_ADMIN_USERNAME=chief").close();
    }

    private static ConfigurableApplicationContext start(String profile, String... settings) {
        List<String> arguments = new ArrayList<>();
        if (profile != null) {
            arguments.add("--spring.profiles.active=" + profile);
        }
        for (String setting : settings) {
            arguments.add("--" + setting);
        }
        return new SpringApplicationBuilder(Nothing.class).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off").run(arguments.toArray(String[]::new));
    }
}
