package org.sanfu.generator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.sanfu.Message;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The second half of {@code --generate=N} ({@link GenerateCommand}): once the context has started,
 * generates the tickets, closes the context, compacts an H2 file, says what it made and exits 0; on a
 * failure it says why and exits 1.
 */
@Component
@ConditionalOnProperty(GenerateCommand.COUNT)
class GenerateRunner implements ApplicationRunner {

    private final DataGenerator generator;
    private final ConfigurableApplicationContext context;
    private final Environment environment;

    GenerateRunner(DataGenerator generator, ConfigurableApplicationContext context, Environment environment) {
        this.generator = generator;
        this.context = context;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        int count = environment.getRequiredProperty(GenerateCommand.COUNT, Integer.class);
        String url = environment.getProperty("spring.datasource.url", "");
        String username = environment.getProperty("spring.datasource.username", "");
        String password = environment.getProperty("spring.datasource.password", "");
        try {
            DataGenerator.Result result = generator.generate(count);
            SpringApplication.exit(context);
            if (url.startsWith("jdbc:h2:")) {
                // the pool is closed and with it the database: open it once more to compact the file
                try (Connection db = DriverManager.getConnection(url, username, password);
                        Statement sql = db.createStatement()) {
                    sql.execute("shutdown compact");
                }
            }
            System.out.println(GenerateCommand.chinese(Message.of("sanfu.generator.done", "tickets", result.tickets(),
                    "open", result.open(), "visits", result.visits(), "enterprises", result.enterprises(),
                    "events", result.events(), "seconds", result.took().toSeconds())));
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.err.println(GenerateCommand.chinese(Message.of("sanfu.generator.failed", "reason",
                    String.valueOf(e.getMessage()))));
            if (context.isActive()) {
                SpringApplication.exit(context);
            }
            System.exit(1);
        }
    }
}
