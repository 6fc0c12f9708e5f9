package org.sanfu;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A text for people, named by its key in the MessageSource (messages.properties in Chinese,
 * messages_en.properties in English) with its arguments by name: {@code sanfu.not-found.ticket} with
 * {@code id=42} reads "事项 42 不存在" or "ticket 42 does not exist". The web edge words it in the
 * request's language (web.Messages); {@link #english()} words it for logs. A list argument reads
 * "A, B, C"; an argument that is itself a Message is worded in the same language, and a list of them is
 * joined as the language joins words ("服务专员、专班办公室": its {@code sanfu.list.separator}), while a list
 * of codes or values stays "A, B" in either.
 */
public record Message(String code, Map<String, Object> arguments, String text) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final String ENGLISH_BUNDLE = "messages_en.properties";

    public Message {
        arguments = arguments == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** The message {@code code} with arguments given as name, value, name, value... */
    public static Message of(String code, Object... namesAndValues) {
        if (code == null || namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a message needs a code and its arguments as pairs of name and value");
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            arguments.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Message(code, arguments, null);
    }

    /**
     * A text already worded in the request's language (Bean Validation interpolates its messages from
     * the same MessageSource), or a text that is data, not words (a parser's own report).
     */
    public static Message worded(String text) {
        return new Message(null, Map.of(), text);
    }

    /**
     * A text already worded from the key {@code code} with these arguments: answered as worded, while a
     * page may still word the same fault its own way by the key (web.FormErrors).
     */
    public static Message worded(String code, Map<String, Object> arguments, String text) {
        return new Message(code, arguments, text);
    }

    /** The template with its {name} placeholders filled; arguments worded by {@code word} when they are messages. */
    public String fill(String template, Function<Message, String> word) {
        return fill(template, word, ", ");
    }

    /** As {@link #fill(String, Function)}, a list of messages joined by {@code separator} (、 in Chinese). */
    public String fill(String template, Function<Message, String> word, String separator) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = arguments.containsKey(name) ? format(arguments.get(name), word, separator) : m.group();
            m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        m.appendTail(filled);
        return filled.toString();
    }

    private static String format(Object value, Function<Message, String> word, String separator) {
        if (value instanceof Message message) {
            return word.apply(message);
        }
        if (value instanceof Object[] values) {
            return format(Arrays.asList(values), word, separator);
        }
        if (value instanceof Collection<?> values) {
            // words (roles, worded in the language) as the language lists them; codes and values as data
            boolean words = !values.isEmpty() && values.stream().allMatch(Message.class::isInstance);
            String between = words ? separator : ", ";
            return values.stream().map(v -> format(v, word, separator)).collect(Collectors.joining(between));
        }
        return String.valueOf(value);
    }

    /** In English from messages_en.properties, for logs and exception messages; the key and arguments when it has none. */
    public String english() {
        if (code == null || text != null) {
            return text;
        }
        String template = English.TEMPLATES.getProperty(code);
        return template == null ? code + arguments : fill(template, Message::english);
    }

    @Override
    public String toString() {
        return english();
    }

    /** The English texts, read once from the class path. */
    private static final class English {
        static final Properties TEMPLATES = load();

        private static Properties load() {
            Properties templates = new Properties();
            try (InputStream in = Message.class.getClassLoader().getResourceAsStream(ENGLISH_BUNDLE)) {
                if (in != null) {
                    templates.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return templates;
        }
    }
}
