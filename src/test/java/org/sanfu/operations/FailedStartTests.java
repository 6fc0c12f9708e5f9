package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.BindException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

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
        assertThat(FailedStart.rootCause(thrownBy("org.springframework.beans.BeanUtils", new IllegalStateException("top",
                new IllegalArgumentException("  two\r\n  lines  "))))).isEqualTo("java.lang.IllegalArgumentException: two lines");
        assertThat(FailedStart.rootCause(new IllegalStateException("alone"))).isEqualTo("java.lang.IllegalStateException: alone");
        assertThat(FailedStart.rootCause(new NullPointerException())).isEqualTo("java.lang.NullPointerException");
    }

    /**
     * A cause above the root that Sanfu's own code threw, or Spring Boot's refusal to bind a setting, says more than
     * the library's root: its words follow, the nearest such to the root; a wrapper of Spring's does not, nor words
     * the root's message has already, nor any when the root is such a cause itself.
     */
    @Test
    void aCauseThatSaysMoreThanTheRootFollowsIt() {
        IllegalArgumentException base64 = thrownBy("java.util.Base64$Decoder",
                new IllegalArgumentException("Illegal base64 character 2d"));
        Throwable ours = new IllegalStateException("sanfu.channels.secret-key is no base64", base64);
        Throwable spring = thrownBy("org.springframework.beans.BeanUtils",
                new IllegalStateException("Failed to instantiate [org.sanfu.channel.ChannelSecrets]", ours));
        assertThat(FailedStart.rootCause(thrownBy("org.springframework.beans.factory.support.ConstructorResolver",
                new IllegalStateException("Error creating bean with name 'channelSecrets'", spring))))
                .isEqualTo("java.lang.IllegalArgumentException: Illegal base64 character 2d "
                        + "(cause of java.lang.IllegalStateException: sanfu.channels.secret-key is no base64)");

        Binder settings = new Binder(new MapConfigurationPropertySource(Map.of("sanfu.sla.feedback-window", "five")));
        Throwable binding = catchThrowable(() -> settings.bind("sanfu.sla.feedback-window", Integer.class));
        assertThat(binding).isInstanceOf(org.springframework.boot.context.properties.bind.BindException.class);
        assertThat(FailedStart.rootCause(thrownBy("org.springframework.boot.SpringApplication",
                new IllegalStateException("wrapper", binding)))).isEqualTo(
                "java.lang.NumberFormatException: For input string: \"five\" (cause of "
                        + org.springframework.boot.context.properties.bind.BindException.class.getName()
                        + ": Failed to bind properties under 'sanfu.sla.feedback-window' to java.lang.Integer)");

        // the root says it all already: by its words, or being Sanfu's own (this test's) or the binding's
        assertThat(FailedStart.rootCause(new IllegalStateException("sanfu.x is wrong",
                new IllegalArgumentException("sanfu.x must be y")))).isEqualTo("java.lang.IllegalArgumentException: sanfu.x must be y");
        assertThat(FailedStart.rootCause(new IllegalStateException("sanfu.zone is no zone",
                thrownBy("java.time.ZoneId", new IllegalArgumentException("sanfu.zone is no zone: Mars")))))
                .isEqualTo("java.lang.IllegalArgumentException: sanfu.zone is no zone: Mars");
    }

    /**
     * An unreachable database: the root says only "Connection refused"; the driver's words above it name the host and
     * port, and the line names the database's URL as set (without its password) and SANFU_DB_URL. A port in use: the
     * root says "Address already in use", the web server's refusal above it names the port.
     */
    @Test
    void aRefusedDatabaseOrPortIsNamed() {
        SQLException driver = thrownBy("org.postgresql.core.v3.ConnectionFactoryImpl", new SQLException(
                "Connection to localhost:5499 refused.", "08001",
                thrownBy("sun.nio.ch.Net", new ConnectException("Connection refused"))));
        Throwable pool = thrownBy("org.springframework.beans.factory.support.ConstructorResolver",
                new IllegalStateException("Error creating bean with name 'dataSource'", driver));
        MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url",
                "jdbc:postgresql://localhost:5499/sanfu?user=sanfu&password=s3cret");
        assertThat(FailedStart.said(pool, environment)).isEqualTo("java.net.ConnectException: Connection refused "
                + "(cause of java.sql.SQLException: Connection to localhost:5499 refused.); the database: "
                + "jdbc:postgresql://localhost:5499/sanfu?user=sanfu&password=*** (spring.datasource.url; SANFU_DB_URL"
                + " under the prod profile)");
        assertThat(FailedStart.said(pool, null)).as("no context yet: no URL").isEqualTo(FailedStart.rootCause(pool));
        Throwable other = new IllegalStateException("sanfu.zone is no zone");
        assertThat(FailedStart.said(other, environment)).isEqualTo("java.lang.IllegalStateException: sanfu.zone is no zone");
        assertThat(FailedStart.withoutPassword("jdbc:postgresql://sanfu:s3cret@db.example/sanfu"))
                .isEqualTo("jdbc:postgresql://sanfu:***@db.example/sanfu");

        Throwable port = thrownBy("org.springframework.context.support.DefaultLifecycleProcessor",
                new IllegalStateException("Failed to start bean 'webServerStartStop'",
                        new PortInUseException(8080, thrownBy("sun.nio.ch.Net", new BindException("Address already in use")))));
        assertThat(FailedStart.rootCause(port)).isEqualTo("java.net.BindException: Address already in use "
                + "(cause of org.springframework.boot.web.server.PortInUseException: Port 8080 is already in use)");
    }

    /** The exception as if thrown by that class, not by this test (whose frames are Sanfu's). */
    private static <T extends Throwable> T thrownBy(String className, T e) {
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement(className, "run", null, -1)});
        return e;
    }
}
