package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sanfu.PinyinOrder;
import org.sanfu.Sql;
import org.sanfu.SanfuTest;
import org.sanfu.enterprise.NameAsSaid;
import org.sanfu.ticket.search.TicketIndex;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ticket list answers from the search index exactly what its SQL answers: the same ids in the same
 * order and the same total, for generated tickets (Chinese, Latin in both cases, digits, LIKE's own
 * characters, an emoji; descriptions missing) and generated filters (text of one to five characters
 * taken from the tickets, their enterprises' names as said (温岭海通 for 温岭市海通…) or towns, or made up, in
 * other cases, or spanning two fields, which must not match across them; every other filter, a department's scope, pages). Runs on H2 and PostgreSQL. The
 * alphabet leaves out Σ and İ, the two letters the databases' own lowercasing disagrees on.
 */
@SanfuTest
class SearchEquivalenceTests {

    private static final String[] ALPHABET = {"集", "装", "箱", "出", "口", "紧", "张", "流", "动", "资", "金", "融",
            "难", "a", "A", "b", "B", "z", "Z", "1", "2", "0", " ", "-", "%", "_", "\\", "'", "é", "É", "Ω", "Ａ",
            "😀"};
    private static final String[] PHRASES = {"出口集装箱紧张", "流动资金融资难", "Container 40HQ", "资金", "温岭海通"};
    /** Divisions an enterprise's name may start with, read without their suffixes too (NameAsSaid). */
    private static final String[] DIVISIONS = {"温岭市", "浙江省温岭市", "", "大润发超市"};
    private static final String[] DEPARTMENTS = {"COMMERCE", "FINANCE", "TRANSPORT", "CUSTOMS"};
    private static final String[] CATEGORIES = {"CONTAINER", "FINANCING", "LABOR"};
    /** Who reported them: two specialists, dispatch (a hotline entry), and a name nobody has. */
    private static final String[] REPORTERS = {"staff1", "staff2", "dispatch", "nobody"};
    /** Where they came from: a visit's sources, a systemic case, a channel's code, and one no ticket has. */
    private static final String[] SOURCES = {"VISIT", "FORUM", "HOTLINE", "ONLINE", "SYSTEMIC", "HOTLINE_12345",
            "NONE"};

    @Autowired
    Tickets tickets;
    @Autowired
    TicketIndex index;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    private final Random random = new Random(20261213L);

    @Test
    void theIndexAnswersEveryListExactlyAsTheSql() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> towns = List.of("大桥镇" + run, "乙镇" + run, "Town-" + run);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            codes.add(enterprise(run, i, towns.get(i % towns.size())));
        }
        long visit = visit(codes.get(0));
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            times.add(Instant.parse("2024-03-01T00:00:00Z").plus(Duration.ofMinutes(random.nextInt(60 * 24 * 90)))
                    .plusNanos(random.nextInt(1000) * 1000L));
        }
        List<String[]> texts = new ArrayList<>();
        for (int batch = 0; batch < 30; batch++) {
            transactions.executeWithoutResult(status -> {
                for (int i = 0; i < 10; i++) {
                    String code = codes.get(random.nextInt(codes.size()));
                    String title = text(1, 12);
                    String description = random.nextInt(10) < 3 ? null : text(0, 30);
                    String name = enterpriseName(code);
                    texts.add(new String[] {title, description, name, NameAsSaid.of(name), town(code)});
                    long id = tickets.insert(new NewTicket(visit, code, name, town(code),
                            REPORTERS[random.nextInt(REPORTERS.length - 1)],
                            CATEGORIES[random.nextInt(CATEGORIES.length)], title, description, Urgency.NORMAL,
                            SOURCES[random.nextInt(SOURCES.length - 1)], times.get(random.nextInt(times.size())), false,
                            null), 1, 7, Instant.now());
                    shape(id);
                }
            });
        }
        awaitReady();
        compare(400, codes, towns, texts, times);

        // changes after the index is built: statuses, departments, an enterprise renamed
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < 20; i++) {
                Long id = jdbc.sql("select id from ticket where enterprise_credit_code = ? order by id limit 1 offset ?")
                        .params(codes.get(random.nextInt(codes.size())), random.nextInt(20)).query(Long.class)
                        .optional().orElse(null);
                if (id != null) {
                    shape(id);
                }
            }
            tickets.renameEnterprise(codes.get(1), "改名" + text(2, 6), towns.get(2));
        });
        texts.add(new String[] {enterpriseName(codes.get(1)), null, null, null, towns.get(2)});
        compare(200, codes, towns, texts, times);
    }

    private void compare(int queries, List<String> codes, List<String> towns, List<String[]> texts,
            List<Instant> times) {
        int found = 0;
        for (int n = 0; n < queries; n++) {
            TicketFilter filter = new TicketFilter(
                    maybe(TicketStatus.values()[random.nextInt(TicketStatus.values().length)]),
                    maybe(DEPARTMENTS[random.nextInt(DEPARTMENTS.length)]),
                    maybe(CATEGORIES[random.nextInt(CATEGORIES.length)]),
                    maybe(towns.get(random.nextInt(towns.size()))),
                    maybe(codes.get(random.nextInt(codes.size()))),
                    maybe(random.nextBoolean()),
                    maybe(times.get(random.nextInt(times.size()))),
                    maybe(times.get(random.nextInt(times.size())).plusNanos(random.nextInt(2) * 500)),
                    random.nextInt(10) < 8 ? q(texts) : null,
                    maybe(DEPARTMENTS[random.nextInt(DEPARTMENTS.length)]),
                    maybe(random.nextBoolean()),
                    maybe(REPORTERS[random.nextInt(REPORTERS.length)]),
                    maybe(sources()));
            String scope = random.nextInt(5) == 0 ? DEPARTMENTS[random.nextInt(DEPARTMENTS.length)] : null;
            PageParams page = new PageParams(random.nextInt(4) == 0 ? random.nextInt(3) : 0, 1 + random.nextInt(60));
            assertThat(index.page(filter, scope, page.offset(), page.size())).as("answered by the index").isPresent();
            PageResult<Ticket> fromIndex = tickets.list(filter, scope, page);
            PageResult<Ticket> fromSql = tickets.listInSql(filter, scope, page);
            assertThat(fromIndex.items().stream().map(Ticket::id).toList())
                    .as("%s scope %s %s", filter, scope, page)
                    .isEqualTo(fromSql.items().stream().map(Ticket::id).toList());
            assertThat(fromIndex.total()).as("%s scope %s", filter, scope).isEqualTo(fromSql.total());
            assertThat(fromIndex.items()).isEqualTo(fromSql.items());
            found += fromSql.total() > 0 ? 1 : 0;
        }
        // a comparison of empty answers proves little: most must find something
        assertThat(found).as("queries that found tickets").isGreaterThan(queries / 3);
    }

    /** One to three sources, any of which matches (a list's source= given more than once). */
    private List<String> sources() {
        List<String> some = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            some.add(SOURCES[random.nextInt(SOURCES.length)]);
        }
        return some;
    }

    /** Mostly the filters a list is asked for: text, with now and then each other filter. */
    private <T> T maybe(T value) {
        return random.nextInt(4) == 0 ? value : null;
    }

    private String q(List<String[]> texts) {
        String[] t = texts.get(random.nextInt(texts.size()));
        switch (random.nextInt(6)) {
            case 0:
                return text(1, 4);
            case 1:
                // the end of the title and the start of the description: only within one field may it match
                if (t[1] != null && !t[1].isEmpty()) {
                    return t[0].substring(Math.max(0, t[0].length() - 2)) + t[1].substring(0, Math.min(2, t[1].length()));
                }
                return PHRASES[random.nextInt(PHRASES.length)].substring(0, 2);
            case 2:
                String phrase = PHRASES[random.nextInt(PHRASES.length)];
                int start = random.nextInt(phrase.length() - 1);
                return phrase.substring(start, start + 1 + random.nextInt(phrase.length() - start));
            default:
                // the title, the description, the name as filed or as said, the town
                String field = t[random.nextInt(t.length)];
                if (field == null || field.isEmpty()) {
                    return text(1, 3);
                }
                int[] chars = field.codePoints().toArray();
                int from = random.nextInt(chars.length);
                int length = 1 + random.nextInt(Math.min(5, chars.length - from));
                String sub = new String(chars, from, length);
                return random.nextBoolean() ? sub.toUpperCase() : sub;
        }
    }

    /** Random status, lead and co-departments, overdue, in the same transaction as the caller's. */
    private void shape(long id) {
        Instant now = Instant.now();
        if (random.nextInt(4) > 0) {
            List<String> co = new ArrayList<>();
            for (String d : DEPARTMENTS) {
                if (random.nextInt(4) == 0) {
                    co.add(d);
                }
            }
            tickets.route(id, DEPARTMENTS[random.nextInt(DEPARTMENTS.length)], co, 1, 7, now, now, now, now, now);
        }
        tickets.setStatus(id, TicketStatus.values()[random.nextInt(TicketStatus.values().length)], now);
        if (random.nextInt(3) == 0) {
            tickets.markOverdue(id, DeadlineClock.SIGN);
        }
    }

    private String text(int min, int max) {
        StringBuilder text = new StringBuilder();
        int length = min + random.nextInt(max - min + 1);
        while (text.codePointCount(0, text.length()) < length) {
            if (random.nextInt(8) == 0) {
                text.append(PHRASES[random.nextInt(PHRASES.length)]);
            } else {
                text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
        }
        return text.toString().strip().isEmpty() ? "题" : text.toString();
    }

    private String enterprise(String run, int i, String town) {
        String code = ("91330" + run.toUpperCase() + "000000").substring(0, 17) + i;
        String name = DIVISIONS[i % DIVISIONS.length] + "海通" + text(1, 6);
        jdbc.sql("insert into enterprise (credit_code, name, name_order, name_as_said, town, industry, exporter, "
                        + "key_enterprise, created_at, updated_at) values (?, ?, ?, ?, ?, '水泵', true, false, ?, ?)")
                .params(code, name, PinyinOrder.key(name), NameAsSaid.of(name), town, Sql.ts(Instant.now()),
                        Sql.ts(Instant.now())).update();
        return code;
    }

    private String enterpriseName(String code) {
        return jdbc.sql("select name from enterprise where credit_code = ?").param(code).query(String.class).single();
    }

    private String town(String code) {
        return jdbc.sql("select town from enterprise where credit_code = ?").param(code).query(String.class).single();
    }

    private long visit(String code) {
        return jdbc.sql("insert into visit (enterprise_credit_code, visited_at, staff, source, created_at) "
                        + "values (?, ?, 'staff1', 'VISIT', ?)")
                .params(code, Sql.ts(Instant.now()), Sql.ts(Instant.now()))
                .update(new org.springframework.jdbc.support.GeneratedKeyHolder(), "id") > 0
                ? jdbc.sql("select max(id) from visit where enterprise_credit_code = ?").param(code)
                        .query(Long.class).single()
                : -1;
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!index.ready() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(index.ready()).as("the index is built").isTrue();
    }
}
