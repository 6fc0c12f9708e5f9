package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sanfu.calendar.CalendarProperties;
import org.sanfu.catalog.CatalogProperties;
import org.sanfu.security.FirstAdministratorProperties;
import org.sanfu.sla.NotificationProperties;
import org.sanfu.sla.SlaProperties;
import org.sanfu.stats.RankingProperties;
import org.sanfu.stats.RedCardProperties;
import org.sanfu.web.BodySizeLimitProperties;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The sanfu.* settings: the shipped configuration binds; one bad value stops start-up with a message
 * naming the setting; every setting has metadata (spring-boot-configuration-processor) and a row in
 * the README's table. The settings are bound on their own here, without the rest of the service.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationTests {

    /** Every module's settings, found as the application finds them. */
    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan
    @ImportAutoConfiguration(ValidationAutoConfiguration.class)
    static class SettingsOnly {
    }

    @Test
    void theShippedConfigurationBinds() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBean(SanfuProperties.class).zone().getId()).isEqualTo("Asia/Shanghai");
            assertThat(context.getBean(SlaProperties.class).feedbackWindow()).isEqualTo(5);
            assertThat(context.getBean(CalendarProperties.class).workEnd()).hasToString("17:30");
            assertThat(context.getBean(RankingProperties.class).weights().satisfaction()).isEqualTo(0.3);
            assertThat(context.getBean(RedCardProperties.class).overdueRate()).isEqualTo(0.2);
            assertThat(context.getBean(CatalogProperties.class).departments()).hasSize(7);
            assertThat(context.getBean(NotificationProperties.class).timeout()).hasSeconds(5);
            assertThat(context.getBean(BodySizeLimitProperties.class).maxBodyBytes()).isEqualTo(1048576);
            assertThat(context.getBean(FirstAdministratorProperties.class).username()).isEqualTo("admin");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sanfu.sla.feedback-window=0      | sanfu.sla.feedback-window",
            "sanfu.sla.default-reply-limit=61 | sanfu.sla.default-reply-limit",
            "sanfu.zone=Mars/Olympus          | sanfu.zone",
            "sanfu.max-body-bytes=12          | sanfu.max-body-bytes",
            "sanfu.calendar.work-start=18:00  | work-start must be before work-end",
            "sanfu.notifications.timeout=soon | sanfu.notifications.timeout",
            "sanfu.ranking.min-tickets=0      | sanfu.ranking.min-tickets",
            "sanfu.ranking.gold-min-score=101 | sanfu.ranking.gold-min-score",
            "sanfu.ranking.snail-min-ranked=3 | sanfu.ranking.snail-min-ranked",
            "sanfu.ranking.golds=0            | sanfu.ranking.golds",
            "sanfu.red-card.overdue-rate=1.5  | sanfu.red-card.overdue-rate",
            "sanfu.categories[0].code=        | sanfu.categories[0].code",
            "sanfu.attachments.max-from-enterprise-per-ticket=0 | sanfu.attachments.max-from-enterprise-per-ticket",
            "sanfu.feedback-links.max-concurrent-uploads=0      | sanfu.feedback-links.max-concurrent-uploads",
            "sanfu.channels.max-report-age=0d                   | sanfu.channels.max-report-age"})
    void aBadValueStopsStartUpNamingTheSetting(String setting, String named, CapturedOutput output) {
        assertThatThrownBy(() -> start(setting).close()).isInstanceOf(RuntimeException.class);
        // what the operator reads: Spring Boot's failure analysis ("Property: sanfu.sla.feedbackWindow ..."),
        // which names a setting in either of its spellings (feedback-window, feedbackWindow)
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START");
        assertThat(output.getAll().replace("-", "").toLowerCase()).contains(named.replace("-", "").toLowerCase());
    }

    /**
     * sanfu.channels.max-report-age in whole days: the refusal of a report too old says them (36h said "1 天"). The
     * failure names the setting as the operator wrote it, with the value given, literally: a check of the whole record
     * (an @AssertTrue getter) was named sanfu.channels.maxReportAgeInWholeDays, value false, which the hyphen-blind
     * check above let pass. So is one of part days past some 106 751 days (a typo's), which in nanoseconds overflows a
     * long: the wording of the value given counted in them, and the start failed on an ArithmeticException that named
     * no setting.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"36h | maxReportAgeInWholeDays", "2562073h | ArithmeticException"})
    void aMaxReportAgeOfPartDaysStopsStartUpNamingTheSettingAndTheValueGiven(String value, String neverSaid,
            CapturedOutput output) {
        assertThatThrownBy(() -> start("sanfu.channels.max-report-age=" + value).close())
                .isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("sanfu.channels.max-report-age must be whole days, as 30d, not " + value)
                .doesNotContain(neverSaid);
    }

    /**
     * A first administrator's password no account could have stops the start before any bean exists (so before the
     * database is touched), naming the variable and the rule of every password; never showing it: the operator's next
     * try, one character more, would be in the log. One the rest of the rule refuses (too long, a control character)
     * is refused only where the account is made (FirstAdministratorUnitTests): where one exists, it is never used.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Zq7shrt | too short", "' ' | empty", "'' | empty"})
    void aFirstAdministratorsPasswordTooShortStopsStartUpWithoutShowingIt(String password, String fault,
            CapturedOutput output) {
        assertThatThrownBy(() -> start("sanfu.admin.password=" + password).close())
                .isInstanceOf(IllegalStateException.class);
        // the line that names a failed start's root cause (operations.FailedStart)
        assertThat(output.getAll().lines().filter(l -> l.contains("The service did not start")).toList())
                .singleElement().asString().contains("SANFU_ADMIN_PASSWORD (sanfu.admin.password) is " + fault,
                        "8 characters at least, at most 72 bytes of UTF-8, no control characters");
        assertThat(output.getAll()).doesNotContain("Zq7shrt").doesNotContain("passwordWithinLength");
    }

    /**
     * A first administrator's user name no account could have stops the start before any bean exists, as a password
     * too short does: on an empty database it was refused only after every migration had run. The name is shown: it is
     * no secret, and the operator sees what was read. So does the name a ticket's history gives the service itself, in
     * any case, which no account may have either.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a b | is no user name: 1 to 64 letters, digits, '.', '_' or '-'",
            "'' | is no user name: 1 to 64 letters, digits, '.', '_' or '-'",
            "chief/1 | is no user name: 1 to 64 letters, digits, '.', '_' or '-'",
            "system | is reserved", "System | is reserved"})
    void aFirstAdministratorsUserNameNoAccountCouldHaveStopsStartUpNamingIt(String username, String fault,
            CapturedOutput output) {
        assertThatThrownBy(() -> start("sanfu.admin.username=" + username).close())
                .isInstanceOf(IllegalStateException.class);
        assertThat(output.getAll().lines().filter(l -> l.contains("The service did not start")).toList())
                .singleElement().asString().contains("SANFU_ADMIN_USERNAME (sanfu.admin.username) '" + username
                        + "' " + fault);
    }

    @Test
    void aFirstAdministratorsPasswordTheRestOfTheRuleRefusesDoesNotStopTheStart() {
        start("sanfu.admin.password=Zq7-" + "长".repeat(30)).close();
        start("sanfu.admin.password=Zq7-with\ttab").close();
    }

    /**
     * The console's log, the prod profile's JSON lines included, is written in UTF-8 whatever the JVM's locale: Java 17
     * under a bare environment (systemd, LANG=C) writes ASCII, every Chinese character a "?". What the logging was set
     * up with is read back, and a line in Chinese encoded by the console's encoder as it stands.
     */
    @ParameterizedTest
    @CsvSource({"demo", "prod"})
    void theLogIsWrittenInUtf8WhateverTheLocale(String profile) {
        try (ConfigurableApplicationContext context = start("spring.profiles.active=" + profile)) {
            assertThat(context.getEnvironment().getProperty("logging.charset.console")).isEqualTo("UTF-8");
            assertThat(context.getEnvironment().getProperty("logging.charset.file")).isEqualTo("UTF-8");
            LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
            Logger root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
            var console = (OutputStreamAppender<ILoggingEvent>) root.getAppender("CONSOLE");
            var line = new LoggingEvent(getClass().getName(), root, Level.INFO, "工单已签收", null, null);
            assertThat(new String(console.getEncoder().encode(line), StandardCharsets.UTF_8)).contains("工单已签收");
        }
    }

    @Test
    void everySettingHasMetadataAndARowInTheReadme() throws Exception {
        List<String> names = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("metadata from spring-boot-configuration-processor").isNotNull();
            JsonNode metadata = new ObjectMapper().readTree(in);
            metadata.get("properties").forEach(p -> names.add(p.get("name").asText()));
        }
        assertThat(names).contains("sanfu.zone", "sanfu.sla.feedback-window", "sanfu.calendar.work-start",
                "sanfu.notifications.webhook-url", "sanfu.admin.username", "sanfu.admin.password");
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        for (String name : names) {
            assertThat(readme).as("a row for " + name + " in README's table of settings").contains("| `" + name + "`");
        }
    }

    @Test
    void theDefaultsInTheMetadataAreTheShippedOnes() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(in);
        }
        try (ConfigurableApplicationContext context = start()) {
            for (JsonNode property : metadata.get("properties")) {
                String shipped = context.getEnvironment().getProperty(property.get("name").asText());
                if (property.has("defaultValue") && shipped != null) {
                    // a primitive's default in the metadata is 0 unless META-INF/additional-spring-
                    // configuration-metadata.json gives the shipped one
                    assertThat(property.get("defaultValue").asText()).as(property.get("name").asText()
                            + ": its default in META-INF/additional-spring-configuration-metadata.json")
                            .isEqualTo(shipped);
                }
            }
        }
    }

    /** With the shipped ./config/application.yml, and the settings given on the command line. */
    private static ConfigurableApplicationContext start(String... settings) {
        return new SpringApplicationBuilder(SettingsOnly.class).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off")
                .run(java.util.Arrays.stream(settings).map(s -> "--" + s).toArray(String[]::new));
    }
}
