package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The texts of the API's answers (keys sanfu.*) are in both languages: messages.properties (Chinese,
 * the default bundle) and messages_en.properties (English) have the same keys, each with the same
 * placeholders, and every key the code names is there. (The pages' own labels are Chinese only.)
 */
class MessageBundlesUnitTests {

    private static final Path MAIN = Path.of("src/main/java/org/sanfu");
    /** A key the code names: in a Message.of(...) or JsonBodies' text(...), or as a constraint's {template}. */
    private static final Pattern KEY = Pattern.compile(
            "(?:Message\\.of|text)\\(\\s*\"(sanfu\\.[a-z0-9.-]*[a-z0-9])\"|\"\\{(sanfu\\.[a-z0-9.-]+)}\"");
    private static final Pattern NOT_FOUND = Pattern.compile("new DomainException\\.NotFound\\(\"([a-z-]+)\"");
    private static final Pattern NUMBERED_ARGUMENT = Pattern.compile("\\{[0-9]");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private final Properties chinese = load("messages.properties");
    private final Properties english = load("messages_en.properties");

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertThat(apiKeys(english)).isNotEmpty().isEqualTo(apiKeys(chinese));
    }

    @Test
    void aKeyHasTheSamePlaceholdersInBothLanguages() {
        for (String key : apiKeys(chinese)) {
            assertThat(placeholders(english.getProperty(key))).as(key)
                    .isEqualTo(placeholders(chinese.getProperty(key)));
        }
    }

    /** The API's texts are filled by name (Message.fill), not by MessageFormat: a doubled quote would show. */
    @Test
    void anApiTextQuotesWithOneQuote() {
        for (Properties bundle : List.of(chinese, english)) {
            for (String key : apiKeys(bundle)) {
                assertThat(bundle.getProperty(key)).as(key).doesNotContain("''");
            }
        }
    }

    /**
     * The pages' texts with numbered arguments are filled by MessageFormat (Thymeleaf's #{key(args)}, the flash messages),
     * which reads a single quote as the start of a quoted part: "Channel {0}'s key" showed "Channel 12345s key".
     */
    @Test
    void aPageTextWithArgumentsDoublesItsQuotes() {
        for (Properties bundle : List.of(chinese, english)) {
            for (String key : bundle.stringPropertyNames()) {
                String text = bundle.getProperty(key);
                if (!key.startsWith("sanfu.") && NUMBERED_ARGUMENT.matcher(text).find()) {
                    assertThat(text.replace("''", "")).as(key).doesNotContain("'");
                }
            }
        }
    }

    @Test
    void theChineseTextsAreChineseAndTheEnglishOnesAreNot() {
        Pattern han = Pattern.compile("\\p{IsHan}");
        for (String key : apiKeys(chinese)) {
            assertThat(english.getProperty(key)).as(key).doesNotContainPattern(han);
        }
        assertThat(chinese.getProperty("sanfu.problem.title.400")).isEqualTo("请求无效");
        assertThat(chinese.getProperty("sanfu.not-found.ticket")).isEqualTo("事项 #{id} 不存在");
    }

    @Test
    void everyStatusTheApiAnswersHasATitleInBothLanguages() {
        for (int status : new int[] {400, 401, 403, 404, 405, 406, 409, 413, 415, 500}) {
            String key = "sanfu.problem.title." + status;
            assertThat(chinese.getProperty(key)).as(key).isNotBlank();
            assertThat(english.getProperty(key)).as(key).isNotBlank();
        }
        assertThat(Map.of("400", english.getProperty("sanfu.problem.title.400"),
                "401", english.getProperty("sanfu.problem.title.401"),
                "403", english.getProperty("sanfu.problem.title.403"),
                "409", english.getProperty("sanfu.problem.title.409")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("400", "Bad Request", "401", "Unauthorized",
                        "403", "Forbidden", "409", "Conflict"));
    }

    @Test
    void everyKeyTheCodeNamesIsInBothLanguages() throws IOException {
        Set<String> named = new TreeSet<>();
        for (Path file : javaFiles()) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            Matcher key = KEY.matcher(source);
            while (key.find()) {
                named.add(key.group(1) != null ? key.group(1) : key.group(2));
            }
            Matcher notFound = NOT_FOUND.matcher(source);
            while (notFound.find()) {
                named.add("sanfu.not-found." + notFound.group(1));
            }
        }
        assertThat(named).hasSizeGreaterThan(50).contains("sanfu.not-found.ticket", "sanfu.ticket.not-now",
                "sanfu.validation.not-blank", "sanfu.validation.one-of", "sanfu.json.unreadable", "sanfu.security.sign-in");
        assertThat(named.stream().filter(key -> !chinese.containsKey(key))).as("missing in messages.properties")
                .isEmpty();
        assertThat(named.stream().filter(key -> !english.containsKey(key))).as("missing in messages_en.properties")
                .isEmpty();
    }

    @Test
    void aMessageIsWordedInEnglishForLogsWithItsArgumentsByName() {
        Message notNow = Message.of("sanfu.ticket.not-now-because", "id", 42, "status", "ASSIGNED",
                "action", "reply", "reason", Message.of("sanfu.ticket.waits-for-contributions",
                        "departments", List.of("FINANCE", "HRSS")));

        assertThat(notNow.english()).isEqualTo("ticket 42 is ASSIGNED; 'reply' is not possible now: "
                + "co-departments FINANCE, HRSS have not contributed yet");
        assertThat(new DomainException.NotNow(notNow).getMessage()).isEqualTo(notNow.english());
        assertThat(new DomainException.NotFound("ticket", "7").getMessage()).isEqualTo("ticket 7 does not exist");
        assertThat(Message.of("sanfu.no-such-key", "id", 1).english()).isEqualTo("sanfu.no-such-key{id=1}");
        assertThat(Message.worded("不能为空").english()).isEqualTo("不能为空");
        // a placeholder without an argument stays as it is, and $ or \ in an argument are just text
        assertThat(Message.of("x", "a", "$1\\").fill("{a} {b}", Message::english)).isEqualTo("$1\\ {b}");
    }

    private static Set<String> apiKeys(Properties bundle) {
        return bundle.stringPropertyNames().stream().filter(k -> k.startsWith("sanfu."))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text == null ? "" : text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    /** As Spring Boot reads it: UTF-8 (spring.messages.encoding). */
    private static Properties load(String name) {
        Properties bundle = new Properties();
        try (InputStream in = MessageBundlesUnitTests.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            bundle.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bundle;
    }
}
