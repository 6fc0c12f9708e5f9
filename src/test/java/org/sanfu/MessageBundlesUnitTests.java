package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text is in both languages: a bundle (messages.properties, Chinese, the default) and its English
 * beside it (messages_en.properties) have the same keys, the pages' own included, each with the same
 * arguments, and every key the code names is there.
 */
class MessageBundlesUnitTests {

    private static final Path MAIN = Path.of("src/main/java/org/sanfu");
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final String ENGLISH = "_en.properties";
    /** A key the code names: in a Message.of(...) or JsonBodies' text(...), or as a constraint's {template}. */
    private static final Pattern KEY = Pattern.compile(
            "(?:Message\\.of|text)\\(\\s*\"(sanfu\\.[a-z0-9.-]*[a-z0-9])\"|\"\\{(sanfu\\.[a-z0-9.-]+)}\"");
    private static final Pattern NOT_FOUND = Pattern.compile("new DomainException\\.NotFound\\(\"([a-z-]+)\"");
    private static final Pattern NUMBERED_ARGUMENT = Pattern.compile("\\{[0-9]");
    /**
     * An argument as either filler reads it: by name as Message.fill does ({id}), or by index as MessageFormat does
     * ({0}, {1,number,#}); a text reads as "{id}" or "{0}" whatever its format.
     */
    private static final Pattern ARGUMENT = Pattern.compile("\\{(?:([A-Za-z][A-Za-z0-9]*)|([0-9]+)\\s*(?:,[^}]*)?)}");

    private final Properties chinese = load("messages.properties");
    private final Properties english = load("messages_en.properties");

    /** The keys one language lacks are named, each bundle's both ways. */
    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        assertThat(translatedBundles()).contains("messages");
        for (String bundle : translatedBundles()) {
            Properties chinese = load(bundle + ".properties");
            Properties english = load(bundle + ENGLISH);
            assertThat(chinese.stringPropertyNames()).as(bundle).hasSizeGreaterThan(500);
            assertThat(missing(chinese, english)).as("keys of %s.properties missing in %s%s", bundle, bundle, ENGLISH)
                    .isEmpty();
            assertThat(missing(english, chinese)).as("keys of %s%s missing in %s.properties", bundle, ENGLISH, bundle)
                    .isEmpty();
        }
    }

    /** Each key's arguments, by name or by index, are the same in both texts: a filler would leave one out else. */
    @Test
    void aKeyHasTheSameArgumentsInBothLanguages() throws IOException {
        for (String bundle : translatedBundles()) {
            Properties chinese = load(bundle + ".properties");
            Properties english = load(bundle + ENGLISH);
            Map<String, String> differing = new TreeMap<>();
            for (String key : chinese.stringPropertyNames()) {
                if (!english.containsKey(key)) {
                    continue; // named by bothLanguagesHaveTheSameKeys
                }
                Set<String> inChinese = arguments(chinese.getProperty(key));
                Set<String> inEnglish = arguments(english.getProperty(key));
                if (!inChinese.equals(inEnglish)) {
                    differing.put(key, inChinese + " in Chinese, " + inEnglish + " in English");
                }
            }
            assertThat(differing).as("arguments of %s", bundle).isEmpty();
        }
        assertThat(arguments("{done}，事项现为“{status}”。")).containsExactly("{done}", "{status}");
        assertThat(arguments("共 {0,number,#} 件，{1} 与 #{id}：{0}")).containsExactly("{0}", "{1}", "{id}");
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

    /**
     * And a text without numbered arguments is shown as written (Spring's MessageSource formats none, a page's #{key}
     * neither): a doubled quote in it would show doubled.
     */
    @Test
    void aTextWithoutNumberedArgumentsQuotesWithOneQuote() {
        for (Properties bundle : List.of(chinese, english)) {
            for (String key : bundle.stringPropertyNames()) {
                String text = bundle.getProperty(key);
                if (!NUMBERED_ARGUMENT.matcher(text).find()) {
                    assertThat(text).as(key).doesNotContain("''");
                }
            }
        }
    }

    /** A count reads in the singular for one: the English summary of a form's errors chooses by its number. */
    @Test
    void theFormsErrorSummaryCountsInTheSingularForOne() {
        String summary = english.getProperty("page.error.summary");
        assertThat(new MessageFormat(summary, Locale.ENGLISH).format(new Object[] {1}))
                .isEqualTo("1 field of the form needs correcting: see those marked in red.");
        assertThat(new MessageFormat(summary, Locale.ENGLISH).format(new Object[] {3}))
                .isEqualTo("3 fields of the form need correcting: see those marked in red.");
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

    private static Set<String> arguments(String text) {
        Set<String> arguments = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(text);
        while (m.find()) {
            arguments.add("{" + (m.group(1) != null ? m.group(1) : m.group(2)) + "}");
        }
        return arguments;
    }

    private static Set<String> missing(Properties from, Properties in) {
        return from.stringPropertyNames().stream().filter(key -> !in.containsKey(key))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Each bundle with an English one beside it: X for X.properties and X_en.properties. */
    private static List<String> translatedBundles() throws IOException {
        try (Stream<Path> files = Files.list(RESOURCES)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(ENGLISH))
                    .map(n -> n.substring(0, n.length() - ENGLISH.length())).sorted().toList();
        }
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
