package org.sanfu.generator;

import java.util.Locale;
import java.util.Map;
import org.sanfu.Message;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * {@code java -jar sanfu.jar --generate=N} (README "Data at scale"): the service's own start-up, with
 * its configuration and database settings, turned into a command. Registered in
 * META-INF/spring.factories, so that the application class needs to know nothing of it. Seeing the
 * argument, it refuses anything but a whole number from 1 to 100,000,000 (exit code 2, before anything
 * starts), and otherwise sets, above every other setting, no port to listen on ({@code server.port=-1}:
 * the context is the service's, pages and API included, but nothing is served) and no job executor;
 * {@link GenerateRunner} then generates and exits.
 */
public class GenerateCommand implements EnvironmentPostProcessor, Ordered {

    /** The command-line argument, {@code --generate=N}. */
    static final String ARGUMENT = "generate";
    /** Where the count is handed to {@link GenerateRunner}. */
    static final String COUNT = "sanfu.generator.count";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.containsProperty(ARGUMENT)) {
            return;
        }
        String value = environment.getProperty(ARGUMENT, "");
        Integer count = count(value);
        if (count == null) {
            System.err.println(chinese(Message.of("sanfu.generator.count", "value", value)));
            System.exit(2);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("sanfu-generate", Map.of(
                "server.port", "-1",
                "camunda.bpm.job-execution.enabled", "false",
                COUNT, count)));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The number of tickets asked for, or null when it is no whole number from 1 to 100 million. */
    static Integer count(String value) {
        if (value == null || !value.strip().matches("[0-9]{1,9}")) {
            return null;
        }
        int count = Integer.parseInt(value.strip());
        return count >= 1 && count <= 100_000_000 ? count : null;
    }

    /** The message as messages.properties words it: the command speaks to people at a console, in Chinese. */
    static String chinese(Message message) {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        String template = source.getMessage(message.code(), null, message.english(), Locale.CHINESE);
        return message.fill(template, Message::english);
    }
}
