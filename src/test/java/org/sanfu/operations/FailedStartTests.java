package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A context that fails to start logs one ERROR line naming the root cause, however deep Spring buries it (FailedStart);
 * the prod profile's JSON line is ProductionProfileTests', the refused password's ConfigurationTests'.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailedStartTests {

    /** A bean that cannot be made, the cause three deep as a pool's refused connection would be. */
    @Configuration(proxyBeanMethods = false)
    static class Unreachable {

        @Bean
        String database() {
            throw new IllegalStateException("could not open the pool",
                    new RuntimeException("connection failed", new ConnectException("db.example:5432 refused\nto connect")));
        }
    }

    @Test
    void aFailedStartNamesItsRootCauseInOneErrorLine(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Unreachable.class).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off").run().close()).isInstanceOf(RuntimeException.class);
        List<String> errors = output.getOut().lines()
                .filter(l -> l.contains(" ERROR ") || l.contains("\"level\":\"ERROR\"")).toList();
        assertThat(errors.stream().filter(l -> l.contains("did not start")).toList()).singleElement().asString()
                .contains("The service did not start: java.net.ConnectException: db.example:5432 refused to connect");
        // and Spring Boot's report with the whole chain still follows it
        assertThat(errors).anySatisfy(l -> assertThat(l).contains("Application run failed"));
    }

    @Test
    void theRootCauseIsTheLastOfTheChainOnOneLine() {
        assertThat(FailedStart.rootCause(new IllegalStateException("top",
                new IllegalArgumentException("  two\r\n  lines  ")))).isEqualTo("java.lang.IllegalArgumentException: two lines");
        assertThat(FailedStart.rootCause(new IllegalStateException("alone"))).isEqualTo("java.lang.IllegalStateException: alone");
        assertThat(FailedStart.rootCause(new NullPointerException())).isEqualTo("java.lang.NullPointerException");
    }
}
