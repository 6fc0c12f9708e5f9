package org.sanfu.generator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sanfu.Message;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.env.Environment;

/**
 * {@code java -jar sanfu.jar --generate=N}: starts the service's context listening on no port
 * ({@code server.port=-1}: the pages' and API's beans are there, no HTTP is served; a context without
 * servlet support lacks the view resolver and security filter chain they need) and without the job
 * executor (same database settings as the service), fills the database with N
 * generated tickets ({@link DataGenerator}), and exits: 0 when done, 1 when it failed, 2 when N is
 * no positive number. On H2 it compacts the file at the end.
 */
public final class GenerateCommand {

    static final String ARGUMENT = "--generate";

    private GenerateCommand() {
    }

    /** Whether the command line asks for generated data rather than the service. */
    public static boolean requested(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals(ARGUMENT) || a.startsWith(ARGUMENT + "="));
    }

    /** The number of tickets asked for, or null when it is no positive whole number (at most 100 million). */
    static Integer count(String[] args) {
        String value = Arrays.stream(args).filter(a -> a.startsWith(ARGUMENT + "=")).map(a -> a.substring(ARGUMENT.length() + 1))
                .reduce((a, b) -> b).orElse("");
        if (!value.matches("[0-9]{1,9}")) {
            return null;
        }
        int count = Integer.parseInt(value);
        return count >= 1 && count <= 100_000_000 ? count : null;
    }

    /** Runs the command; its exit code. */
    public static int run(Class<?> application, String[] args) {
        Integer count = count(args);
        if (count == null) {
            String value = Arrays.stream(args).filter(a -> a.startsWith(ARGUMENT)).reduce((a, b) -> b).orElse(ARGUMENT);
            System.err.println(chinese(Message.of("sanfu.generator.count", "value", value)));
            return 2;
        }
        List<String> settings = new ArrayList<>(Arrays.asList(args));
        // after the arguments given, so that neither configuration nor a --server.port given opens a port
        // or switches the executor back on
        settings.add("--server.port=-1");
        settings.add("--camunda.bpm.job-execution.enabled=false");
        String url;
        String username;
        String password;
        DataGenerator.Result result;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .run(settings.toArray(String[]::new))) {
            Environment environment = context.getEnvironment();
            url = environment.getProperty("spring.datasource.url", "");
            username = environment.getProperty("spring.datasource.username", "");
            password = environment.getProperty("spring.datasource.password", "");
            result = context.getBean(DataGenerator.class).generate(count);
        } catch (Exception e) {
            e.printStackTrace();
            System.err.println(chinese(Message.of("sanfu.generator.failed", "reason", String.valueOf(e.getMessage()))));
            return 1;
        }
        if (url.startsWith("jdbc:h2:")) {
            try (Connection db = DriverManager.getConnection(url, username, password); Statement sql = db.createStatement()) {
                sql.execute("shutdown compact");
            } catch (Exception e) {
                System.err.println(chinese(Message.of("sanfu.generator.failed", "reason", String.valueOf(e.getMessage()))));
                return 1;
            }
        }
        System.out.println(chinese(Message.of("sanfu.generator.done", "tickets", result.tickets(), "open", result.open(),
                "visits", result.visits(), "enterprises", result.enterprises(), "events", result.events(),
                "seconds", result.took().toSeconds())));
        return 0;
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
