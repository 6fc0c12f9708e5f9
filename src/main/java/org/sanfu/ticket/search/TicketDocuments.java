package org.sanfu.ticket.search;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.sanfu.Sql;
import org.sanfu.ticket.TicketFilter;
import org.sanfu.ticket.TicketStatus;

/**
 * How a ticket becomes a Lucene document, and a list's filter a query, so that the index answers
 * exactly what the SQL list answers ({@code Tickets.list}).
 *
 * <p>Text: the SQL list matches {@code lower(column) like '%' || lower(word) || '%'} on the title, the
 * description, the enterprise's name as filed or as said (enterprise.name_as_said, {@code NameAsSaid}) or the town,
 * for each word of q (split at spaces, {@code Sql.words}; each word may be in another of them). Each is indexed
 * lowercased, as every single character
 * (unigram field) and every pair of neighbouring characters at consecutive positions (bigram field),
 * whatever the script. A one-character word is then one term, and a longer one the phrase of its pairs,
 * which matches exactly where the word is a substring: no dictionary (Chinese has no spaces; an analyzer
 * such as smartcn would cut 流动资金融资难 into words that miss 金融 or 资金融), no stemming, no stop words.
 * Fields stay apart, so a word never matches across two of them. Characters are code points, and
 * lowercasing is Java's, as H2's LOWER and Sql.contains do it.
 */
final class TicketDocuments {

    static final String KEY = "key";
    static final String ID = "id";
    static final String REPORTED = "reported";
    static final String STATUS = "status";
    static final String CATEGORY = "category";
    static final String TOWN = "town";
    static final String ENTERPRISE = "enterprise";
    static final String OVERDUE = "overdue";
    /** The lead department and the co-departments: the departments a ticket involves. */
    static final String INVOLVES = "involves";
    /** The lead department alone. */
    static final String LEAD = "lead";
    /** The username of whoever reported it (the list's reporter filter: a specialist's own). */
    static final String REPORTER = "reporter";
    /** Where it came from (the list's source filter: the office's hotline and online entries). */
    static final String SOURCE = "source";
    /**
     * The searched texts; each has a unigram field (name + "1") and a bigram field (name + "2"). The town's are
     * townText's, beside the town's keyword that its filter matches.
     */
    static final String[] TEXTS = {"title", "description", "enterpriseName", "enterpriseNameAsSaid", "townText"};

    /** The list's order, {@code reported_at desc, id desc}; also the index's, so a page stops early. */
    static final Sort ORDER = new Sort(new SortField(REPORTED, SortField.Type.LONG, true),
            new SortField(ID, SortField.Type.LONG, true));

    private static final FieldType UNIGRAMS = textType(IndexOptions.DOCS);
    private static final FieldType BIGRAMS = textType(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);

    private TicketDocuments() {
    }

    private static FieldType textType(IndexOptions options) {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setOmitNorms(true);
        type.setIndexOptions(options);
        type.freeze();
        return type;
    }

    /** Splits a (lowercased) text field into single characters or pairs, by the field's last digit. */
    static Analyzer analyzer() {
        // per field: the default strategy would reuse the first field's tokenizer for every field
        return new Analyzer(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                int n = field.endsWith("2") ? 2 : 1;
                return new TokenStreamComponents(new NGramTokenizer(n, n));
            }
        };
    }

    static Term key(long id) {
        return new Term(KEY, Long.toString(id));
    }

    static Document document(IndexedTicket t) {
        Document doc = new Document();
        doc.add(new StringField(KEY, Long.toString(t.id()), Field.Store.NO));
        doc.add(new NumericDocValuesField(ID, t.id()));
        long reported = micros(t.reportedAt());
        doc.add(new LongPoint(REPORTED, reported));
        doc.add(new NumericDocValuesField(REPORTED, reported));
        keyword(doc, STATUS, t.status());
        keyword(doc, CATEGORY, t.category());
        keyword(doc, TOWN, t.town());
        keyword(doc, ENTERPRISE, t.enterpriseCreditCode());
        keyword(doc, OVERDUE, Boolean.toString(t.overdue()));
        keyword(doc, INVOLVES, t.leadDepartment());
        keyword(doc, LEAD, t.leadDepartment());
        keyword(doc, REPORTER, t.reporter());
        keyword(doc, SOURCE, t.source());
        t.coDepartments().forEach(d -> keyword(doc, INVOLVES, d));
        text(doc, TEXTS[0], t.title());
        text(doc, TEXTS[1], t.description());
        text(doc, TEXTS[2], t.enterpriseName());
        if (t.enterpriseNameAsSaid() != null && !t.enterpriseNameAsSaid().equals(t.enterpriseName())) {
            // a name with no division at its start reads as filed: its own fields find it
            text(doc, TEXTS[3], t.enterpriseNameAsSaid());
        }
        text(doc, TEXTS[4], t.town());
        return doc;
    }

    private static void keyword(Document doc, String field, String value) {
        if (value != null) {
            doc.add(new StringField(field, value, Field.Store.NO));
        }
    }

    private static void text(Document doc, String field, String value) {
        if (value != null) {
            String lower = lower(value);
            doc.add(new Field(field + "1", lower, UNIGRAMS));
            doc.add(new Field(field + "2", lower, BIGRAMS));
        }
    }

    /** Lowercase as the SQL list compares (Sql.contains lowercases q in Java, H2's LOWER likewise). */
    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** The filter of {@code Tickets.list}, with the department a DEPT caller is confined to. */
    static Query query(TicketFilter f, String scopeDepartment) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int clauses = 0;
        for (String[] term : new String[][] {{INVOLVES, scopeDepartment}, {INVOLVES, f.department()},
                {LEAD, f.leadDepartment()}, {STATUS, f.status() == null ? null : f.status().name()},
                {CATEGORY, f.category()}, {TOWN, f.town()},
                {ENTERPRISE, f.enterprise()}, {REPORTER, f.reporter()}, {OVERDUE, f.overdue() == null ? null : f.overdue().toString()}}) {
            if (term[1] != null) {
                all.add(new TermQuery(new Term(term[0], term[1])), Occur.FILTER);
                clauses++;
            }
        }
        if (f.sources() != null) {
            // any of the sources asked for
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            f.sources().forEach(source -> any.add(new TermQuery(new Term(SOURCE, source)), Occur.SHOULD));
            all.add(any.build(), Occur.FILTER);
            clauses++;
        }
        if (f.open() != null) {
            // not CLOSED: every ticket but those (a query of MUST_NOT alone matches nothing)
            Query closed = new TermQuery(new Term(STATUS, TicketStatus.CLOSED.name()));
            if (f.open()) {
                all.add(new MatchAllDocsQuery(), Occur.FILTER);
                all.add(closed, Occur.MUST_NOT);
            } else {
                all.add(closed, Occur.FILTER);
            }
            clauses++;
        }
        if (f.from() != null || f.toExclusive() != null) {
            long from = f.from() == null ? Long.MIN_VALUE : ceilMicros(f.from());
            long to = f.toExclusive() == null ? Long.MAX_VALUE : ceilMicros(f.toExclusive()) - 1;
            all.add(LongPoint.newRangeQuery(REPORTED, from, to), Occur.FILTER);
            clauses++;
        }
        for (String word : f.q() == null ? List.<String>of() : Sql.words(f.q())) {
            // as typed or folded, as the SQL list matches it (Where.contains)
            BooleanQuery.Builder either = new BooleanQuery.Builder();
            for (String variant : Sql.asTypedOrFolded(word)) {
                either.add(contains(lower(variant)), Occur.SHOULD);
            }
            all.add(either.build(), Occur.FILTER);
            clauses++;
        }
        return clauses == 0 ? new MatchAllDocsQuery() : all.build();
    }

    /** Any of the texts contains {@code lower}, a word (not empty). */
    private static Query contains(String lower) {
        int[] chars = lower.codePoints().toArray();
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String field : TEXTS) {
            any.add(inField(field, chars), Occur.SHOULD);
        }
        return any.build();
    }

    private static Query inField(String field, int[] chars) {
        if (chars.length == 1) {
            return new TermQuery(new Term(field + "1", new String(chars, 0, 1)));
        }
        if (chars.length == 2) {
            return new TermQuery(new Term(field + "2", new String(chars, 0, 2)));
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        for (int i = 0; i + 1 < chars.length; i++) {
            phrase.add(new Term(field + "2", new String(chars, i, 2)), i);
        }
        return phrase.build();
    }

    /** Microseconds since the epoch: the databases' precision, and a long until the year 294247. */
    static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
    }

    /** The first microsecond not before {@code at}: a bound in nanoseconds compares as the databases do. */
    static long ceilMicros(Instant at) {
        return micros(at) + (at.getNano() % 1000 == 0 ? 0 : 1);
    }
}
