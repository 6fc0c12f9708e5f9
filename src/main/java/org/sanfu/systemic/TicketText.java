package org.sanfu.systemic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * A ticket's text as the systemic scan compares it: the words smartcn cuts from it (stop words dropped,
 * synonyms folded into one word) and its character pairs (which catch what the dictionary cuts
 * differently, 一箱难求 against 箱子难求). Title terms count {@link #TITLE_WEIGHT} times: a title is the
 * complaint in a few words, a description wanders. Thread-safe: Lucene analyzers keep their state per thread.
 */
final class TicketText {

    /** How many times a title's term counts against a description's. */
    static final int TITLE_WEIGHT = 2;

    /** Characters dropped before pairing, so that 成本的上涨 and 成本上涨 make the same pairs. */
    private static final String PARTICLES = "的了着地得吧呢啊吗";

    // smartcn's own stop set is punctuation only; ours is in stopwords.txt.
    private static final Analyzer ANALYZER = new SmartChineseAnalyzer(true);
    private static final Set<String> STOP_WORDS = Set.copyOf(read("stopwords.txt"));
    private static final Map<String, String> SYNONYMS = synonyms(read("synonyms.txt"));
    /** The most words a synonym may have been cut into (一箱难求 -> 一/箱/难/求). */
    private static final int LONGEST_SYNONYM = 4;
    // Longest first, so that 问题 is cut out of a text before a shorter stop word inside it could be.
    private static final List<String> STOP_PHRASES = longestFirst(STOP_WORDS.stream().filter(w -> w.length() > 1));

    private TicketText() {
    }

    /**
     * Term counts of one ticket, its words and its character pairs apart, each sorted. Arrays of interned
     * strings, not maps: a finder keeps the last scan's terms, 25,000 tickets' worth.
     */
    record Terms(String[] words, int[] wordCounts, String[] pairs, int[] pairCounts) {
    }

    static Terms of(String title, String description) {
        Map<String, Integer> words = new TreeMap<>();
        Map<String, Integer> pairs = new TreeMap<>();
        String t = normalize(title);
        String d = normalize(description);
        addWords(t, TITLE_WEIGHT, words);
        addWords(d, 1, words);
        addPairs(t, TITLE_WEIGHT, pairs);
        addPairs(d, 1, pairs);
        return new Terms(words.keySet().stream().map(String::intern).toArray(String[]::new),
                words.values().stream().mapToInt(Integer::intValue).toArray(),
                pairs.keySet().stream().map(String::intern).toArray(String[]::new),
                pairs.values().stream().mapToInt(Integer::intValue).toArray());
    }

    /** Full-width letters and digits as half-width (NFKC), lower case, so that ＡＢＣ and abc are one word. */
    private static String normalize(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static List<String> longestFirst(Stream<String> words) {
        return words.sorted((a, b) -> b.length() != a.length() ? b.length() - a.length() : a.compareTo(b)).toList();
    }

    /**
     * Adds the text's words. A synonym is looked up on up to {@link #LONGEST_SYNONYM} adjacent words at
     * once, longest first, because the segmenter cuts phrases it does not know into characters: 一/箱/难/求
     * is 一箱难求 (短缺), while 海运/价格 stays apart although 运价 is a synonym of 运费.
     */
    private static void addWords(String text, int weight, Map<String, Integer> into) {
        if (text.isBlank()) {
            return;
        }
        List<String> words = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        try (TokenStream ts = ANALYZER.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                words.add(term.toString());
                starts.add(offset.startOffset());
                ends.add(offset.endOffset());
            }
            ts.end();
        } catch (IOException e) {
            // A StringReader does not fail; the analyzer's signature says it could.
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < words.size(); ) {
            String word = words.get(i);
            int next = i + 1;
            StringBuilder phrase = new StringBuilder(word);
            for (int k = i + 1; k < Math.min(words.size(), i + LONGEST_SYNONYM); k++) {
                if (!starts.get(k).equals(ends.get(k - 1))) {
                    break;
                }
                phrase.append(words.get(k));
                if (SYNONYMS.containsKey(phrase.toString())) {
                    word = phrase.toString();
                    next = k + 1;
                }
            }
            word = SYNONYMS.getOrDefault(word, word);
            if (meaningful(word)) {
                into.merge(word, weight, Integer::sum);
            }
            i = next;
        }
    }

    private static boolean meaningful(String word) {
        if (STOP_WORDS.contains(word)) {
            return false;
        }
        // Numbers (dates, amounts, order numbers) differ between tickets that say the same thing.
        return word.codePoints().anyMatch(cp -> Character.isLetter(cp));
    }

    /** Pairs of adjacent letters or digits, never across punctuation, a space or a cut-out stop phrase. */
    private static void addPairs(String text, int weight, Map<String, Integer> into) {
        if (text.isBlank()) {
            return;
        }
        String cut = text;
        for (String phrase : STOP_PHRASES) {
            if (cut.contains(phrase)) {
                cut = cut.replace(phrase, " ");
            }
        }
        int previous = -1;
        for (int i = 0; i < cut.length(); ) {
            int cp = cut.codePointAt(i);
            i += Character.charCount(cp);
            if (PARTICLES.indexOf(cp) >= 0) {
                continue;
            }
            if (!Character.isLetterOrDigit(cp)) {
                previous = -1;
                continue;
            }
            if (previous >= 0) {
                into.merge(new StringBuilder().appendCodePoint(previous).appendCodePoint(cp).toString(), weight,
                        Integer::sum);
            }
            previous = cp;
        }
    }

    private static List<String> read(String resource) {
        try (InputStream in = TicketText.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " beside " + TicketText.class.getName());
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> synonyms(List<String> lines) {
        Map<String, String> map = new HashMap<>();
        for (String line : lines) {
            String[] sides = line.split("=", 2);
            String canonical = sides[0].strip();
            // The canonical word is looked up too: the segmenter may cut it (出货 -> 出/货) like any variant.
            map.put(canonical, canonical);
            for (String variant : sides[1].split(",")) {
                map.put(variant.strip(), canonical);
            }
        }
        return Map.copyOf(map);
    }
}
